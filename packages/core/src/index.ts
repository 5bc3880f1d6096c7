export type { CellSummary, DispatchCost } from './analysis.ts';
export { coresOf, dispatchCosts, environmentWarnings, summarize } from './analysis.ts';
export type { CliRequest, ParseContext } from './args.ts';
export { parseArgs, parseWorkers, usage } from './args.ts';
export type { CliIo } from './cli.ts';
export { EXIT, runCli, runnerMain } from './cli.ts';
export { decodeResult, encodeResult } from './codec.ts';
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
export { collectEnv, recordedVars } from './env.ts';
export { HubError, ResultFileError, RunAborted, UsageError } from './errors.ts';
export type { FidelityCheck } from './fidelity.ts';
export { fidelityChecks } from './fidelity.ts';
export { encodeFrame, FrameDecoder, MAX_FRAME_BYTES } from './frames.ts';
export { killAllWorkers, liveWorkerCount, liveWorkerPids, measureRoundTrip, runHub, runMain } from './hub.ts';
export type { PresetName } from './presets.ts';
export { preset } from './presets.ts';
export { formatDuration, ProgressPrinter, progressLine } from './progress.ts';
export type { HubMessage, WireError, WorkerMessage } from './protocol.ts';
export { toWireError } from './protocol.ts';
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
export type { WebWorkerExit } from './web-exit.ts';
export { isWebWorkerExit } from './web-exit.ts';
export type { WorkerEntry } from './worker-entries.ts';
export { workerEntry } from './worker-entries.ts';
export { workerProcessEnv } from './worker-env.ts';
export type { WorkerPort } from './worker-loop.ts';
export { InjectedFault, serveWorker } from './worker-loop.ts';
export { defaultResultsDir, resultFileName, writeAtomic, writeResult } from './write.ts';
