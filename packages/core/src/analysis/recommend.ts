import type { Cell, Impl, Mode, ResultFile, TaskKind } from '../format/types.ts';
import { type RatioInterval, ratioInterval } from './bootstrap.ts';
import { type OffloadCost, offloadCost } from './offload.ts';
import { offloadText } from './offload-words.ts';
import { coldOnly, isWarm } from './pools.ts';
import { MIN_UNITS } from './ratio.ts';
import {
  KNEE_SHARE,
  type SpeedupCaveat,
  sentence,
  sentenceTail,
  speedupCaveat,
  undecided,
  type Wording,
} from './recommend-words.ts';
import { boundOf, idealSpeedup, median } from './stats.ts';
import { coresOf } from './summarize.ts';
import { taskSubject } from './task-words.ts';
import { workerCosts } from './worker-cost.ts';

/** The total times (spawn + work + teardown, as the article timed them) of one cell. */
export interface CellEvidence {
  mode: Mode;
  impl: Impl;
  workers: number;
  medianTotalMs: number;
  minTotalMs: number;
  maxTotalMs: number;
  samples: number;
}

/** Which primitive and worker count to use for a task on this machine and runtime, and why. */
export type Recommendation =
  | {
      ok: true;
      task: TaskKind;
      sentence: string;
      /**
       * The sentence's last clauses, after its head (the choice, or "no difference shown ..."):
       * what more workers buy or why the main thread wins, and the warm basis. Empty when none.
       * A page that words the head its own way shows this beside it.
       */
      tail: string;
      mode: Mode;
      impl: Impl;
      /** The knee: the smallest count whose throughput reaches 90% of the option's best. */
      workers: number;
      /** Median total at 1 worker over median total at the knee, same mode and impl. */
      speedup?: number;
      /**
       * The speedup's 95% percentile bootstrap interval (ratio of medians, `ratioInterval`): absent
       * when the knee is the 1-worker cell itself or either cell has fewer than MIN_UNITS samples.
       */
      speedupInterval?: RatioInterval;
      /** The ideal speedup at the knee (DESIGN.md; a module's `bound` picks which), beside `speedup`. */
      idealSpeedup?: number;
      /** False when the runner-up's total could not be told from the winner's (see `undecided`). */
      decided: boolean;
      /**
       * Set when `speedup` may not be read as a gain (the sentence says why, and leads with "no
       * difference shown" for the first two): `no-difference` (its interval includes 1, or too few
       * runs for one), `async-cpu-noise` (the event loop "sped up" CPU work), `over-ideal` (past
       * the ideal: the 1-worker runs were slowed). A page must not present it as a gain.
       */
      caveat?: SpeedupCaveat;
      /**
       * `warm`: the worker options were judged on their warm cells (`--pool warm`; a module task
       * only), whose batches are work alone, as a server that keeps its pool sees them; the main
       * thread's cells are the same either way. Absent: cold cells, each run on fresh workers.
       */
      pool?: 'warm';
      evidence: {
        /** The winner's fastest cell, which made it the winner. */
        best: CellEvidence;
        knee: CellEvidence;
        /** The winner at 1 worker, the speedup's baseline. */
        baseline?: CellEvidence;
        /** The fastest cell of every other option, fastest first. */
        others: CellEvidence[];
        /** The cheapest worker start of the run, when the choice starts no worker. */
        spawn?: { mode: Mode; impl: Impl; perWorkerMs: number; se: number };
        /**
         * When the main thread won and workers were measured: what offloading costs per call and
         * to start, and what it would take to pay (`offloadCost`). Worded in the sentence for
         * module, fs and net; io and cpu keep their sentence.
         */
        offload?: OffloadCost;
      };
    }
  | {
      ok: false;
      task: TaskKind;
      /** The task as the sentences name it (`taskSubject`): "IO", "hash (module, cpu-bound)". */
      subject: string;
      reason: string;
    };

/** Every kind but noop, which measures dispatch alone: there is no work to place. */
const RECOMMENDED_TASKS: readonly TaskKind[] = ['io', 'cpu', 'fs', 'net', 'module'];
/** The kinds whose sentence was fixed before the rest: their words stay as they are. */
const CLASSIC_TASKS: readonly TaskKind[] = ['io', 'cpu'];

