import type { SweepProgress } from '../engine/sweep.ts';

/** "1m05s", "12s", "0.4s". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** One line that says where the sweep is. */
export function progressLine(p: SweepProgress): string {
  const c = p.cell;
  const eta = p.etaMs === undefined ? '' : `  ~${formatDuration(p.etaMs)} left`;
  return `[${p.cellIndex + 1}/${p.cellCount}] ${c.task} ${c.mode}/${c.impl} x${c.workers}${c.warm ? ' warm' : ''}  run ${p.run + 1}/${p.runs}${eta}`;
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
      this.out.write(`${progressLine(p)}\n`);
    }
  }

  /** Clear the in-place line before other output. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
