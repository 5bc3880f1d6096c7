/** A command line a runner must refuse before it starts anything, and the message that must say why. */
export interface BadFlags {
  args: readonly string[];
  message: RegExp;
}

/**
 * Bad flags that every runner refuses alike, whatever its runtime, because core parses them: core's
 * parser test and each runner's command-line test run this one table (a runner adds its own
 * `--impl` case), so no runner's copy can drift from the parser.
 */
export const BAD_FLAGS: readonly BadFlags[] = [
  { args: ['--workers', '0'], message: /--workers: '0' is not a worker count/ },
  { args: ['--workers', '-3'], message: /--workers: '-3' is not a worker count/ },
  { args: ['--workers', '2.5'], message: /--workers: '2.5' is not a worker count/ },
  { args: ['--workers', 'abc'], message: /--workers: 'abc' is not a worker count/ },
  { args: ['--task', 'disk'], message: /--task: unknown value 'disk'; accepted: io, cpu, noop/ },
  // A misspelt module task: the suggestion, and the flag that names a module.
  {
    args: ['--task', 'modul'],
    message: /--task: unknown value 'modul' \(did you mean module\?\); .*--task-module PATH/,
  },
  {
    args: ['--mode', 'fibers'],
    message: /--mode: unknown value 'fibers'; accepted: threads, processes, sequential, async/,
  },
  { args: ['--repeat', '0'], message: /--repeat: '0' is not valid/ },
];
