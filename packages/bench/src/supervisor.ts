import { EXIT } from '@tvp/core';
import type { Runner } from './discover.ts';
import { type Invocation, type Outcome, startRunner } from './invoke.ts';

/** The signals that stop a bench. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * Runs one runner at a time and owns SIGINT and SIGTERM meanwhile. The first signal goes on to
 * the running runner (it writes the cells it finished and exits 130 or 143) and no other runner
 * starts; a second one kills the runner with SIGKILL and exits at once. On Windows the first is
 * not passed on: there kill() with any signal is TerminateProcess, which would leave no file,
 * and a Ctrl-C reaches the runner by itself, as it shares the bench's console. (Untested on
 * Windows: only this choice is tested, on Linux.)
 */
export class Supervisor {
  /** The signal that stopped the bench, once one came. */
  stoppedBy: StopSignal | undefined;
  private current: Invocation | undefined;
  private readonly onInt = () => this.onSignal('SIGINT');
  private readonly onTerm = () => this.onSignal('SIGTERM');
  // The runner has its own process group, so it would outlive a bench that dies some other way.
  private readonly onExit = () => this.current?.kill('SIGKILL');

  constructor(
    private readonly exit: (code: number) => never = process.exit,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    process.on('SIGINT', this.onInt);
    process.on('SIGTERM', this.onTerm);
    process.on('exit', this.onExit);
  }

  /** What a stop signal does (the process's handlers call this). */
  onSignal(signal: StopSignal): void {
    if (this.stoppedBy) {
      this.current?.kill('SIGKILL');
      this.exit(EXIT[signal]);
      return;
    }
    this.stoppedBy = signal;
    if (this.platform !== 'win32') this.current?.kill(signal);
  }

  /** Run one runner to its end; undefined when a signal came before it could start. */
  async run(runner: Runner, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Outcome | undefined> {
    if (this.stoppedBy) return undefined;
    const invocation = startRunner(runner, args, env, this.platform);
    this.current = invocation;
    try {
      return await invocation.done;
    } finally {
      this.current = undefined;
    }
  }

  /** Give the signals back to their default handling. */
  close(): void {
    process.off('SIGINT', this.onInt);
    process.off('SIGTERM', this.onTerm);
    process.off('exit', this.onExit);
  }
}
