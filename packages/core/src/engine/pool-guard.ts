import { TEARDOWN_LIMIT_MS } from '../constants.ts';
import { HubError, RunAborted } from '../errors.ts';
import type { Phase } from './pool.ts';

/**
 * The watchdog of a library-pool hub run, the counterpart of watchdog.ts for `Pool`: the spawn
 * phase may last `timeoutMs`, each task in flight `timeoutMs`, the teardown TEARDOWN_LIMIT_MS;
 * an abort stops the run. A breach rejects `failed`, which each phase races against.
 */
export class PoolGuard {
  phase: Phase = 'spawn';
  /** What a spawn phase past its limit failed to do, for its message. */
  late = 'workers not ready';
  /** The spawn phase's limit, ms: `timeoutMs` unless set. */
  spawnLimitMs: number;
  phaseStartedAt = performance.now();
  /** Tasks in flight: id to the time it was submitted. */
  readonly inFlight = new Map<number, number>();
  readonly failed: Promise<never>;
  private reject: (err: Error) => void = () => {};
  private failure: Error | undefined;
  private readonly interval: ReturnType<typeof setInterval>;
  private readonly onAbort = () => this.fail(new RunAborted());

  constructor(
    private readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.spawnLimitMs = timeoutMs;
    this.failed = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    // Nobody may be racing it when it fails (between phases): the phase that follows sees it.
    this.failed.catch(() => {});
    signal?.addEventListener('abort', this.onAbort, { once: true });
    const tick = Math.max(10, Math.min(1000, timeoutMs / 4));
    this.interval = setInterval(() => this.check(), tick);
    if (signal?.aborted) this.onAbort();
  }

  /** Enter a phase and race `work` against any fault. */
  run<T>(phase: Phase, work: Promise<T>): Promise<T> {
    this.phase = phase;
    this.phaseStartedAt = performance.now();
    if (this.failure) return Promise.reject(this.failure);
    work.catch(() => {}); // a late rejection, after the guard has failed, is expected
    return Promise.race([work, this.failed]);
  }

  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.reject(err);
  }

  private check(): void {
    const now = performance.now();
    const inPhase = now - this.phaseStartedAt;
    if (this.phase === 'spawn' && inPhase > this.spawnLimitMs) {
      const why = this.spawnLimitMs === this.timeoutMs ? ' (--timeout-ms)' : '';
      this.fail(new HubError(`${this.late} after ${this.spawnLimitMs} ms${why}`));
    } else if (this.phase === 'teardown' && inPhase > TEARDOWN_LIMIT_MS) {
      this.fail(new HubError(`pool still running ${TEARDOWN_LIMIT_MS} ms after being destroyed`));
    } else if (this.phase === 'work') {
      for (const [id, sentAt] of this.inFlight) {
        if (now - sentAt > this.timeoutMs) {
          this.fail(new HubError(`task ${id} ran past ${this.timeoutMs} ms (--timeout-ms)`));
          return;
        }
      }
    }
  }

  /** Stop watching. */
  disarm(): void {
    clearInterval(this.interval);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}
