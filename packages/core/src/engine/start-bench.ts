import { median } from '../analysis/stats.ts';
import { markWorkers, reapMark } from './reaper.ts';
import { processCpuMs, type StartCpuClock, workerProcessesCpuMs } from './start-cpu.ts';
import type { Transport, WorkerHandle } from './transport.ts';
import { type WorkerEntry, workerEntry } from './worker-entries.ts';

/** A worker file to compare: core's bundled entry, the same code as a module graph, or a minimal worker. */
export type StartVariant = 'minimal' | 'graph' | 'bundled';

/** The bench's own worker files (packages/core/bench), beside the bundled entries in dist/. */
export function benchEntry(variant: Exclude<StartVariant, 'bundled'>, kind: WorkerEntry): URL {
  const ext = variant === 'minimal' ? (kind === 'web' ? 'js' : 'cjs') : 'mjs';
  return new URL(`../../bench/${variant}/${kind}.${ext}`, import.meta.url);
}

/** One pool start: wall time until the last worker said ready, and the CPU it took where a clock was given. */
export interface StartTime {
  ms: number;
  cpuMs?: number;
}

/**
 * Time a pool start as the hub's spawn phase does: start `n` workers, stop the clock when the last
 * has said `ready` (and read `cpu` then). Then ask each to exit and wait until all have (not
 * timed). Rejects after 30 s.
 */
export function timeStart(transport: Transport, n: number, cpu?: StartCpuClock): Promise<StartTime> {
  return new Promise((resolve, reject) => {
    const handles: WorkerHandle[] = [];
    let ready = 0;
    let exited = 0;
    let ms = Number.NaN;
    let cpuMs: number | undefined;
    const timer = setTimeout(() => {
      for (const h of handles) h.kill();
      reject(new Error(`${transport.impl}: ${n} workers not ready and gone after 30 s`));
    }, 30_000);
    const cpu0 = cpu?.(handles);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      handles.push(
        transport.start(
          {
            message: (m) => {
              if (m.t !== 'ready') return;
              if (++ready < n) return;
              ms = performance.now() - t0;
              if (cpu) cpuMs = cpu(handles) - (cpu0 as number);
              for (const h of handles) h.send({ t: 'exit' });
            },
            exit: () => {
              if (++exited < n) return;
              clearTimeout(timer);
              if (Number.isNaN(ms)) reject(new Error(`${transport.impl}: a worker exited before it was ready`));
              else resolve(cpuMs === undefined ? { ms } : { ms, cpuMs });
            },
            error: (err) => {
              clearTimeout(timer);
              for (const h of handles) h.kill();
              reject(err);
            },
          },
          { workerEnv: 'clean' },
        ),
      );
    }
  });
}

/**
 * One transport, built once per variant with that variant's worker file. The usual variants are
 * the three of `StartVariant`; a runner may compare others (Bun: its bytecode build), `minimal`
 * always among them, since every ratio is to it. `cpu`: how to read the CPU a start costs.
 */
export interface StartSubject {
  name: string;
  variants: { minimal: Transport } & Record<string, Transport>;
  cpu?: StartCpuClock;
}

/** The CPU clock for a kind of worker: this process's for threads, the workers' own for processes. */
export const startCpuClock = (kind: WorkerEntry): StartCpuClock =>
  kind === 'process' || kind === 'stdio' ? workerProcessesCpuMs : processCpuMs;

/** Worker entries that start a process of their own, which the run's reaper watches. */
const PROCESS_ENTRIES: readonly WorkerEntry[] = ['process', 'stdio'];

/**
 * A process transport started as a sweep starts it: with the reaper running and its mark in the
 * worker's environment (reaper.ts). The mark is on only around this transport's starts, so that
 * the other variants of the same round start without it.
 */
export function withReaper(t: Transport): Transport {
  return {
    ...t,
    start(events, options) {
      markWorkers(true);
      if (!reapMark()) throw new Error('no reaper on this platform (Linux only)');
      try {
        return t.start(events, options);
      } finally {
        markWorkers(false);
      }
    },
  };
}

/**
 * A subject from a transport factory: the same transport with each variant's worker file, and
 * for a process transport on Linux the bundled file with the reaper (`reaped`).
 */
