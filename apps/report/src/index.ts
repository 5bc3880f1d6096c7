export type { Finding } from '@tvp/core/analysis';
export { runFindings, runtimeFindings } from '@tvp/core/analysis';
export type { AppOptions, ReportApp } from './app.ts';
export { createApp } from './app.ts';
export type { ArgsContext, ReportCommand } from './args.ts';
export { parseReportArgs, REPORT_USAGE, reportUsage } from './args.ts';
export type { Assets } from './assets.ts';
export { loadAssets } from './assets.ts';
export { DEFAULT_HOST, DEFAULT_PORT, MSGPACK_TYPE, STANDARD_MAX_WORKERS } from './constants.ts';
export type { Exported } from './export.ts';
export { exportReport } from './export.ts';
export type { HistoryQuery } from './history.ts';
export { DEFAULT_WORKERS, defaultCells, historyOf } from './history.ts';
export type { HostName, HostPort } from './host.ts';
export { formatHost, parseHost, parseOrigin } from './host.ts';
export { hostGuard } from './host-guard.ts';
export type { HostRefusal } from './host-policy.ts';
export { HostPolicy } from './host-policy.ts';
export { isLoopback } from './loopback.ts';
export type { ReportMainOptions } from './main.ts';
export { reportMain } from './main.ts';
export type { PageRequest, PageStart } from './paging.ts';
export { PAGE_LIMIT, pageOf, parsePage } from './paging.ts';
export type {
  HistoryCell,
  HistoryPayload,
  HistoryRun,
  HistorySeries,
  IndexPayload,
  InlineData,
  ResultsPayload,
  RunMeta,
  RunView,
  SkippedFile,
  StoredResult,
  Sweep,
} from './payload.ts';
export { indexJson, inlineJson, payloadStream } from './payload-json.ts';
export type { Listening, Servable } from './serve.ts';
export { listen } from './serve.ts';
export { INDEX_FILE } from './store/persist.ts';
export type { CellId, RunSummary } from './store/run-summary.ts';
export { CellKeys, cellKey, summarizeRun } from './store/run-summary.ts';
export type { Log, Snapshot, Stored, StoreOptions } from './store.ts';
export { CACHED_RUNS, FRESH_MS, RESTAT_MS, ResultStore, StoredRun } from './store.ts';
export { machineOf, sweepOf, toMeta, toView } from './view.ts';