/** The total times of a cell, kept beside its evidence for the speedup's interval. */
const totalsOf = new WeakMap<CellEvidence, number[]>();

function evidence(c: Cell): CellEvidence {
  const totals = c.samples.map((s) => s.totalMs);
  const e: CellEvidence = {
    mode: c.mode,
    impl: c.impl,
    workers: c.workers,
    medianTotalMs: median(totals),
    minTotalMs: Math.min(...totals),
    maxTotalMs: Math.max(...totals),
    samples: totals.length,
  };
  totalsOf.set(e, totals);
  return e;
}

/** median(totals at 1) / median(totals at the knee) with its interval, when two distinct cells can give one. */
function speedupInterval(baseline: CellEvidence, knee: CellEvidence): RatioInterval | undefined {
  const a = totalsOf.get(baseline);
  const b = totalsOf.get(knee);
  // The knee at 1 worker is the baseline itself: its speedup is 1 by definition, not an estimate.
  if (baseline === knee || a === undefined || b === undefined) return undefined;
  if (a.length < MIN_UNITS || b.length < MIN_UNITS || b.some((x) => !(x > 0))) return undefined;
  return ratioInterval(a, b);
}

const range = (e: CellEvidence) => ({ median: e.medianTotalMs, min: e.minTotalMs, max: e.maxTotalMs });

/** The cells of each option (mode x impl), each option's fastest cell, fastest option first. */
function rankOptions(cells: CellEvidence[]): { series: CellEvidence[]; best: CellEvidence }[] {
  const options = new Map<string, CellEvidence[]>();
  for (const c of cells) {
    const key = `${c.mode}\u0000${c.impl}`;
    options.set(key, [...(options.get(key) ?? []), c]);
  }
  return [...options.values()]
    .map((series) => ({ series, best: series.reduce((a, b) => (b.medianTotalMs < a.medianTotalMs ? b : a)) }))
    .sort((a, b) => a.best.medianTotalMs - b.best.medianTotalMs);
}

/** What the workers past the knee buy: throughput is count / median total, so ratios of totals. */
function beyondKnee(series: CellEvidence[], knee: CellEvidence, best: CellEvidence): Wording['beyondKnee'] {
  if (knee === series[series.length - 1]) return { kind: 'none' };
  if (knee === best) return { kind: 'nothing' };
  return { kind: 'little', workers: best.workers, gain: knee.medianTotalMs / best.medianTotalMs - 1 };
}

/** The cheapest per-worker start of the run's worker transports, from the spawn lines. */
function cheapestStart(r: ResultFile) {
  return workerCosts(r)
    .flatMap((w) =>
      w.spawn.ok ? [{ mode: w.mode, impl: w.impl, perWorkerMs: w.spawn.slope.value, se: w.spawn.slope.se }] : [],
    )
    .sort((a, b) => a.perWorkerMs - b.perWorkerMs)[0];
}

/**
 * The cells a task is judged on: its cold cells, or for a `--task-module` run with warm cells, the
 * warm worker cells beside the main thread's (a server keeps its pool: the start is paid once).
 */
function judgedCells(run: ResultFile, cold: ResultFile, task: TaskKind): { cells: Cell[]; warm: boolean } {
  const ok = (c: Cell) => c.task === task && c.status === 'ok' && c.samples.length > 0;
  const warm = task === 'module' && run.cells.some((c) => ok(c) && isWarm(c));
  if (!warm) return { cells: cold.cells.filter(ok), warm };
  const onMain = (c: Cell) => c.mode === 'sequential' || c.mode === 'async';
  return { cells: run.cells.filter((c) => ok(c) && (isWarm(c) || onMain(c))), warm };
}

/** How a recommendation judged on warm cells says so, at the end of its sentence. */
export const WARM_BASIS =
  'judged on a warm pool (workers kept across batches, as a server keeps them, their start not counted)';

/**
 * A recommendation for every task kind of a run but noop, from its ok cells, judged by median total
 * time (for a module with warm cells, by the warm pool's batch time: see `judgedCells`).
 */
