// The analysis, runtime-neutral and safe in a browser (no node: imports): `@tvp/core/analysis`.

export { TASK_KINDS } from '../constants.ts';
export { WAYS_OF_MODE } from '../engine/payload-ways.ts';
export type { AnalyzedRun } from './analyzed-run.ts';
export { analyze } from './analyzed-run.ts';
export { ARTICLE_CLAIMS, articleFindings } from './article-claims.ts';
export { asyncCpuNote, asyncWorkers } from './async-cells.ts';
export type { Atom, BootstrapMethod, RatioInterval } from './bootstrap.ts';
export { BOOTSTRAP_RESAMPLES, MAX_EXACT_N, medianBootstrap, ratioInterval } from './bootstrap.ts';
export { clockCaption, clockOf, hasPhases } from './clock.ts';
export type { Comparability } from './comparability.ts';
export { comparable, WORK_PARAMS } from './comparability.ts';
export type { CellKey, Phase, RunGroups } from './cross-run.ts';
export { batchRuns, cellSamples, runGroups, unitsOf } from './cross-run.ts';
export {
  evidenceText,
  fitText,
  fmtEstimate,
  lineText,
  MEMORY_METHODS,
  memoryText,
  recommendationEvidence,
  recommendationText,
  workerCostText,
} from './decision-text.ts';
export { delayStats } from './delay-stats.ts';
export type { DispatchCost } from './dispatch-cost.ts';
export { dispatchCosts } from './dispatch-cost.ts';
export type { FidelityCheck } from './fidelity.ts';
export { fidelityChecks } from './fidelity.ts';
export type { Finding } from './finding.ts';
export { runFindings, SPAWN_SHARE_WORTH_SAYING } from './findings.ts';
export type { CurvePoint, Dominant, ScalabilityFit, ScalabilityFitOk, ScalabilityPoint } from './fit.ts';
export { fitCurve, fitScalability, MIN_BEST_CAPACITY, MIN_DISTINCT_WORKERS, NEGLIGIBLE_LOSS } from './fit.ts';
export type { ParallelismScale, ScalabilityModel } from './fit-model.ts';
export { effectiveParallelism } from './fit-model.ts';
export type { RunSeries, SeriesFit } from './fit-run.ts';
export { capsAtCores, fitRun, runSeries, throughputPerSecond } from './fit-run.ts';
export type { Estimate } from './fit-stats.ts';
export type { FleetEntry, FleetSummary } from './fleet-summary.ts';
export { fleetSummary, fleetSummaryMarkdown } from './fleet-summary.ts';
export type { LineFit } from './line-fit.ts';
export { fitLine } from './line-fit.ts';
export type { Line, OkCell } from './lines.ts';
export { at, lineLabel, linesOf, tasksOf } from './lines.ts';
export type { MedianInterval } from './median-interval.ts';
export { medianInterval } from './median-interval.ts';
export { fmtBytes, fmtMs, fmtPct, fmtX, fmtXRange, runtimeName, taskName, taskTitle } from './numbers.ts';
export type { OffloadCost } from './offload.ts';
export { offloadCost } from './offload.ts';
export { offloadText } from './offload-words.ts';
export type { BreakEven, Interval, PayloadPoint, PayloadSeries } from './payload-costs.ts';
export {
  breakEvenLine,
  breakEvens,
  intervalText,
  isFitted,
  MOVING_COST_BASIS,
  movingCostLine,
  payloadSeries,
} from './payload-costs.ts';
export { percentiles } from './percentiles.ts';
export { coldOnly, isWarm } from './pools.ts';
export { seeded } from './prng.ts';
export type { Judged } from './ratio.ts';
export { judge, MIN_UNITS, methodBasis, ratioWords, withinMargin } from './ratio.ts';
export type { CellEvidence, Recommendation } from './recommend.ts';
export { recommend } from './recommend.ts';
export type { Wording } from './recommend-words.ts';
export { KNEE_SHARE, sentence, undecided } from './recommend-words.ts';
export type { DelaySeries } from './responsiveness.ts';
export { DELAY_METHOD_WORDS, delaySeries, p99Range } from './responsiveness.ts';
export type { CellChange, Refusal, RunComparison } from './run-compare.ts';
export {
  compareRuns,
  comparisonFooter,
  comparisonMarkdown,
  comparisonRows,
  formatComparison,
} from './run-compare.ts';
export type { ExportFormat, ExportRow } from './run-export.ts';
export { benchmarkName, EXPORT_FORMATS, exportRows, exportRun } from './run-export.ts';
export { runsBasis } from './runs-basis.ts';
export { COMPARABLE_RULE, runtimeFindings } from './runtime-findings.ts';
export type { Comparison, LinePair, RatioPoint } from './runtime-pairs.ts';
export { pairRuntimes, unitsPair } from './runtime-pairs.ts';
export type { Scaling } from './scaling.ts';
export { NEAR_IDEAL, NO_GAIN, PLATEAU_SHARE, scalingOf } from './scaling.ts';
export type { LoadCurve, ServeAdvice, ServeOption } from './serving.ts';
export { LATENCY_KNEE_FACTOR, latencyKnee, loadCurves, serveAdvice } from './serving.ts';
export { differenceShown } from './speedup-claim.ts';
export type { Stats } from './stats.ts';
export { boundOf, describe, idealSpeedup, median, tQuantile95 } from './stats.ts';
export type { CellSummary } from './summarize.ts';
export { coresOf, summarize } from './summarize.ts';
export { taskSubject, workOf } from './task-words.ts';
export type { Verdict } from './verdict.ts';
export { EQUAL_MARGIN, verdict } from './verdict.ts';
export type { WarmPair } from './warm-pairs.ts';
export { warmPairLine, warmPairs } from './warm-pairs.ts';
export { BUSY_SHARE, environmentWarnings } from './warnings.ts';
export type { MemoryCost, WorkerCost } from './worker-cost.ts';
export { workerCosts } from './worker-cost.ts';
