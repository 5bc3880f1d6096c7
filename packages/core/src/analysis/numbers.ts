/** Milliseconds with as many digits as matter: 1234, 56.7, 8.90. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms === 0) return '0';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** A speedup or ratio as the article wrote them: 7.6x, 0.42x. */
export function fmtX(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return `${x >= 2 ? x.toFixed(1) : x.toFixed(2)}x`;
}

/** An interval of a speedup or ratio, both ends with the same digits: 1.39–1.50x, 2.08–2.12x, 13.1–13.6x. */
export function fmtXRange(lo: number, hi: number): string {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '-';
  // Two decimals below 10: one would print a tight interval around 2.1 as 2.1–2.1x.
  const digits = lo >= 10 ? 1 : 2;
  return `${lo.toFixed(digits)}–${hi.toFixed(digits)}x`;
}

/** A share as a whole percent. */
export const fmtPct = (share: number): string => `${Math.round(share * 100)}%`;

/** Bytes in binary units: 512 MiB, 24.0 GiB. */
export function fmtBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** How runtimes are written in sentences where capitalising the first letter is not enough. */
const RUNTIME_NAMES: Readonly<Record<string, string>> = { cpython: 'CPython' };

/** A runtime's name for sentences: Node, Bun, Deno, CPython. */
export const runtimeName = (runtime: string): string =>
  RUNTIME_NAMES[runtime] ?? runtime.charAt(0).toUpperCase() + runtime.slice(1);

/** Task kind for sentences: IO, CPU, noop. */
export const taskName = (task: string): string => (task === 'noop' ? 'noop' : task.toUpperCase());

/**
 * A task as a run's reader knows it: a module task by its module's name ("json-parse"), as the
 * terminal's tables say it, any other kind as `taskName` does.
 */
export const taskTitle = (task: string, moduleName?: string): string =>
  task === 'module' && moduleName ? moduleName : taskName(task);