export function recommend(run: ResultFile): Recommendation[] {
  const r = coldOnly(run);
  const present = new Set([...(r.config?.tasks ?? []), ...r.cells.map((c) => c.task)]);
  const workerCellsMeasured = r.cells.some(
    (c) => (c.mode === 'threads' || c.mode === 'processes') && c.status === 'ok' && c.samples.length > 0,
  );
  const start = cheapestStart(r);
  return RECOMMENDED_TASKS.filter((t) => present.has(t)).map((task): Recommendation => {
    const judged = judgedCells(run, r, task);
    const cells = judged.cells.map(evidence).sort((a, b) => a.workers - b.workers);
    const [winner, runnerUp, ...rest] = rankOptions(cells);
    if (winner === undefined)
      return { ok: false, task, subject: taskSubject(r, task), reason: `no ok ${task} cell in this run` };
    const { series, best } = winner;
    // The series is sorted by workers, and its best cell qualifies: a knee always exists.
    const knee = series.find((c) => c.medianTotalMs * KNEE_SHARE <= best.medianTotalMs) as CellEvidence;
    const baseline = series.find((c) => c.workers === 1);
    const tie = runnerUp !== undefined && undecided(range(best), range(runnerUp.best)) ? runnerUp.best : undefined;
    const impls = (mode: Mode) => new Set(cells.filter((c) => c.mode === mode).map((c) => c.impl)).size;
    const speedup =
      baseline !== undefined && best.mode !== 'sequential' ? baseline.medianTotalMs / knee.medianTotalMs : undefined;
    const onMain = best.mode === 'async' || best.mode === 'sequential';
    const spawn = onMain ? start : undefined;
    const offload = onMain && workerCellsMeasured ? offloadCost(r, task, best.medianTotalMs) : undefined;
    const wording: Wording = {
      task,
      subject: taskSubject(r, task),
      bound: boundOf(task, r.config?.taskModule?.bound) ?? 'cpu',
      mode: best.mode,
      impl: best.impl,
      showImpl: impls(best.mode) > 1,
      workers: knee.workers,
      cores: coresOf(r.env),
      beyondKnee: beyondKnee(series, knee, best),
      workerCellsMeasured,
    };
    const ideal =
      speedup === undefined
        ? undefined
        : idealSpeedup(task, knee.workers, r.config.count, coresOf(r.env), r.config.taskModule?.bound);
    const interval = speedup !== undefined && baseline !== undefined ? speedupInterval(baseline, knee) : undefined;
    if (speedup !== undefined) wording.speedup = speedup;
    if (ideal !== undefined) wording.idealSpeedup = ideal;
    if (interval !== undefined) wording.speedupInterval = interval;
    if (baseline !== undefined) wording.speedupRuns = [baseline.samples, knee.samples];
    if (r.config?.count !== undefined) wording.count = r.config.count;
    if (tie !== undefined) wording.tie = { mode: tie.mode, impl: tie.impl, showImpl: impls(tie.mode) > 1 };
    if (spawn !== undefined) wording.spawnPerWorkerMs = spawn.perWorkerMs;
    if (offload !== undefined && !CLASSIC_TASKS.includes(task)) wording.offload = offloadText(offload, task);
    const others = [runnerUp, ...rest].flatMap((o) => (o === undefined ? [] : [o.best]));
    const rec: Recommendation = {
      ok: true,
      task,
      sentence: judged.warm ? `${sentence(wording)}; ${WARM_BASIS}` : sentence(wording),
      tail: [sentenceTail(wording), judged.warm ? WARM_BASIS : undefined].filter((x) => x !== undefined).join('; '),
      mode: best.mode,
      impl: best.impl,
      workers: knee.workers,
      decided: tie === undefined,
      evidence: { best, knee, others },
      ...(judged.warm ? { pool: 'warm' as const } : {}),
    };
    if (speedup !== undefined && baseline !== undefined) {
      rec.speedup = speedup;
      if (interval !== undefined) rec.speedupInterval = interval;
      if (ideal !== undefined) rec.idealSpeedup = ideal;
      const caveat = speedupCaveat(wording);
      if (caveat !== undefined) rec.caveat = caveat;
    }
    if (baseline !== undefined) rec.evidence.baseline = baseline;
    if (spawn !== undefined) rec.evidence.spawn = spawn;
    if (offload !== undefined) rec.evidence.offload = offload;
    return rec;
  });
}
