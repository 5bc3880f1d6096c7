import type { ResultFile, TaskKind } from '../format/types.ts';
import type { AnalyzedRun } from './analyzed-run.ts';
import type { Finding } from './finding.ts';
import { tasksOf } from './lines.ts';
import { fmtMs, runtimeName } from './numbers.ts';
import { judge, methodBasis, ratioWords } from './ratio.ts';
import { runsBasis } from './runs-basis.ts';
import { type LinePair, pairRuntimes, unitsPair } from './runtime-pairs.ts';
import { median } from './stats.ts';
import { taskWords } from './task-words.ts';

const implOf = (x: string) => (x === 'main' ? '' : ` (${x})`);

/** What core's `comparable` asks of two runs, for the basis of a "cannot be compared" finding. */
export const COMPARABLE_RULE =
  'comparing needs the same machine label, the same work per task (count, ioMs, cpuIters), the same worker env and no injected fault';

/** One finding for the tasks two runs may not be compared on, with every reason once. */
function notComparable(
  O: string,
  B: string,
  blocked: { task: TaskKind; reasons: string[] }[],
  all: number,
  name: (task: TaskKind) => string,
): Finding[] {
  if (blocked.length === 0) return [];
  const reasons = [...new Set(blocked.flatMap((b) => b.reasons))];
  const on = blocked.length < all ? ` on ${blocked.map((b) => name(b.task)).join(' and ')}` : '';
  return [
    {
      topic: 'runtime',
      text: `${O} and ${B} runs cannot be compared${on}: ${reasons.join('; ')} (${O} vs ${B})`,
      basis: `${COMPARABLE_RULE}; no ratio is drawn or stated for them`,
    },
  ];
}

function timeFinding(O: string, B: string, T: string, pair: LinePair, units: string): Finding[] {
  const p = pair.points[pair.points.length - 1]!;
  if (!p.judged) return [];
  const mode = pair.other.mode;
  const who =
    mode === 'sequential'
      ? `${T} sequential`
      : mode === 'async'
        ? `${T} async, ${p.workers} in flight`
        : `${T} on ${mode} at ${p.workers} worker${p.workers === 1 ? '' : 's'}`;
  return [
    {
      topic: 'runtime',
      text: `${who}: ${ratioWords(p.judged, O, B)}`,
      basis: `median total: ${O}${implOf(pair.other.impl)} ${fmtMs(p.other.total.median)} ms, ${B}${implOf(pair.base.impl)} ${fmtMs(p.base.total.median)} ms; ${methodBasis(p.judged)}; ${units}`,
    },
  ];
}

/**
 * Runtime against runtime on one machine, only where core's `comparable` allows (else one finding
 * saying why not): for each mode, the time at the largest worker count both runs measured, and for
 * each pool the start of one worker, each a ratio of medians with its interval and verdict. With a
 * batch of several rounds per runtime in `pool`, the ratios rest on every round (per-run medians).
 */
export function runtimeFindings(base: AnalyzedRun, other: AnalyzedRun, pool: readonly ResultFile[] = []): Finding[] {
  const B = runtimeName(base.result.env.runtime);
  const O = runtimeName(other.result.env.runtime);
  // Both runs did the same work on a task they are compared on: the base's module name is the other's.
  const name = (task: TaskKind) => taskWords(base.result, task);
  const shared = tasksOf(other).filter((t) => tasksOf(base).includes(t));
  const blocked: { task: TaskKind; reasons: string[] }[] = [];
  const out: Finding[] = [];
  let start: { task: TaskKind; pairs: LinePair[]; units: string } | undefined;
  for (const task of shared) {
    const c = pairRuntimes(base, other, task, pool);
    if (!c.ok) {
      blocked.push({ task, reasons: c.reasons });
      continue;
    }
    const units = runsBasis(c.groups);
    start ??= { task, pairs: c.pairs, units };
    for (const pair of c.pairs) out.push(...timeFinding(O, B, name(task), pair, units));
    if (start.task === task) {
      for (const pair of c.pairs) {
        if (pair.other.mode !== 'threads' && pair.other.mode !== 'processes') continue;
        const u = unitsPair(
          c.groups,
          { task, mode: pair.other.mode, workers: 1 },
          { base: pair.base.impl, other: pair.other.impl },
          'spawnMs',
        );
        const j = judge(u.other, u.base);
        if (!j) continue;
        out.push({
          topic: 'runtime',
          text: `${pair.other.mode === 'threads' ? 'threads' : 'processes'} start: ${ratioWords(j, O, B)}`,
          basis: `spawn of one worker (${name(task)} cells), medians: ${O}${implOf(pair.other.impl)} ${fmtMs(median(u.other))} ms, ${B}${implOf(pair.base.impl)} ${fmtMs(median(u.base))} ms; ${methodBasis(j)}; ${units}`,
        });
      }
    }
  }
  return [...notComparable(O, B, blocked, shared.length, name), ...out];
}
