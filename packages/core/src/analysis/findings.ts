import type { TaskKind } from '../format/types.ts';
import type { AnalyzedRun } from './analyzed-run.ts';
import { cellSamples, type Phase } from './cross-run.ts';
import type { Finding } from './finding.ts';
import { at, type Line, linesOf, type OkCell, tasksOf } from './lines.ts';
import { fmtMs, fmtPct, fmtX, fmtXRange, runtimeName } from './numbers.ts';
import { judge, MIN_UNITS, methodBasis, ratioWords, withinMargin } from './ratio.ts';
import { ASYNC_CPU_NOISE_SPEEDUP } from './recommend-words.ts';
import { type Scaling, scalingOf } from './scaling.ts';
import { differenceShown, speedupClaim } from './speedup-claim.ts';
import { boundOf } from './stats.ts';
import { taskWords } from './task-words.ts';

/** A spawn share at or above this is worth saying: a quarter of the time spent starting workers. */
export const SPAWN_SHARE_WORTH_SAYING = 0.25;

const pool = (l: Line) => l.mode === 'threads' || l.mode === 'processes';
const samples = (c: OkCell) => `${c.total.n} sample${c.total.n === 1 ? '' : 's'}`;
const totals = (l: Line, top: OkCell) =>
  `${l.mode}: median total ${fmtMs(at(l, 1)!.total.median)} ms at 1 worker, ${fmtMs(top.total.median)} ms at ${top.workers} (${samples(top)})`;

/** One phase of a line's raw samples at a worker count: what a ratio within the run rests on. */
const rawOf = (run: AnalyzedRun, l: Line, workers: number, phase: Phase) =>
  cellSamples(run.result, { task: l.task, mode: l.mode, impl: l.impl, workers }, phase);

/** The interval behind a speedup quoted in a finding (core's summarize computed it). */
function speedupBasis(c: OkCell): string {
  const ci = c.speedupCi;
  if (c.speedup === undefined || !ci) return '';
  const method = ci.method === 'exact-bootstrap' ? 'exact bootstrap' : 'bootstrap';
  return `; speedup ${fmtX(c.speedup)} at ${c.workers} workers = ratio of medians at 1 and ${c.workers}, 95% ${method} interval ${fmtXRange(ci.lo, ci.hi)}, n = ${ci.n[0]} and ${ci.n[1]}`;
}

/** The cell whose speedup a scaling finding quotes: the best one for 'none' and 'plateau'. */
const quoted = (s: Scaling): OkCell => (s.kind === 'none' || s.kind === 'plateau' ? s.peak : s.top);

/** What the quoted speedup may be called (`speedupClaim`): a gain, no difference from 1 worker, or past the ideal. */
const claimOf = (c: OkCell) => speedupClaim({ speedup: c.speedup!, interval: c.speedupCi, ideal: c.ideal });

/** "1.16x (95% interval 0.88–1.22x)", or the speedup alone when there is no interval worth one. */
function withInterval(c: OkCell): string {
  const ci = c.speedupCi;
  if (!ci || Math.min(...ci.n) < MIN_UNITS) return `${fmtX(c.speedup!)} (too few runs for an interval)`;
  return `${fmtX(c.speedup!)} (95% interval ${fmtXRange(ci.lo, ci.hi)})`;
}

const countOf = (n: number, unit: 'workers' | 'in flight') =>
  unit === 'in flight' ? `${n} in flight` : `${n} worker${n === 1 ? '' : 's'}`;

/**
 * The words of a speedup that may not be stated as a gain, leading with what the run shows:
 * "no speedup shown: at best 1.16x (95% interval 0.88–1.22x) at 2 workers", or the figure past
 * the ideal and why; undefined when it may be stated.
 */
function notAGain(c: OkCell, unit: 'workers' | 'in flight'): string | undefined {
  const claim = claimOf(c);
  const ci = c.speedupCi;
  if (claim === 'no-difference' && (!ci || Math.min(...ci.n) < MIN_UNITS))
    return `${fmtX(c.speedup!)} at ${countOf(c.workers, unit)}, from too few runs for an interval: not a gain to quote`;
  if (claim === 'no-difference')
    return `no difference shown from ${countOf(1, unit)}: at best ${withInterval(c)} at ${countOf(c.workers, unit)}`;
  if (claim === 'past-ideal')
    return `${withInterval(c)} at ${countOf(c.workers, unit)}, past the ideal ${fmtX(c.ideal!)}: the runs at ${countOf(1, unit)} were slowed (other load, warm-up), not a gain to quote`;
  return undefined;
}

