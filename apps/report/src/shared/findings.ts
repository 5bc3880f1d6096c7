import type { TaskKind } from '@tvp/core';
import type { RunView } from '../payload.ts';
import { at, type Line, linesOf, type OkCell, tasksOf } from './cells.ts';
import type { Finding } from './finding.ts';
import { fmtMs, fmtPct, fmtX, runtimeName, taskName } from './format.ts';
import { beyondNoise } from './noise.ts';
import { type Scaling, scalingOf } from './scaling.ts';

/** A spawn share at or above this is worth saying: a quarter of the time spent starting workers. */
export const SPAWN_SHARE_WORTH_SAYING = 0.25;

const pool = (l: Line) => l.mode === 'threads' || l.mode === 'processes';
const samples = (c: OkCell) => `${c.total.n} sample${c.total.n === 1 ? '' : 's'}`;
const totals = (l: Line, top: OkCell) =>
  `${l.mode}: median total ${fmtMs(at(l, 1)!.total.median)} ms at 1 worker, ${fmtMs(top.total.median)} ms at ${top.workers} (${samples(top)})`;

function scalingText(who: string, s: Scaling, cores: number): string {
  if (s.kind === 'ideal')
    return `${who}: ${fmtX(s.top.speedup!)} at ${s.top.workers} workers (ideal ${fmtX(s.top.ideal!)})`;
  if (s.kind === 'none')
    return `${who}: no speedup from more workers, at best ${fmtX(s.peak.speedup!)} (${s.peak.workers} workers)`;
  if (s.kind === 'plateau') {
    const why = s.from.workers === cores && s.top.task === 'cpu' ? ` = ${cores} cores` : '';
    return `${who}: plateau from ${s.from.workers} workers${why}, at best ${fmtX(s.peak.speedup!)} (ideal at ${s.top.workers} workers: ${fmtX(s.top.ideal!)})`;
  }
  return `${who}: ${fmtX(s.top.speedup!)} at ${s.top.workers} workers, ${fmtPct(s.top.efficiency ?? 0)} of the ideal ${fmtX(s.top.ideal!)}`;
}

function poolFindings(run: RunView, task: TaskKind, lines: Line[]): Finding[] {
  const R = runtimeName(run.result.env.runtime);
  const T = taskName(task);
  const judged = lines.filter(pool).flatMap((l) => {
    const s = scalingOf(l);
    return s ? [{ l, s }] : [];
  });
  const threads = judged.find((j) => j.l.mode === 'threads');
  const procs = judged.find((j) => j.l.mode === 'processes');
  if (
    threads?.s.kind === 'ideal' &&
    procs?.s.kind === 'ideal' &&
    threads.s.top.workers === procs.s.top.workers &&
    !beyondNoise(threads.s.top.total, procs.s.top.total)
  ) {
    const t = threads.s.top;
    const p = procs.s.top;
    const both =
      fmtX(t.speedup!) === fmtX(p.speedup!) ? fmtX(t.speedup!) : `${fmtX(t.speedup!)} and ${fmtX(p.speedup!)}`;
    return [
      {
        topic: task,
        text: `${R} ${T}: threads and processes equally effective: ${both} at ${t.workers} workers (ideal ${fmtX(t.ideal!)})`,
        basis: `${totals(threads.l, t)}; ${totals(procs.l, p)}; their 95% confidence intervals at ${t.workers} workers overlap`,
      },
    ];
  }
  const many = (mode: string) => judged.filter((j) => j.l.mode === mode).length > 1;
  return judged.map(({ l, s }) => ({
    topic: task,
    text: scalingText(`${R} ${T} on ${l.mode}${many(l.mode) ? ` (${l.impl})` : ''}`, s, run.cores),
    basis: totals(l, s.top),
  }));
}

function asyncFinding(run: RunView, task: TaskKind, lines: Line[]): Finding[] {
  const line = lines.find((l) => l.mode === 'async');
  const s = line && scalingOf(line);
  if (!line || !s) return [];
  const who = `${runtimeName(run.result.env.runtime)} ${taskName(task)} on the event loop alone (async, no workers)`;
  const text =
    s.kind === 'ideal'
      ? `${who}: ${fmtX(s.top.speedup!)} with ${s.top.workers} tasks in flight (ideal ${fmtX(s.top.ideal!)})`
      : s.kind === 'none'
        ? `${who}: no speedup, at best ${fmtX(s.peak.speedup!)}: one thread does all the work`
        : scalingText(who, s, run.cores);
  return [{ topic: task, text, basis: totals(line, s.top) }];
}

function startFinding(run: RunView, lines: Line[]): Finding[] {
  const t = lines.find((l) => l.mode === 'threads');
  const p = lines.find((l) => l.mode === 'processes');
  const ct = t && at(t, 1);
  const cp = p && at(p, 1);
  if (!ct?.spawn || !cp?.spawn || ct.spawn.n < 2 || cp.spawn.n < 2) return [];
  const R = runtimeName(run.result.env.runtime);
  const numbers = `spawn of one worker, medians: processes (${p!.impl}) ${fmtMs(cp.spawn.median)} ms, threads (${t!.impl}) ${fmtMs(ct.spawn.median)} ms`;
  if (!beyondNoise(ct.spawn, cp.spawn)) {
    return [
      {
        topic: 'start',
        text: `${R} threads and processes start equally fast, within the noise`,
        basis: `${numbers}; 95% confidence intervals overlap`,
      },
    ];
  }
  const ratio = cp.spawn.median / ct.spawn.median;
  const text =
    ratio >= 1
      ? `${R} processes take ${fmtX(ratio)} longer to start than threads`
      : `${R} threads take ${fmtX(1 / ratio)} longer to start than processes`;
  return [{ topic: 'start', text, basis: `${numbers}; 95% confidence intervals do not overlap` }];
}

function timeFindings(run: RunView, task: TaskKind, lines: Line[]): Finding[] {
  return lines.filter(pool).flatMap((l) => {
    const top = l.cells[l.cells.length - 1];
    if (!top?.spawn || !top.work || !top.teardown || top.workers < 2) return [];
    const share = top.spawn.median / top.total.median;
    if (share < SPAWN_SHARE_WORTH_SAYING) return [];
    return [
      {
        topic: 'time' as const,
        text: `${runtimeName(run.result.env.runtime)} ${taskName(task)} on ${l.mode} (${l.impl}) at ${top.workers} workers: ${fmtPct(share)} of the time goes to starting workers`,
        basis: `medians: spawn ${fmtMs(top.spawn.median)} ms, work ${fmtMs(top.work.median)} ms, teardown ${fmtMs(top.teardown.median)} ms, total ${fmtMs(top.total.median)} ms (${samples(top)})`,
      },
    ];
  });
}

/** Findings of one run, in words, each only where its numbers support it. */
export function runFindings(run: RunView): Finding[] {
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
