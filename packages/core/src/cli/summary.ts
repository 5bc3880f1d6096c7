import { asyncCpuNote } from '../analysis/async-cells.ts';
import { clockCaption, clockOf } from '../analysis/clock.ts';
import { dispatchCosts } from '../analysis/dispatch-cost.ts';
import { type FidelityCheck, fidelityChecks } from '../analysis/fidelity.ts';
import { fmtMs } from '../analysis/numbers.ts';
import { DELAY_METHOD_WORDS, delaySeries, p99Range } from '../analysis/responsiveness.ts';
import { type CellSummary, summarize } from '../analysis/summarize.ts';
import { workOf } from '../analysis/task-words.ts';
import type { ResultFile, TaskKind } from '../format/types.ts';
import { payloadLines } from './payload-summary.ts';
import { formatDuration } from './progress.ts';
import { fitLines, recommendationLines, workerCostLines } from './summary-decision.ts';
import { servingLines } from './summary-serving.ts';
import { warmLines } from './summary-warm.ts';

const pad = (s: string, n: number) => s.padStart(n);

/** " (1.98x 1.95-2.01)": the speedup and its interval, or the speedup alone when it has none. */
function speedupText(c: CellSummary): string {
  if (c.speedup === undefined) return '';
  const ci = c.speedupCi ? ` ${c.speedupCi.lo.toFixed(2)}-${c.speedupCi.hi.toFixed(2)}` : '';
  return ` (${c.speedup.toFixed(2)}x${ci})`;
}

const taskLine = (r: ResultFile, task: TaskKind): string => `${task}: ${workOf(r, task)}`;

/**
 * What an fs table needs beside it on Node: its reads run on libuv's thread pool, one per
 * process. https://nodejs.org/api/cli.html#uv_threadpool_sizesize
 */
function fsNote(r: ResultFile): string[] {
  if (r.env.runtime !== 'node') return [];
  const size = r.env.vars.UV_THREADPOOL_SIZE;
  const pool =
    size === undefined ? '4 threads (the default; UV_THREADPOOL_SIZE unset)' : `UV_THREADPOOL_SIZE=${size} threads`;
  return [
    `note: each read runs on libuv's thread pool, ${pool}. Node's worker threads share their process's one pool;`,
    'each process worker has a pool of its own. A thread pool smaller than the reads in flight queues them.',
  ];
}

/**
 * The hub's event-loop delay per task, one line each: per mode and impl its p99 over the worker
 * counts (a range), so that a main thread that stalls reads beside workers that do not.
 */
export function delayLines(r: ResultFile): string[] {
  const series = delaySeries(r);
  if (series.length === 0) return [];
  const how = [...new Set(series.map((s) => s.method))].map((m) => {
    const of = series.filter((s) => s.method === m);
    const modes = [...new Set(of.map((s) => s.mode))];
    const every = [
      ...new Set(
        of.map((s) =>
          s.idleIntervalMs !== undefined && s.idleIntervalMs > s.intervalMs
            ? `${s.intervalMs} ms (backing off to ${s.idleIntervalMs} ms while the loop is idle)`
            : `${s.intervalMs} ms`,
        ),
      ),
    ].join(', ');
    const only = modes.length < new Set(series.map((s) => s.mode)).size ? ` (${modes.join(', ')})` : '';
    return `every ${every} by ${DELAY_METHOD_WORDS[m]}${only}`;
  });
  const lines = [
    `event-loop delay of the hub during the work (p99 ms over the measured runs, lo-hi over worker counts; sampled ${how.join('; ')}):`,
  ];
  for (const task of r.config.tasks) {
    const of = series.filter((s) => s.task === task);
    if (of.length === 0) continue;
    lines.push(`  ${task}: ${of.map((s) => `${s.mode}/${s.impl} ${p99Range(s)}`).join(' · ')}`);
  }
  return lines;
}

/** One fidelity check as a line: its status, what was measured, and the goal. */
export function fidelityLine(c: FidelityCheck): string {
  const who = `${c.mode}/${c.impl}`;
  if (c.status === 'unmeasured' || c.value === undefined) {
    return `n/a  ${who}: ${c.name.replace(/-/g, ' ')} not measured (${c.goal})`;
  }
  const what =
    c.name === 'cpu-1-worker-vs-inline'
      ? `cpu at 1 worker / inline = ${c.value.toFixed(3)}`
      : `${c.name.slice(0, c.name.indexOf('-'))} speedup at ${c.workers} workers = ${(c.value * 100).toFixed(1)}% of ideal`;
  return `${c.status === 'pass' ? 'ok  ' : 'MISS'} ${who}: ${what} (goal: ${c.goal})`;
}

