/** An estimate and its standard error, in the estimate's own unit. */
export interface Estimate {
  value: number;
  se: number;
}

/**
 * The inverse of a symmetric positive-definite matrix, or undefined when it is singular. The matrix
 * is first scaled to a unit diagonal, so that parameters of very different sizes (gamma near 1,
 * kappa near 1e-4) do not pass for a singular matrix; then Gauss-Jordan with partial pivoting.
 */
export function invertSymmetric(a: readonly (readonly number[])[]): number[][] | undefined {
  const k = a.length;
  const scale = a.map((row, i) => {
    const d = row[i] as number;
    return d > 0 ? 1 / Math.sqrt(d) : 0;
  });
  if (scale.some((s) => s === 0 || !Number.isFinite(s))) return undefined;
  const m = a.map((row, i) => [
    ...row.map((v, j) => v * (scale[i] as number) * (scale[j] as number)),
    ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) {
      if (Math.abs(m[r]?.[col] as number) > Math.abs(m[pivot]?.[col] as number)) pivot = r;
    }
    // On a unit diagonal, a pivot this small means the columns are dependent to machine precision.
    if (Math.abs(m[pivot]?.[col] as number) < 1e-12) return undefined;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const row = m[col] as number[];
    const p = row[col] as number;
    for (let j = 0; j < 2 * k; j++) row[j] = (row[j] as number) / p;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const other = m[r] as number[];
      const f = other[col] as number;
      for (let j = 0; j < 2 * k; j++) other[j] = (other[j] as number) - f * (row[j] as number);
    }
  }
  return m.map((row, i) => row.slice(k).map((v, j) => v * (scale[i] as number) * (scale[j] as number)));
}

/**
 * Standard errors of least-squares parameters: the square roots of the diagonal of
 * s^2 (J^T J)^-1, where J holds the model's partial derivatives at the solution (one row per
 * point) and s^2 = SSR / (n - k) is the residual variance. Infinity where J^T J is singular.
 */
export function standardErrors(jacobian: readonly (readonly number[])[], ssr: number): number[] {
  const n = jacobian.length;
  const k = jacobian[0]?.length ?? 0;
  const jtj = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) =>
      jacobian.reduce((sum, row) => sum + (row[i] as number) * (row[j] as number), 0),
    ),
  );
  const inv = invertSymmetric(jtj);
  if (inv === undefined || n <= k) return Array.from({ length: k }, () => Number.POSITIVE_INFINITY);
  const variance = ssr / (n - k);
  return inv.map((row, i) => Math.sqrt(Math.max(0, variance * (row[i] as number))));
}

/** Sum of squared residuals of fitted values against observed ones. */
export function sumSquares(ys: readonly number[], fitted: readonly number[]): number {
  return ys.reduce((sum, y, i) => sum + (y - (fitted[i] as number)) ** 2, 0);
}

/** Coefficient of determination, 1 - SSR / SST; 1 when the data have no variance and are met. */
export function rSquared(ys: readonly number[], fitted: readonly number[]): number {
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sst = ys.reduce((sum, y) => sum + (y - mean) ** 2, 0);
  const ssr = sumSquares(ys, fitted);
  if (sst === 0) return ssr === 0 ? 1 : 0;
  return 1 - ssr / sst;
}
