/** A bad flag or value on the command line: say what is wrong (`usageErrorText`) and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * What a command prints for a usage error: the message, then where the flags are listed. Not the
 * whole usage: a 50-line help after the message pushes the one line that matters off the screen.
 */
export function usageErrorText(message: string, help = '--help', prefix = 'error'): string {
  return `${prefix}: ${message.replace(/ \(see --help\)$/, '')}\n(${help} lists every flag and its default)\n`;
}

/** A hub run failed: a task threw, a worker stopped, a task hung, an answer was wrong. */
export class HubError extends Error {
  override name = 'HubError';
}

/** The sweep was stopped by a signal. */
export class RunAborted extends Error {
  override name = 'RunAborted';
  constructor() {
    super('stopped by a signal');
  }
}

/**
 * Whether a failure ends the run as an abort: `RunAborted` itself, or any failure seen once the
 * run's signal has aborted. A signal's handler kills every worker before it aborts, and a runtime
 * may report a killed worker's exit at once (Deno does for its threads), so the exit can win the
 * race against the abort: the cell in progress was interrupted, not failed.
 */
export const endedByAbort = (err: unknown, signal: AbortSignal | undefined): boolean =>
  err instanceof RunAborted || signal?.aborted === true;

/** A result file that cannot be read: names the file and the field. */
export class ResultFileError extends Error {
  override name = 'ResultFileError';
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${detail}`);
  }
}
