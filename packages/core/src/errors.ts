/** A bad flag or value on the command line: print usage and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
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
