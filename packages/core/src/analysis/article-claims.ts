import type { AnalyzedRun } from './analyzed-run.ts';
import { cellSamples } from './cross-run.ts';
import type { Finding } from './finding.ts';
import { type Line, linesOf, type OkCell } from './lines.ts';
import { fmtMs, fmtX, fmtXRange, runtimeName } from './numbers.ts';
import { judge, methodBasis, ratioWords } from './ratio.ts';

/**
 * The article's three conclusions (CPython, concurrent.futures), each checked against one run:
 * 1. IO: threads and processes are equally good, each about N times faster (10 s to 1.3 s at 8);
 * 2. CPU: threads do not help (the GIL);
 * 3. CPU: processes plateau near the number of cores.
 */
export const ARTICLE_CLAIMS = {
  io: 'for IO, threads and processes are equally good, about N times faster',
  cpuThreads: 'for CPU, threads do not help (the GIL)',
  cpuProcesses: 'for CPU, processes plateau near the number of cores',
} as const;

/** A best speedup below this does not help: 15% is within what a busy machine varies. */
const NO_HELP = 1.15;
/** The speedup at the cores within this share of the best: more workers added nothing. */
const PLATEAU_SHARE = 0.9;

/** The first line of a mode: the runtime's default impl comes first in a run. */
const lineOf = (lines: Line[], mode: 'threads' | 'processes') => lines.find((l) => l.mode === mode);
const withSpeedup = (l: Line | undefined) => (l?.cells ?? []).filter((c) => c.speedup !== undefined);
const best = (l: Line | undefined): OkCell | undefined =>
  withSpeedup(l).reduce<OkCell | undefined>((a, c) => (!a || c.speedup! > a.speedup! ? c : a), undefined);
const ci = (c: OkCell) => (c.speedupCi ? ` (${fmtXRange(c.speedupCi.lo, c.speedupCi.hi)})` : '');
const impl = (l: Line) => (l.impl === 'main' ? l.mode : `${l.mode} (${l.impl})`);

function ioClaim(run: AnalyzedRun, R: string): Finding[] {
  const lines = linesOf(run, 'io');
  const t = lineOf(lines, 'threads');
  const p = lineOf(lines, 'processes');
  if (!t || !p) return [];
  // At the largest worker count both measured, up to the article's 8.
  const counts = withSpeedup(t)
    .map((c) => c.workers)
    .filter((n) => n > 1 && n <= 8 && withSpeedup(p).some((c) => c.workers === n));
  const n = Math.max(...counts);
  if (!Number.isFinite(n)) return [];
  const ct = t.cells.find((c) => c.workers === n) as OkCell;
  const cp = p.cells.find((c) => c.workers === n) as OkCell;
  const samples = (l: Line) =>
    cellSamples(run.result, { task: 'io', mode: l.mode, impl: l.impl, workers: n }, 'totalMs');
  const j = judge(samples(t), samples(p));
  if (!j) return [];
  const ideal = ct.ideal ?? n;
  const equal = j.verdict === 'equal';
  const near = (c: OkCell) => c.speedup! >= 0.8 * ideal;
  const holds = equal && near(ct) && near(cp);
  const partly = !holds && (near(ct) || near(cp));
  const verdict = holds ? 'holds' : partly ? 'holds in part' : 'does not hold';
  return [
    {
      topic: 'article',
      text: `The article: "${ARTICLE_CLAIMS.io}". On ${R} it ${verdict}: at ${n} workers threads ${fmtX(ct.speedup!)}${ci(ct)}, processes ${fmtX(cp.speedup!)}${ci(cp)} (ideal ${fmtX(ideal)}); ${ratioWords(j, `${impl(t)}`, `${impl(p)}`)}`,
      basis: `median total at ${n} workers: threads ${fmtMs(ct.total.median)} ms, processes ${fmtMs(cp.total.median)} ms; threads / processes: ${methodBasis(j)}`,
    },
  ];
}

function cpuThreadsClaim(run: AnalyzedRun, R: string): Finding[] {
  const t = lineOf(linesOf(run, 'cpu'), 'threads');
  const b = best(t);
  if (!t || !b) return [];
  const helps = b.speedup! >= NO_HELP && (b.speedupCi?.lo ?? 0) > 1;
  return [
    {
      topic: 'article',
      text: `The article: "${ARTICLE_CLAIMS.cpuThreads}". On ${R} it ${helps ? 'does not hold' : 'holds'}: threads reach at best ${fmtX(b.speedup!)}${ci(b)} at ${b.workers} workers${helps ? ` (no GIL: ${run.cores} cores)` : ''}`,
      basis: `${impl(t)}, median total ${fmtMs(b.total.median)} ms at ${b.workers} workers (n = ${b.total.n}); helping means a best speedup of at least ${fmtX(NO_HELP)} whose interval excludes 1`,
    },
  ];
}

function cpuProcessesClaim(run: AnalyzedRun, R: string): Finding[] {
  const p = lineOf(linesOf(run, 'cpu'), 'processes');
  const b = best(p);
  const cells = withSpeedup(p);
  if (!p || !b || cells.length < 2) return [];
  const top = cells[cells.length - 1] as OkCell;
  if (top.workers <= run.cores) {
    return [
      {
        topic: 'article',
        text: `The article: "${ARTICLE_CLAIMS.cpuProcesses}". On ${R} this run cannot say: it measured no more workers (${top.workers}) than the ${run.cores} cores`,
        basis: `${impl(p)}: best ${fmtX(b.speedup!)} at ${b.workers} workers`,
      },
    ];
  }
  // A plateau: once N reaches the cores, more workers add nothing (the speedup at the cores is
  // within 10% of the best), and most of it is kept at the largest count. Reaching it and then
  // falling (each added process costs more than it brings) holds only in part.
  const atCores = cells.filter((c) => c.workers <= run.cores).at(-1) as OkCell;
  const reached = atCores.workers > 1 && atCores.speedup! >= PLATEAU_SHARE * b.speedup!;
  const kept = top.speedup! >= 0.8 * b.speedup!;
  const verdict = reached && kept ? 'holds' : reached ? 'holds in part' : 'does not hold';
  const tail = reached && !kept ? ', falling as more processes start' : '';
  return [
    {
      topic: 'article',
      text: `The article: "${ARTICLE_CLAIMS.cpuProcesses}". On ${R} it ${verdict}: processes reach at best ${fmtX(b.speedup!)}${ci(b)} at ${b.workers} workers, ${fmtX(atCores.speedup!)} at ${atCores.workers} = the cores, ${fmtX(top.speedup!)}${ci(top)} at ${top.workers}${tail}`,
      basis: `${impl(p)}, median totals ${fmtMs(b.total.median)} ms at ${b.workers} and ${fmtMs(top.total.median)} ms at ${top.workers} workers (n = ${b.total.n} and ${top.total.n}); a plateau: the speedup at the cores at least ${PLATEAU_SHARE * 100}% of the best, and at least 80% of the best kept at the largest count`,
    },
  ];
}

/**
 * The article's conclusions, each said to hold, hold in part or not hold on this run's runtime,
 * with the numbers: the article's claims beside JavaScript's answers (and CPython's own).
 */
export function articleFindings(run: AnalyzedRun): Finding[] {
  const R = runtimeName(run.result.env.runtime);
  return [...ioClaim(run, R), ...cpuThreadsClaim(run, R), ...cpuProcessesClaim(run, R)];
}
