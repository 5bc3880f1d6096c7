import type { Finding } from '@tvp/core/analysis';
import { fmtBytes, fmtMs, runtimeName } from '@tvp/core/analysis';
import type { RunView, SkippedFile } from '../payload.ts';
import { h } from './dom.ts';

const load = (xs: number[]) => (xs.length === 0 ? '-' : xs.map((x) => x.toFixed(2)).join(' / '));

/** The conditions a run was measured in: runtime, machine, load and the variables that matter. */
export function envPanel(run: RunView): HTMLElement {
  const { env, config, tool } = run.result;
  const vars = Object.entries(env.vars);
  const rows: [string, string][] = [
    ['runtime', `${runtimeName(env.runtime)} ${env.runtimeVersion}`],
    ['run', `${new Date(run.result.createdAt).toLocaleString()} (${run.result.id.slice(0, 8)}, ${run.file})`],
    ['machine', `${run.machine} (${env.hostname}), ${env.os} ${env.arch}, kernel ${env.kernel}`],
    ['CPU', `${env.cpuModel}, ${env.cores} cores, ${env.availableParallelism} available`],
    ['memory', fmtBytes(env.memoryBytes)],
    ['load (1/5/15 min)', `start ${load(env.loadavgStart)}, end ${load(env.loadavgEnd)}`],
    [
      'other processes',
      env.otherCpuShare === undefined
        ? 'not measured'
        : `${(env.otherCpuShare * 100).toFixed(1)}% of the CPU during the sweep`,
    ],
    ['variables', vars.length === 0 ? 'none of those that matter' : vars.map(([k, v]) => `${k}=${v}`).join('  ')],
    [
      'sweep',
      `${config.preset} preset, ${config.count} tasks, io ${config.ioMs} ms, cpu ${config.cpuIters.toLocaleString('en-US')} rounds, ${config.repeat} runs + ${config.warmup} warmup, workers ${config.workers.join(',')}, worker env ${config.workerEnv}`,
    ],
    [
      'tool',
      `${tool.name} ${tool.version}${tool.gitSha ? ` @ ${tool.gitSha.slice(0, 10)}` : ''}${run.result.durationMs ? `, took ${fmtMs(run.result.durationMs / 1000)} s` : ''}`,
    ],
  ];
  return h(
    'div',
    { class: 'env' },
    h('h4', {}, `${runtimeName(env.runtime)} run`),
    h(
      'table',
      { class: 'env' },
      h(
        'tbody',
        {},
        rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))),
      ),
    ),
  );
}

/** Warnings of the shown runs, each once, with the run it came from. */
export function warningsPanel(runs: RunView[]): HTMLElement | null {
  const items = runs.flatMap((r) => r.warnings.map((w) => `${runtimeName(r.result.env.runtime)}: ${w}`));
  if (items.length === 0) return null;
  return h(
    'div',
    { class: 'warnings' },
    h('strong', {}, 'Warnings from the runs'),
    h(
      'ul',
      {},
      [...new Set(items)].map((w) => h('li', {}, w)),
    ),
  );
}

/** Files the server could not read, named so the reader can fix or remove them. */
export function skippedPanel(skipped: SkippedFile[]): HTMLElement | null {
  if (skipped.length === 0) return null;
  return h(
    'div',
    { class: 'warnings', id: 'skipped' },
    h('strong', {}, `${skipped.length} file${skipped.length === 1 ? '' : 's'} in the results folder skipped`),
    h(
      'ul',
      {},
      // core's reasons start with the file name already: say it once
      skipped.map((s) => h('li', {}, h('code', {}, s.file), `: ${s.reason.replace(`${s.file}: `, '')}`)),
    ),
  );
}

/** Findings in words under a heading (a run, or two runtimes compared), each with its numbers. */
export function findingsPanel(title: string, findings: Finding[]): HTMLElement {
  return h('div', { class: 'finding-group' }, h('h4', {}, title), findingsList(findings));
}

function findingsList(findings: Finding[]): HTMLElement {
  if (findings.length === 0)
    return h('p', { class: 'muted' }, 'No findings: these runs have too few worker counts or samples to support one.');
  return h(
    'ul',
    { class: 'findings' },
    findings.map((f) => h('li', { 'data-topic': f.topic }, f.text, h('br'), h('span', { class: 'basis' }, f.basis))),
  );
}
