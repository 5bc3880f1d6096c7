import type { SweepProgress } from '../engine/sweep.ts';

/** "1m05s", "12s", "0.4s". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(s % 60).padStart(2, '0')}s`;
}

const cellName = (p: SweepProgress): string => {
  const c = p.cell;
  return `[${p.cellIndex + 1}/${p.cellCount}] ${c.task} ${c.mode}/${c.impl} x${c.workers}${c.warm ? ' warm' : ''}`;
};

const etaOf = (p: SweepProgress): string => (p.etaMs === undefined ? '' : `  ~${formatDuration(p.etaMs)} left`);

/**
 * One line that says where the sweep is. Warm-up runs and measured runs are counted apart, as
 * the summary counts them ("over 3 runs"): `--quick`'s 1 warm-up and 3 runs read "warm-up 1/1",
 * then "run 1/3" to "run 3/3", never "run 1/4".
 */
export function progressLine(p: SweepProgress): string {
  const which =
    p.run < p.warmup ? `warm-up ${p.run + 1}/${p.warmup}` : `run ${p.run - p.warmup + 1}/${p.runs - p.warmup}`;
  return `${cellName(p)}  ${which}${etaOf(p)}`;
}

/** The one line a pipe gets per cell: what the cell will run ("1 warm-up + 3 runs"), written as it starts. */
export function cellLine(p: SweepProgress): string {
  const measured = p.runs - p.warmup;
  const runs = `${measured} run${measured === 1 ? '' : 's'}`;
  return `${cellName(p)}  ${p.warmup > 0 ? `${p.warmup} warm-up + ${runs}` : runs}${etaOf(p)}`;
}

/** Minimal writable: a stream with `write` and maybe `isTTY`. */
export interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

/**
 * Progress on stderr: one line rewritten in place on a terminal; on a pipe or file, one plain
 * line per cell (not per run) so that logs stay readable.
 */
export class ProgressPrinter {
  private lastCell = -1;
  private drawn = false;
  constructor(private readonly out: Out) {}

  update(p: SweepProgress): void {
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[K${progressLine(p)}`);
      this.drawn = true;
    } else if (p.cellIndex !== this.lastCell) {
      this.lastCell = p.cellIndex;
      this.out.write(`${cellLine(p)}\n`);
    }
  }

  /** Clear the in-place line before other output. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
