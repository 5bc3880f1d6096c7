import type { ResultFile } from '../format/types.ts';
import { runtimeName } from './numbers.ts';
import {
  breakEvenLine,
  breakEvens,
  isFitted,
  MOVING_COST_BASIS,
  movingCostLine,
  payloadSeries,
} from './payload-costs.ts';
import { recommend } from './recommend.ts';
import { compareRuns, comparisonMarkdown, type RunComparison } from './run-compare.ts';
import { taskWords } from './task-words.ts';
import { warmText } from './warm-words.ts';

/** One machine and runtime of a fleet: its newest run, and that run against the baseline's newest. */
export interface FleetEntry {
  label: string;
  runtime: string;
  latest: ResultFile;
  /** How many runs of this machine and runtime the folder holds. */
  runs: number;
  baseline?: ResultFile;
  comparison?: RunComparison;
}

/** What `tvp summary` says of a results folder. */
export interface FleetSummary {
  entries: FleetEntry[];
  /** Whether a baseline folder was given at all. */
  withBaseline: boolean;
  /** Cells slower beyond the noise and by more than the threshold, over every entry. */
  regressions: number;
}

const keyOf = (r: ResultFile) => `${r.env.label}\u0000${r.env.runtime}`;

/** The newest run (by createdAt, then id) of each machine label and runtime, with their counts. */
function newestPerMachine(runs: readonly ResultFile[]): Map<string, { latest: ResultFile; runs: number }> {
  const out = new Map<string, { latest: ResultFile; runs: number }>();
  for (const r of runs) {
    const seen = out.get(keyOf(r));
    const newer =
      seen === undefined ||
      r.createdAt > seen.latest.createdAt ||
      (r.createdAt === seen.latest.createdAt && r.id > seen.latest.id);
    out.set(keyOf(r), { latest: newer ? r : (seen as { latest: ResultFile }).latest, runs: (seen?.runs ?? 0) + 1 });
  }
  return out;
}

/**
 * Per machine label and runtime, the newest run; with `baseline` (the runs of an earlier fleet run),
 * that run against the baseline's newest of the same machine and runtime, through `compareRuns`.
 * Sorted by label, then runtime.
 */
export function fleetSummary(
  runs: readonly ResultFile[],
  baseline: readonly ResultFile[] | undefined,
  failAbove = 0.1,
): FleetSummary {
  const base = baseline === undefined ? undefined : newestPerMachine(baseline);
  const entries = [...newestPerMachine(runs).values()]
    .map(({ latest, runs: count }): FleetEntry => {
      const entry: FleetEntry = { label: latest.env.label, runtime: latest.env.runtime, latest, runs: count };
      const before = base?.get(keyOf(latest))?.latest;
      if (before !== undefined) {
        entry.baseline = before;
        entry.comparison = compareRuns(before, latest, failAbove);
      }
      return entry;
    })
    .sort((a, b) => a.label.localeCompare(b.label) || a.runtime.localeCompare(b.runtime));
  const regressions = entries.reduce((n, e) => n + (e.comparison?.changes.filter((c) => c.regression).length ?? 0), 0);
  return { entries, withBaseline: baseline !== undefined, regressions };
}

const runName = (r: ResultFile) => `${r.id.slice(0, 8)}, ${r.createdAt}`;
const mdText = (s: string) => s.replace(/[|*_`<>[\]\\]/g, (c) => `\\${c}`);

/**
 * The run's warm pools against cold, as the terminal summary prints them (`warmText`): the heading
 * line, then per task a list item per mode, impl and workers. Nothing when no pool was kept warm.
 */
function warmMarkdown(r: ResultFile): string[] {
  const w = warmText(r);
  if (w === undefined) return [];
  const head = w.head.charAt(0).toUpperCase() + w.head.slice(1);
  return [
    '',
    mdText(head),
    ...w.tasks.flatMap((t) => [
      '',
      `- **${mdText(taskWords(r, t.task))}**:`,
      ...t.lines.map((l) => `  - ${mdText(l)}`),
    ]),
  ];
}

/**
 * A payload run's answer, as the terminal summary prints it (cli/payload-summary.ts): where
 * offloading stops paying, one item per worker mode, then each way's moving cost per task at 1
 * worker, fixed + per KB. A payload task has no recommendation of its own, so without this a
 * payload run's section said nothing. Nothing for a run without payload cells.
 */
function payloadMarkdown(r: ResultFile): string[] {
  const series = payloadSeries(r).filter((s) => s.way !== undefined);
  if (series.length === 0) return [];
  const fitted = series.filter(isFitted);
  if (fitted.length === 0) {
    return [
      '- **payload**: no moving cost fitted: it needs two sizes or more at 1 worker with the main thread beside them (`--payload-bytes 1k,64k,1m`)',
    ];
  }
  return [
    ...breakEvens(series).map((b) => `- **payload**: ${mdText(breakEvenLine(b))}`),
    `- payload ${mdText(MOVING_COST_BASIS)}:`,
    ...fitted.map((s) => `  - ${mdText(movingCostLine(s))}`),
  ];
}

/** The summary as Markdown, for a CI job summary or a pull request. */
export function fleetSummaryMarkdown(s: FleetSummary, title = 'Benchmark summary'): string {
  const machines = new Set(s.entries.map((e) => e.label)).size;
  const out = [
    `## ${title}`,
    '',
    `${s.entries.length} machine/runtime pair(s) on ${machines} machine(s); the newest run of each.`,
  ];
  for (const e of s.entries) {
    const env = e.latest.env;
    out.push(
      '',
      `### ${mdText(e.label)} · ${runtimeName(e.runtime)} ${mdText(env.runtimeVersion)}`,
      '',
      `${env.os} ${env.arch}, ${env.cores} cores (${mdText(env.cpuModel)}); run ${runName(e.latest)}; ${e.runs} run(s) of it here.`,
      '',
    );
    for (const rec of recommend(e.latest)) {
      // The sentence starts with its task ("IO: ..."); set it in bold.
      const line = rec.ok ? rec.sentence : `${rec.subject}: no recommendation: ${rec.reason}`;
      out.push(`- ${line.replace(/^([^:]+):/, '**$1**:')}`);
    }
    out.push(...payloadMarkdown(e.latest));
    out.push(...warmMarkdown(e.latest));
    if (!s.withBaseline) continue;
    out.push('');
    if (e.comparison === undefined || e.baseline === undefined) {
      out.push('No baseline run of this machine and runtime: nothing to compare against.');
    } else {
      const title = `Against the baseline (run ${runName(e.baseline)})`;
      out.push(comparisonMarkdown(e.comparison, title).replace(/^### /, '#### '));
      if (e.comparison.changes.length === 0) out.push('- no cell could be compared');
    }
  }
  if (s.withBaseline) {
    out.push(
      '',
      s.regressions > 0
        ? `**${s.regressions} cell(s) regressed** beyond the noise and the threshold.`
        : 'No regression beyond the noise and the threshold.',
    );
  }
  return `${out.join('\n')}\n`;
}
