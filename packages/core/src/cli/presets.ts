import {
  ASYNC_CPU_MAX_WORKERS,
  DEFAULT_COUNT,
  DEFAULT_CPU_ITERS,
  DEFAULT_IO_MS,
  DEFAULT_REPEAT,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WARMUP,
  FIRST_RUN_REPEAT,
  PRESETS,
  STANDARD_WORKERS,
} from '../constants.ts';
import type { Clock, Mode, RunConfig, TaskKind } from '../format/types.ts';

export type PresetName = RunConfig['preset'];
export { PRESETS };

/** The part of a config a preset sets; flags given on the command line win over it. */
export type PresetValues = Pick<
  RunConfig,
  'tasks' | 'modes' | 'workers' | 'workerSet' | 'count' | 'repeat' | 'warmup' | 'ioMs' | 'cpuIters' | 'timeoutMs'
> & { clock: Clock } & Partial<Pick<RunConfig, 'asyncCpuMaxWorkers'>>;

const TASKS: TaskKind[] = ['io', 'cpu'];
/** Both pools and both baselines: the question includes "or just the event loop?". */
const MODES: Mode[] = ['threads', 'processes', 'sequential', 'async'];

/** Named starting points for a sweep. */
export function preset(name: PresetName): PresetValues {
  const base: PresetValues = {
    tasks: TASKS,
    modes: MODES,
    workers: [...STANDARD_WORKERS],
    workerSet: 'standard',
    count: DEFAULT_COUNT,
    repeat: DEFAULT_REPEAT,
    warmup: DEFAULT_WARMUP,
    ioMs: DEFAULT_IO_MS,
    cpuIters: DEFAULT_CPU_ITERS,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    // The worker-cost figures need spawn as a phase; README says why the default keeps it.
    clock: 'phases',
  };
  switch (name) {
    case 'default':
      // A first run in minutes: every section of the report, fewer runs and no async cpu cell that
      // repeats the main thread (constants.ts says why each).
      return { ...base, repeat: FIRST_RUN_REPEAT, asyncCpuMaxWorkers: ASYNC_CPU_MAX_WORKERS };
    case 'quick':
      // Seconds, not minutes: enough to see the shape and to check an install.
      return {
        ...base,
        workers: [1, 2, 4],
        workerSet: 'custom',
        count: 20,
        repeat: 3,
        ioMs: 10,
        cpuIters: 2_000_000,
        asyncCpuMaxWorkers: ASYNC_CPU_MAX_WORKERS,
      };
    case 'article':
      // The article's scale: 100 tasks of about 100 ms each (10 s for one worker), 5 runs, every cell.
      // Timed as the article's hub was: no barrier, from creating the pool to the last exit.
      return { ...base, ioMs: 100, cpuIters: 60_000_000, timeoutMs: 120_000, clock: 'article' };
  }
}
