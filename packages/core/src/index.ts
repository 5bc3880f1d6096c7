// Core for the runners and the server (Node, Bun, Deno): the result format, the engine, the command
// lines. The analysis is `@tvp/core/analysis`.
export type { CliRequest, ParseContext } from './cli/args.ts';
export { parseArgs, parseSizes, parseWorkers, usage } from './cli/args.ts';
export type { BadFlags } from './cli/bad-flags.ts';
export { BAD_FLAGS } from './cli/bad-flags.ts';
export type { CliIo } from './cli/cli.ts';
export { EXIT, runCli, runnerMain } from './cli/cli.ts';
export type { FlagKind, Flags } from './cli/flags.ts';
export { readCommandLine, readFlags } from './cli/flags.ts';
export type { PresetName } from './cli/presets.ts';
export { preset } from './cli/presets.ts';
export { cellLine, formatDuration, ProgressPrinter, progressLine } from './cli/progress.ts';
export type { ExternalSweep, Runner, RunRequest, SweepRunner } from './cli/run-result.ts';
export { implsOf, poolsFor, poolsOf, runToResult } from './cli/run-result.ts';
export { formatSummary } from './cli/summary.ts';
export { loadRun, readRuns, runTools, TOOLS_USAGE, toolsUsage } from './cli/tools-cli.ts';
export { uploadResult } from './cli/upload.ts';
export {
  DEFAULT_COUNT,
  DEFAULT_CPU_ITERS,
  DEFAULT_IO_MS,
  EXTENDED_WORKERS,
  LOOP_DELAY_INTERVAL_MS,
  MAX_UPLOAD_BYTES,
  SCHEMA_VERSION,
  SLOW_START_VARS,
  STANDARD_WORKERS,
  TOOL_NAME,
  TOOL_VERSION,
} from './constants.ts';
export { type AnswerWire, answerListener, fromAnswerWire, toAnswerWire } from './engine/answer-wire.ts';
export type { Answer, Answers, ExpectedValue } from './engine/answers.ts';
export { answerMatches, expectedAnswers, expectedValue } from './engine/answers.ts';
export { ArgFeed, argTransferProblem, binaryKind, receiveArg } from './engine/arg-transfer.ts';
export { runMain } from './engine/baselines.ts';
export { childProcessTransport, workerThreadsTransport } from './engine/compat.ts';
export { otherCpuShare, readCpuCounters } from './engine/cpu-share.ts';
export type { CostCell, CostRow } from './engine/delay-bench.ts';
export { formatCostTable, samplerCost } from './engine/delay-bench.ts';
export type { DelayDesign, DesignCost } from './engine/delay-designs.ts';
export { delayDesigns, designCells, designCosts, designSight, runDelayDesigns } from './engine/delay-designs.ts';
export { collectEnv, recordedVars } from './engine/env.ts';
export {
  encodeFrame,
  encodePayloadFrame,
  FrameDecoder,
  MAX_FRAME_BYTES,
  MAX_PAYLOAD_FRAME_BYTES,
} from './engine/frames.ts';
export type { FsFile } from './engine/fs-file.ts';
export { writeFsFile } from './engine/fs-file.ts';
export type { HubOptions, HubResult } from './engine/hub-run.ts';
export { runHub } from './engine/hub-run.ts';
export type { LibraryPool, LibraryPoolHandle, LibraryStartOptions, PoolTask } from './engine/library-pool.ts';
export { killAllWorkers, liveWorkerCount, liveWorkerPids } from './engine/live-workers.ts';
export type { WorkPhaseProbe } from './engine/loop-delay.ts';
export { LoopDelayProbe } from './engine/loop-delay.ts';
export type { NetServer } from './engine/net-server.ts';
export { startNetServer } from './engine/net-server.ts';
export type { PayloadDoc, PayloadForm, Row } from './engine/payload.ts';
export {
  checksumBytes,
  checksumDoc,
  formOf,
  payloadAnswer,
  payloadBytes,
  payloadDoc,
  payloadValue,
  SHARED_HEADER_BYTES,
} from './engine/payload.ts';
export type { PayloadPlan, PayloadSend } from './engine/payload-feed.ts';
export { PayloadFeed } from './engine/payload-feed.ts';
export {
  DEFAULT_PAYLOAD_BYTES,
  MAX_PAYLOAD_BYTES,
  PAYLOAD_WAYS,
  serializationOf,
  skippedLine,
  WAYS_OF_MODE,
  waysFor,
} from './engine/payload-ways.ts';
export type { PoolHubOptions } from './engine/pool-hub-run.ts';
export { awaitWorkers, runPoolHub } from './engine/pool-hub-run.ts';
export { poolTask } from './engine/pool-task.ts';
export type { PostTarget } from './engine/post-message.ts';
export { postTransfer } from './engine/post-message.ts';
export type { HubMessage, WireError, WorkerMessage, WorkerSetup } from './engine/protocol.ts';
export { toWireError } from './engine/protocol.ts';
export { markWorkers, REAP_VAR, reapMark, reapWorkersOnExit, startReaper } from './engine/reaper.ts';
export { sharedNow } from './engine/shared-clock.ts';
export type { StartRow, StartSubject, StartTime, StartVariant } from './engine/start-bench.ts';
export {
  benchEntry,
  compareStarts,
  formatStartTable,
  START_COLUMNS,
  startCpuClock,
  startSubject,
  timeStart,
  withReaper,
} from './engine/start-bench.ts';
export type { StartCpuClock } from './engine/start-cpu.ts';
export { processCpuMs, processTreeCpuMs, workerProcessesCpuMs } from './engine/start-cpu.ts';
export type { PlannedCell, SweepOptions, SweepProgress, SweepResult } from './engine/sweep.ts';
export { planCells, runSweep, skippedWays, warmRunsOf } from './engine/sweep.ts';
export type { LoadedTaskModule } from './engine/task-module.ts';
export { loadTaskModule } from './engine/task-module.ts';
export type { TaskTarget } from './engine/task-target.ts';
export { prepareTarget } from './engine/task-target.ts';
export { TaskStamps, taskTimesOf } from './engine/task-times.ts';
export { cpuWork, runTask } from './engine/tasks.ts';
export type {
  ExitInfo,
  RuntimeAdapter,
  StartOptions,
  Transport,
  WorkerEvents,
  WorkerHandle,
} from './engine/transport.ts';
export type { WarmPool } from './engine/warm-hub.ts';
export { openWarmHub } from './engine/warm-hub.ts';
export { openWarmPool } from './engine/warm-pool-hub.ts';
export type { WebWorkerExit, WorkerExit } from './engine/web-exit.ts';
export { isWebWorkerExit, isWorkerExit } from './engine/web-exit.ts';
export type { WorkerEntry } from './engine/worker-entries.ts';
export { workerEntry } from './engine/worker-entries.ts';
export { workerProcessEnv } from './engine/worker-env.ts';
export type { WorkerPort } from './engine/worker-loop.ts';
export { InjectedFault, serveWorker } from './engine/worker-loop.ts';
export { setupArgv, setupName } from './engine/worker-setup.ts';
export { measureRoundTrip } from './engine/yardstick.ts';
export { HubError, ResultFileError, RunAborted, UsageError, usageErrorText } from './errors.ts';
export { BATCH_VARS, batchFromEnv, batchProblem, MAX_ROUNDS } from './format/batch.ts';
export { decodeResult, encodeResult } from './format/codec.ts';
export type {
  CellColumns,
  FileVersion,
  ResultSummary,
  SummaryFile,
  SummaryMiss,
} from './format/summary.ts';
export {
  decodeSummary,
  encodeSummary,
  MAX_SUMMARY_BYTES,
  readSummary,
  removeSummary,
  SUMMARY_DIR,
  SUMMARY_SUFFIX,
  SUMMARY_VERSION,
  summarizeResult,
  summaryBytes,
  summaryMatches,
  summaryPath,
} from './format/summary.ts';
export type {
  ArgTransfer,
  ArrivalConfig,
  ArrivalKind,
  ArrivalLoopDelay,
  ArrivalPoint,
  Batch,
  Cell,
  Clock,
  DelayStats,
  Env,
  Fault,
  Impl,
  LibraryInfo,
  LoopDelay,
  LoopDelayMethod,
  MainMode,
  Mode,
  PayloadWay,
  Percentiles,
  PoolKind,
  ResultFile,
  RoundTrip,
  RunConfig,
  RuntimeName,
  Sample,
  SkippedWay,
  TaskBound,
  TaskClockMethod,
  TaskKind,
  TaskModuleInfo,
  TaskParams,
  TaskTimes,
  WarmStart,
  WorkerEnv,
  WorkerMode,
  WorkerSet,
} from './format/types.ts';
export {
  defaultResultsDir,
  resultFileName,
  writeAtomic,
  writeResult,
  writeResultFile,
  writeSummary,
} from './format/write.ts';