function scalingText(who: string, s: Scaling, cores: number, unit: 'workers' | 'in flight' = 'workers'): string {
  const retracted = s.kind === 'none' ? undefined : notAGain(quoted(s), unit);
  if (retracted !== undefined) return `${who}: ${retracted}`;
  if (s.kind === 'ideal')
    return `${who}: ${fmtX(s.top.speedup!)} at ${s.top.workers} workers (ideal ${fmtX(s.top.ideal!)})`;
  if (s.kind === 'none')
    return `${who}: no speedup from more workers, at best ${fmtX(s.peak.speedup!)} (${s.peak.workers} worker${s.peak.workers === 1 ? '' : 's'})`;
  if (s.kind === 'plateau') {
    const why = s.from.workers === cores && s.top.task === 'cpu' ? ` = ${cores} cores` : '';
    return `${who}: plateau from ${s.from.workers} workers${why}, at best ${fmtX(s.peak.speedup!)} (ideal at ${s.top.workers} workers: ${fmtX(s.top.ideal!)})`;
  }
  return `${who}: ${fmtX(s.top.speedup!)} at ${s.top.workers} workers, ${fmtPct(s.top.efficiency ?? 0)} of the ideal ${fmtX(s.top.ideal!)}`;
}

function poolFindings(run: AnalyzedRun, task: TaskKind, lines: Line[]): Finding[] {
  const R = runtimeName(run.result.env.runtime);
  const T = taskWords(run.result, task);
  const judged = lines.filter(pool).flatMap((l) => {
    const s = scalingOf(l);
    return s ? [{ l, s }] : [];
  });
  const threads = judged.find((j) => j.l.mode === 'threads');
  const procs = judged.find((j) => j.l.mode === 'processes');
  const versus: Finding[] = [];
  if (threads && procs && threads.s.top.workers === procs.s.top.workers) {
    const t = threads.s.top;
    const p = procs.s.top;
    const j = judge(rawOf(run, threads.l, t.workers, 'totalMs'), rawOf(run, procs.l, p.workers, 'totalMs'));
    if (j) {
      const basis = `${totals(threads.l, t)}; ${totals(procs.l, p)}; threads / processes at ${t.workers} workers: ${methodBasis(j)}`;
      const bothShown = claimOf(t) === 'shown' && claimOf(p) === 'shown';
      if (j.verdict === 'equal' && threads.s.kind === 'ideal' && procs.s.kind === 'ideal' && bothShown) {
        const both =
          fmtX(t.speedup!) === fmtX(p.speedup!) ? fmtX(t.speedup!) : `${fmtX(t.speedup!)} and ${fmtX(p.speedup!)}`;
        return [
          {
            topic: task,
            text: `${R} ${T}: threads and processes equally effective (times ${withinMargin}): ${both} at ${t.workers} workers (ideal ${fmtX(t.ideal!)})`,
            basis,
          },
        ];
      }
      versus.push({
        topic: task,
        text: `${R} ${T} at ${t.workers} workers: ${ratioWords(j, 'threads', 'processes')}`,
        basis,
      });
    }
  }
  const many = (mode: string) => judged.filter((j) => j.l.mode === mode).length > 1;
  return [
    ...judged.map(({ l, s }) => ({
      topic: task,
      text: scalingText(`${R} ${T} on ${l.mode}${many(l.mode) ? ` (${l.impl})` : ''}`, s, run.cores),
      basis: `${totals(l, s.top)}${speedupBasis(quoted(s))}`,
    })),
    ...versus,
  ];
}

