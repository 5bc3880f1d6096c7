// The API of threads-vs-processes: `measure()` runs the sweep `tvp run` runs and returns the
// object it writes, with the recommendation; the result file's reader and the analysis come along.
export type {
  Cell,
  Env,
  Impl,
  Mode,
  ResultFile,
  RunConfig,
  RuntimeName,
  Sample,
  SweepProgress,
  TaskKind,
  TaskModuleInfo,
  WorkerEnv,
  WorkerMode,
} from '@tvp/core';
export { decodeResult, encodeResult, ResultFileError } from '@tvp/core';
export type { CellEvidence, Recommendation } from '@tvp/core/analysis';
export { recommend } from '@tvp/core/analysis';
export type { Measured } from './measure.ts';
export { MeasureAborted, measure } from './measure.ts';
export type { MeasureOptions } from './measure-options.ts';
export { MeasureOptionError } from './measure-options.ts';
