// ln(k!) for k = 0.. as far as asked, grown on demand: binomial terms are taken in logs so that
// C(n, k) p^k (1-p)^(n-k) stays finite for samples in the thousands.
const logFactorial: number[] = [0];

/** ln(k!), from a table grown on demand. */
export function lnFactorial(k: number): number {
  for (let i = logFactorial.length; i <= k; i++) logFactorial.push((logFactorial[i - 1] as number) + Math.log(i));
  return logFactorial[k] as number;
}

/** ln C(n, k). */
export const lnChoose = (n: number, k: number): number => lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k);

/** P(Bin(n, p) >= k), summed term by term in logs. */
export function binomialAtLeast(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let j = k; j <= n; j++) sum += Math.exp(lnChoose(n, j) + j * lp + (n - j) * lq);
  return Math.min(1, sum);
}