/**
 * The table printed at the end: per task, a row per worker count and a column per mode/impl,
 * each the median total time (ms) and the speedup against 1 worker, with the ideal beside it.
 */
export function formatSummary(r: ResultFile, file: string | undefined): string {
  const rows = summarize(r);
  const lines: string[] = [];
  const e = r.env;
  lines.push(
    `${r.tool.name} ${r.tool.version} on ${e.runtime} ${e.runtimeVersion}, ${e.os} ${e.arch}, ${e.cores} cores (${e.cpuModel}), label ${e.label}`,
  );
  lines.push(
    `median total ms over ${r.config.repeat} runs (speedup vs 1 worker, lo-hi its 95% interval); ideal = the schedule's bound with zero overhead (a reference)${r.cells.some((c) => c.pool === 'warm') ? '; cold pools (warm: below)' : ''}`,
  );
  lines.push('interval: exact bootstrap of the ratio of the medians at 1 worker and at N, within this run');
  if (clockOf(r) === 'article') lines.push(clockCaption('article'));
  for (const task of r.config.tasks) {
    // The payload task's cells differ by way and size: its own table, below.
    if (task === 'payload') continue;
    const cells = rows.filter((c) => c.task === task);
    if (cells.length === 0) continue;
    const cols = [...new Set(cells.map((c) => `${c.mode}/${c.impl}`))];
    const workers = [...new Set(cells.map((c) => c.workers))].sort((a, b) => a - b);
    const text = (n: number, col: string): string => {
      const c = cells.find((x) => x.workers === n && `${x.mode}/${x.impl}` === col);
      if (!c) return '';
      if (c.status === 'failed') return 'FAILED';
      return `${c.total ? fmtMs(c.total.median) : '-'}${speedupText(c)}`;
    };
    const width = Math.max(
      18,
      ...cols.map((c) => c.length + 1),
      ...workers.flatMap((n) => cols.map((c) => text(n, c).length + 2)),
    );
    lines.push('', taskLine(r, task));
    if (task === 'fs') lines.push(...fsNote(r));
    lines.push(`${pad('workers', 7)}${cols.map((c) => pad(c, width)).join('')}${pad('ideal', 8)}`);
    for (const n of workers) {
      const ideal = cells.find((c) => c.workers === n)?.ideal;
      const parts = cols.map((col) => pad(text(n, col), width));
      lines.push(`${pad(String(n), 7)}${parts.join('')}${pad(ideal === undefined ? '-' : `${ideal.toFixed(2)}x`, 8)}`);
    }
    const note = task === 'cpu' ? asyncCpuNote(r) : undefined;
    if (note) lines.push(`note: ${note}`);
  }
  const payload = payloadLines(r);
  if (payload.length > 0) lines.push('', ...payload);
  const warm = warmLines(r);
  if (warm.length > 0) lines.push('', ...warm);
  const delays = delayLines(r);
  if (delays.length > 0) lines.push('', ...delays);
  const costLines = workerCostLines(r);
  if (costLines.length > 0) lines.push('', ...costLines);
  const fits = fitLines(r);
  if (fits.length > 0) lines.push('', ...fits);
  const costs = dispatchCosts(r);
  if (costs.length > 0) {
    lines.push('', 'harness cost per task (noop, 1 worker) against a bare message round trip, medians:');
    for (const c of costs) {
      lines.push(
        `  ${c.mode}/${c.impl}: ${c.perTaskUs.toFixed(1)} us per task vs ${c.roundTripUs.toFixed(1)} us round trip (${c.ratio.toFixed(2)}x)`,
      );
    }
  }
  const checks = fidelityChecks(r);
  if (checks.length > 0) {
    lines.push('', 'fidelity (work time, medians):');
    for (const c of checks) lines.push(`  ${fidelityLine(c)}`);
  }
  const failed = r.cells.filter((c) => c.status === 'failed');
  if (failed.length > 0) {
    lines.push('', `${failed.length} cell(s) failed:`);
    for (const c of failed) lines.push(`  ${c.task} ${c.mode}/${c.impl} x${c.workers}: ${c.error ?? 'unknown error'}`);
  }
  if (r.warnings && r.warnings.length > 0) {
    lines.push('', 'warnings:');
    for (const w of r.warnings) lines.push(`  ! ${w}`);
  }
  const serving = servingLines(r);
  if (serving.length > 0) lines.push('', ...serving);
  const recs = recommendationLines(r);
  if (recs.length > 0) lines.push('', ...recs);
  lines.push('');
  const took = r.durationMs === undefined ? '' : ` in ${formatDuration(r.durationMs)}`;
  const state = r.interrupted ? 'INTERRUPTED: ' : '';
  if (file) lines.push(`${state}wrote ${file} (${r.cells.length} cells, ${failed.length} failed)${took}`);
  return lines.join('\n');
}
