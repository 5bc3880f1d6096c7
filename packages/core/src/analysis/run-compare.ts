import type { Cell, ResultFile, TaskKind } from '../format/types.ts';
import { type RatioInterval, ratioInterval } from './bootstrap.ts';
import { comparable } from './comparability.ts';
import { fmtMs } from './numbers.ts';
import { median } from './stats.ts';
import { type Verdict, verdict } from './verdict.ts';

/** One cell present and ok in both runs, B against A. */
export interface CellChange {
  task: TaskKind;
  mode: Cell['mode'];
  impl: string;
  workers: number;
  /** Median total time in A and in B, ms. */
  aMs: number;
  bMs: number;
  /** median(B) / median(A) with its 95% exact bootstrap interval: above 1, B is slower. */
  ratio: RatioInterval;
  /** What the interval says of B against A ('slower': B took longer beyond the noise). */
  verdict: Verdict;
  /** Slower beyond the noise and by more than the threshold. */
  regression: boolean;
}

/** A task whose cells were not compared, and why. */
export interface Refusal {
  task: TaskKind;
  reasons: string[];
}

/** B against A, cell by cell, for every task they may be compared on. */
export interface RunComparison {
  changes: CellChange[];
  refused: Refusal[];
  /** Cells ok in one run only, or failed in either: not compared. */
  unmatched: number;
  /** The threshold, a fraction (0.1 = 10%). */
  failAbove: number;
  /** Set when the runs measured no task in common: nothing could be compared, and why. */
  noCommonTask?: string;
}

// The pool is part of a cell: a cold cell pairs with a cold one, a warm with a warm, never across.
const cellKey = (c: Pick<Cell, 'task' | 'mode' | 'impl' | 'workers' | 'way' | 'payloadBytes' | 'pool'>) =>
  `${c.task}|${c.mode}|${c.impl}|${c.workers}|${c.way ?? ''}|${c.payloadBytes ?? ''}|${c.pool ?? 'cold'}`;

/**
 * Compare run B with run A on total time, per cell both ran: only tasks for which core's
 * `comparable` holds (the other tasks are refused with its reasons). A cell regressed when its
 * interval lies wholly above 1 (slower beyond the noise) and its estimate is above 1 + failAbove.
 */
export function compareRuns(a: ResultFile, b: ResultFile, failAbove = 0.1): RunComparison {
  if (!(failAbove >= 0)) throw new RangeError(`compareRuns(): failAbove must be >= 0, got ${failAbove}`);
  const refused: Refusal[] = [];
  const allowed = new Set<TaskKind>();
  for (const task of a.config.tasks.filter((t) => b.config.tasks.includes(t))) {
    const c = comparable(a, b, task);
    if (c.ok) allowed.add(task);
    else refused.push({ task, reasons: c.reasons });
  }
  const inB = new Map(b.cells.map((c) => [cellKey(c), c]));
  const changes: CellChange[] = [];
  let unmatched = 0;
  for (const ca of a.cells) {
    if (!allowed.has(ca.task)) continue;
    const cb = inB.get(cellKey(ca));
    if (!cb || ca.status !== 'ok' || cb.status !== 'ok' || ca.samples.length === 0 || cb.samples.length === 0) {
      unmatched++;
      continue;
    }
    const ta = ca.samples.map((s) => s.totalMs);
    const tb = cb.samples.map((s) => s.totalMs);
    if (!ta.every((x) => x > 0)) {
      unmatched++;
      continue;
    }
    const ratio = ratioInterval(tb, ta);
    const v = verdict(ratio);
    changes.push({
      task: ca.task,
      mode: ca.mode,
      impl: ca.impl,
      workers: ca.workers,
      aMs: median(ta),
      bMs: median(tb),
      ratio,
      verdict: v,
      regression: v === 'slower' && ratio.estimate > 1 + failAbove,
    });
  }
  unmatched += b.cells.filter((c) => allowed.has(c.task) && !a.cells.some((x) => cellKey(x) === cellKey(c))).length;
  const shared = a.config.tasks.filter((t) => b.config.tasks.includes(t));
  if (shared.length === 0) {
    const noCommonTask = `the runs measured no task in common (A: ${a.config.tasks.join(', ')}; B: ${b.config.tasks.join(', ')})`;
    return { changes, refused, unmatched, failAbove, noCommonTask };
  }
  return { changes, refused, unmatched, failAbove };
}

const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
const WORDS: Record<Verdict, string> = {
  faster: 'faster',
  slower: 'slower',
  equal: 'equal within ±5%',
  unresolved: 'no difference shown',
};

/** The comparison as rows: a header, then one row per compared cell (what the terminal, Markdown and the page show). */
export function comparisonRows(c: RunComparison): string[][] {
  const head = ['cell', 'A ms', 'B ms', 'change', '95% interval', 'verdict'];
  const body = c.changes.map((x) => [
    `${x.task} ${x.mode}${x.impl === 'main' ? '' : `/${x.impl}`} x${x.workers}`,
    fmtMs(x.aMs),
    fmtMs(x.bMs),
    pct(x.ratio.estimate),
    `${pct(x.ratio.lo)} .. ${pct(x.ratio.hi)}`,
    `${WORDS[x.verdict]}${x.regression ? ' REGRESSION' : ''} (n = ${x.ratio.n[1]} and ${x.ratio.n[0]})`,
  ]);
  return [head, ...body];
}

/** Lines after the table: refused tasks, unmatched cells, and the outcome (last). */
export function comparisonFooter(c: RunComparison): string[] {
  const out = c.refused.map((r) => `${r.task}: not compared, the runs did different work: ${r.reasons.join('; ')}`);
  if (c.noCommonTask) out.push(`not compared: ${c.noCommonTask}`);
  if (c.unmatched > 0) out.push(`${c.unmatched} cell(s) not in both runs or failed in one: not compared`);
  const bad = c.changes.filter((x) => x.regression).length;
  const threshold = `${(c.failAbove * 100).toFixed(1).replace(/\.0$/, '')}%`;
  out.push(
    bad > 0
      ? `${bad} cell(s) slower beyond the noise and by more than ${threshold}`
      : `no cell slower beyond the noise by more than ${threshold} (${c.changes.length} compared)`,
  );
  return out;
}

/** A plain-text table for the terminal. */
export function formatComparison(c: RunComparison, title: string): string {
  const r = comparisonRows(c);
  const widths = (r[0] as string[]).map((_, i) => Math.max(...r.map((row) => (row[i] as string).length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  return [
    title,
    'change = median total of B / median total of A; interval: exact bootstrap of that ratio',
    '',
    ...r.map(line),
    '',
    ...comparisonFooter(c),
  ].join('\n');
}

/** A Markdown table, to paste into a pull request. */
export function comparisonMarkdown(c: RunComparison, title: string): string {
  const r = comparisonRows(c);
  const md = (row: string[]) => `| ${row.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `### ${title}`,
    '',
    md(r[0] as string[]),
    `| ${(r[0] as string[]).map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...r.slice(1).map(md),
    '',
    ...comparisonFooter(c).map((l) => `- ${l}`),
  ].join('\n');
}