function asyncFinding(run: AnalyzedRun, task: TaskKind, lines: Line[]): Finding[] {
  const line = lines.find((l) => l.mode === 'async');
  const s = line && scalingOf(line);
  if (!line || !s) return [];
  const who = `${runtimeName(run.result.env.runtime)} ${taskWords(run.result, task)} on the event loop alone (async, no workers)`;
  // One thread runs CPU work one call at a time: a speedup there is noise, never "ideal".
  const best = s.kind === 'none' ? s.peak : s.top;
  const cpuNoise =
    boundOf(task, run.result.config.taskModule?.bound) === 'cpu' && (best.speedup ?? 0) >= ASYNC_CPU_NOISE_SPEEDUP;
  // Led by what the run shows, never by the figure: one thread cannot speed up CPU work.
  // An interval wholly above 1 shows a difference: real, but one thread cannot make it a gain.
  const text = cpuNoise
    ? differenceShown(best.speedupCi)
      ? `${who}: no gain from more in flight: ${withInterval(best)} with ${best.workers} tasks in flight, but one thread cannot speed up CPU work: that is other load or warm-up`
      : `${who}: no difference shown from more in flight: ${withInterval(best)} with ${best.workers} tasks in flight is noise (other load, warm-up), as one thread cannot speed up CPU work`
    : s.kind === 'ideal' && claimOf(s.top) === 'shown'
      ? `${who}: ${fmtX(s.top.speedup!)} with ${s.top.workers} tasks in flight (ideal ${fmtX(s.top.ideal!)})`
      : s.kind === 'none'
        ? `${who}: no speedup, at best ${fmtX(s.peak.speedup!)}: one thread does all the work`
        : scalingText(who, s, run.cores, 'in flight');
  return [{ topic: task, text, basis: `${totals(line, s.top)}${speedupBasis(quoted(s))}` }];
}

function startFinding(run: AnalyzedRun, lines: Line[]): Finding[] {
  const t = lines.find((l) => l.mode === 'threads');
  const p = lines.find((l) => l.mode === 'processes');
  const ct = t && at(t, 1);
  const cp = p && at(p, 1);
  if (!ct?.spawn || !cp?.spawn) return [];
  const j = judge(rawOf(run, p!, 1, 'spawnMs'), rawOf(run, t!, 1, 'spawnMs'));
  if (!j) return [];
  const R = runtimeName(run.result.env.runtime);
  const numbers = `spawn of one worker, medians: processes (${p!.impl}) ${fmtMs(cp.spawn.median)} ms, threads (${t!.impl}) ${fmtMs(ct.spawn.median)} ms`;
  const { estimate, lo, hi, n } = j.interval;
  const text =
    j.verdict === 'slower'
      ? `${R} processes take ${fmtX(estimate)} longer to start than threads (95% interval ${fmtXRange(lo, hi)})`
      : j.verdict === 'faster'
        ? `${R} threads take ${fmtX(1 / estimate)} longer to start than processes (95% interval ${fmtXRange(1 / hi, 1 / lo)})`
        : j.verdict === 'equal'
          ? `${R} threads and processes start equally fast (${withinMargin})`
          : `${R}: no difference shown between the start of threads and of processes (n = ${n[0]} and ${n[1]})`;
  return [{ topic: 'start', text, basis: `${numbers}; processes / threads: ${methodBasis(j)}` }];
}

function timeFindings(run: AnalyzedRun, task: TaskKind, lines: Line[]): Finding[] {
  return lines.filter(pool).flatMap((l) => {
    const top = l.cells[l.cells.length - 1];
    if (!top?.spawn || !top.work || !top.teardown || top.workers < 2) return [];
    const share = top.spawn.median / top.total.median;
    if (share < SPAWN_SHARE_WORTH_SAYING) return [];
    return [
      {
        topic: 'time' as const,
        text: `${runtimeName(run.result.env.runtime)} ${taskWords(run.result, task)} on ${l.mode} (${l.impl}) at ${top.workers} workers: ${fmtPct(share)} of the time goes to starting workers`,
        basis: `medians: spawn ${fmtMs(top.spawn.median)} ms, work ${fmtMs(top.work.median)} ms, teardown ${fmtMs(top.teardown.median)} ms, total ${fmtMs(top.total.median)} ms (${samples(top)})`,
      },
    ];
  });
}

/** Findings of one run, in words, each only where its numbers support it. */
export function runFindings(run: AnalyzedRun): Finding[] {
  const out: Finding[] = [];
  const tasks = tasksOf(run).filter((t) => t !== 'noop');
  for (const task of tasks) {
    const lines = linesOf(run, task);
    out.push(...poolFindings(run, task, lines), ...asyncFinding(run, task, lines));
  }
  const first = tasksOf(run)[0];
  if (first) out.push(...startFinding(run, linesOf(run, first)));
  for (const task of tasks) out.push(...timeFindings(run, task, linesOf(run, task)));
  return out;
}