export const startSubject = (name: string, kind: WorkerEntry, make: (entry: URL) => Transport): StartSubject => ({
  name,
  cpu: startCpuClock(kind),
  variants: {
    minimal: make(benchEntry('minimal', kind)),
    graph: make(benchEntry('graph', kind)),
    bundled: make(workerEntry(kind)),
    ...(PROCESS_ENTRIES.includes(kind) && process.platform === 'linux'
      ? { reaped: withReaper(make(workerEntry(kind))) }
      : {}),
  },
});

/** Medians of one subject at one pool size, and each variant against the minimal worker. */
export interface StartRow {
  subject: string;
  workers: number;
  medianMs: Record<string, number>;
  /** Median over rounds of (variant / minimal) in the same round. */
  ratio: Record<string, number>;
  /** The same for the CPU a start took, where the subject has a CPU clock that could be read. */
  cpuMedianMs?: Record<string, number>;
  cpuRatio?: Record<string, number>;
}

/**
 * Every subject's pool start at each size, the variants interleaved in rotating order round by
 * round, so that each ratio compares starts measured seconds apart. One warm-up round is dropped.
 */
export async function compareStarts(subjects: StartSubject[], sizes: number[], rounds: number): Promise<StartRow[]> {
  const rows: StartRow[] = [];
  for (const s of subjects) {
    const names = Object.keys(s.variants);
    for (const n of sizes) {
      const series = () => Object.fromEntries(names.map((v) => [v, [] as number[]])) as Record<string, number[]>;
      const [times, ratios, cpus, cpuRatios] = [series(), series(), series(), series()];
      for (let r = -1; r < rounds; r++) {
        const order = names.map((_, i) => names[(i + Math.max(r, 0)) % names.length] as string);
        const got: Record<string, StartTime> = {};
        for (const v of order) got[v] = await timeStart(s.variants[v] as Transport, n, s.cpu);
        if (r < 0) continue;
        const base = got.minimal as StartTime;
        for (const v of names) {
          const t = got[v] as StartTime;
          times[v]?.push(t.ms);
          ratios[v]?.push(t.ms / base.ms);
          if (t.cpuMs !== undefined && base.cpuMs !== undefined) {
            cpus[v]?.push(t.cpuMs);
            cpuRatios[v]?.push(t.cpuMs / base.cpuMs);
          }
        }
      }
      const of = (xs: Record<string, number[]>) => Object.fromEntries(names.map((v) => [v, median(xs[v] ?? [])]));
      const row: StartRow = { subject: s.name, workers: n, medianMs: of(times), ratio: of(ratios) };
      // A clock that could not be read (no /proc) gives NaN: then no CPU columns at all.
      const cpuRead = names.every((v) => (cpus[v] ?? []).length === rounds && !(cpus[v] ?? []).some(Number.isNaN));
      if (cpuRead) Object.assign(row, { cpuMedianMs: of(cpus), cpuRatio: of(cpuRatios) });
      rows.push(row);
    }
  }
  return rows;
}

/** The usual columns after `minimal`: the variant and its heading. */
export const START_COLUMNS: readonly [string, string][] = [
  ['graph', 'module graph (before)'],
  ['bundled', 'bundled (now)'],
  ['reaped', 'bundled + reaper'],
];

/** The rows as a Markdown table: the minimal worker's time, then each of `columns` with its ratio. */
export function formatStartTable(rows: StartRow[], rounds: number, columns = START_COLUMNS): string {
  const lines = [
    `pool start until every worker is ready, median of ${rounds} rounds (ms); in brackets, the median of the per-round ratios to the minimal worker, of wall time and of the CPU time the start took (threads: this process's; processes: the workers')`,
    '',
    `| transport | workers | minimal | ${columns.map(([, h]) => h).join(' | ')} |`,
    `| --- | --- | --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const r of rows) {
    const cpu = (v: string) => (r.cpuRatio ? `, CPU ${(r.cpuRatio[v] ?? Number.NaN).toFixed(2)}x` : '');
    const cell = (v: string) =>
      r.medianMs[v] === undefined
        ? '-'
        : `${(r.medianMs[v] ?? Number.NaN).toFixed(1)} (${(r.ratio[v] ?? Number.NaN).toFixed(2)}x${cpu(v)})`;
    const minimal = (r.medianMs.minimal ?? Number.NaN).toFixed(1);
    lines.push(`| ${r.subject} | ${r.workers} | ${minimal} | ${columns.map(([v]) => cell(v)).join(' | ')} |`);
  }
  return lines.join('\n');
}
