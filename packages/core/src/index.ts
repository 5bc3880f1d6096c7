export type { CellSummary, DispatchCost } from './analysis.ts';
export { coresOf, dispatchCosts, environmentWarnings, summarize } from './analysis.ts';
export type { CliRequest, ParseContext } from './args.ts';
export { parseArgs, parseWorkers, usage } from './args.ts';
export { BATCH_VARS, batchFromEnv, batchProblem, MAX_ROUNDS } from './batch.ts';
export type { Atom, BootstrapMethod, RatioInterval } from './bootstrap.ts';
export { BOOTSTRAP_RESAMPLES, MAX_EXACT_N, medianBootstrap, ratioInterval } from './bootstrap.ts';
export type { CliIo } from './cli.ts';
export { EXIT, runCli, runnerMain } from './cli.ts';
export { decodeResult, encodeResult } from './codec.ts';
export type { Comparability } from './comparability.ts';
export { comparable, WORK_PARAMS } from './comparability.ts';
export { childProcessTransport, workerThreadsTransport } from './compat.ts';
export {
  DEFAULT_COUNT,
  DEFAULT_CPU_ITERS,
  DEFAULT_IO_MS,
  EXTENDED_WORKERS,
  MAX_UPLOAD_BYTES,
  SCHEMA_VERSION,
  SLOW_START_VARS,
  STANDARD_WORKERS,
  TOOL_NAME,
  TOOL_VERSION,
} from './constants.ts';
export { otherCpuShare, readCpuCounters } from './cpu-share.ts';
export type { CellKey, Phase, RunGroups } from './cross-run.ts';
export { batchRuns, cellSamples, runGroups, unitsOf } from './cross-run.ts';
export { collectEnv, recordedVars } from './env.ts';
export { HubError, ResultFileError, RunAborted, UsageError } from './errors.ts';
export type { FidelityCheck } from './fidelity.ts';
export { fidelityChecks } from './fidelity.ts';
export type { CurvePoint, Dominant, ScalabilityFit, ScalabilityFitOk, ScalabilityPoint } from './fit.ts';
export { fitCurve, fitScalability, MIN_BEST_CAPACITY, MIN_DISTINCT_WORKERS, NEGLIGIBLE_LOSS } from './fit.ts';
export type { ParallelismScale, ScalabilityModel } from './fit-model.ts';
export { effectiveParallelism } from './fit-model.ts';
export type { SeriesFit } from './fit-run.ts';
export { capsAtCores, fitRun, throughputPerSecond } from './fit-run.ts';
export type { Estimate } from './fit-stats.ts';
export type { FlagKind, Flags } from './flags.ts';
export { readCommandLine, readFlags } from './flags.ts';
export { killAllWorkers, liveWorkerCount, liveWorkerPids, measureRoundTrip, runHub, runMain } from './hub.ts';
export type { LineFit } from './line-fit.ts';
export { fitLine } from './line-fit.ts';
export type { MedianInterval } from './median-interval.ts';
export { medianInterval } from './median-interval.ts';
export type { PresetName } from './presets.ts';
export { preset } from './presets.ts';
export { formatDuration, ProgressPrinter, progressLine } from './progress.ts';
export type { HubMessage, WireError, WorkerMessage } from './protocol.ts';
export { toWireError } from './protocol.ts';
export type { CellEvidence, Recommendation } from './recommend.ts';
export { recommend } from './recommend.ts';
export type { Wording } from './recommend-words.ts';
export { KNEE_SHARE, sentence, undecided } from './recommend-words.ts';
export type { StartRow, StartSubject, StartVariant } from './start-bench.ts';
export { benchEntry, compareStarts, formatStartTable, timeStart } from './start-bench.ts';
export type { Stats } from './stats.ts';
export { describe, idealSpeedup, median, separated, tQuantile95 } from './stats.ts';
export { formatSummary } from './summary.ts';
export type { PlannedCell, SweepOptions, SweepProgress, SweepResult } from './sweep.ts';
export { planCells, runSweep } from './sweep.ts';
export type { Answers } from './tasks.ts';
export { cpuWork, expectedAnswers, runTask } from './tasks.ts';
export type { ExitInfo, RuntimeAdapter, StartOptions, Transport, WorkerEvents, WorkerHandle } from './transport.ts';
export type {
  Batch,
  Cell,
  Env,
  Fault,
  Impl,
  MainMode,
  Mode,
  ResultFile,
  RoundTrip,
  RunConfig,
  RuntimeName,
  Sample,
  TaskKind,
  TaskParams,
  WorkerEnv,
  WorkerMode,
  WorkerSet,
} from './types.ts';
export { uploadResult } from './upload.ts';
export type { Verdict } from './verdict.ts';
export { EQUAL_MARGIN, verdict } from './verdict.ts';
export type { WorkerCost } from './worker-cost.ts';
export { workerCosts } from './worker-cost.ts';
export type { WorkerEntry } from './worker-entries.ts';
export { workerEntry } from './worker-entries.ts';
export { workerProcessEnv } from './worker-env.ts';
export type { WorkerPort } from './worker-loop.ts';
export { InjectedFault, serveWorker } from './worker-loop.ts';
export { defaultResultsDir, resultFileName, writeAtomic, writeResult } from './write.ts';
