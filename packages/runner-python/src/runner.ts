import os from 'node:os';
import type { ExternalSweep, RunConfig, SweepProgress, SweepRunner } from '@tvp/core';
import { Assembler } from './assembler.ts';
import { calibrationWarning, jsTaskMs } from './calibrate.ts';
import { runChild } from './child.ts';
import { PythonError } from './errors.ts';
import { pythonImpls, RUNTIME } from './impls.ts';
import { interpreter } from './interpreter.ts';
import { parseLine, quote } from './lines.ts';
import { planPython, runsOf, runWeight } from './plan.ts';

/** The variables that change what CPython measures (all of `PYTHON*`), as the runner saw them. */
export function pythonVars(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const v = env[name];
    if (name.startsWith('PYTHON') && v !== undefined) out[name] = v;
  }
  return out;
}

/** The JavaScript runtime this process is, which the cpu calibration timed. */
const jsRuntime = (): string =>
  typeof (globalThis as { Bun?: unknown }).Bun === 'object'
    ? `bun ${process.versions.bun}`
    : `node ${process.versions.node}`;

/** Run a planned sweep through the Python program; see SweepRunner. */
async function sweep(o: {
  config: RunConfig;
  signal: AbortSignal;
  onProgress?: (p: SweepProgress) => void;
}): Promise<ExternalSweep> {
  const started = performance.now();
  const env = process.env;
  const python = interpreter(env);
  const { config } = o;
  const plan = planPython(config, pythonImpls());
  const hasCpu = plan.some((c) => c.task === 'cpu');
  // One JavaScript task of these flags, timed here: CPython runs as many rounds as fit in that time.
  const jsMs = hasCpu ? jsTaskMs(config.cpuIters) : 0;
  const cores = os.availableParallelism();
  const taskMs = (task: string) => (task === 'io' ? config.ioMs : task === 'cpu' ? jsMs : 0.1);
  const weights = plan.map((c) => runWeight(c, config.count, taskMs(c.task), cores));
  const totalWeight = plan.reduce((sum, c, i) => sum + (weights[i] as number) * runsOf(c, config), 0);
  let doneWeight = 0;
  let last: { cell: number } | undefined;

  const asm = new Assembler(plan, config);
  const pyConfig = JSON.stringify({
    plan,
    count: config.count,
    repeat: config.repeat,
    warmup: config.warmup,
    ioMs: config.ioMs,
    cpuTargetMs: jsMs,
    timeoutMs: config.timeoutMs,
    lifeline: true,
    ...(config.fault ? { fault: config.fault } : {}),
    ...(config.clock ? { clock: config.clock } : {}),
  });
  const { end, stderr } = await runChild({
    python,
    config: pyConfig,
    signal: o.signal,
    env,
    onLine: (text, lineNo) => {
      asm.take(parseLine(text, lineNo), `python output line ${lineNo} ${quote(text)}`, (p) => {
        if (last) doneWeight += weights[last.cell] as number;
        last = p;
        const elapsed = performance.now() - started;
        const cell = plan[p.cell];
        if (!cell || !o.onProgress) return;
        o.onProgress({
          cellIndex: p.cell,
          cellCount: plan.length,
          cell,
          run: p.run,
          runs: runsOf(cell, config),
          warmup: runsOf(cell, config) - config.repeat,
          etaMs: doneWeight > 0 ? (elapsed / doneWeight) * (totalWeight - doneWeight) : undefined,
        });
      });
    },
  });
  const aborted = end.kind === 'killed';
  if (!aborted) {
    const said = stderr.trim() ? `:\n${stderr.trim()}` : ' and said nothing on stderr';
    if (end.code !== 0) {
      const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
      throw new PythonError(`${python} ${how} before the sweep ended${said}`);
    }
    if (!asm.ended) throw new PythonError(`${python} exited without finishing the sweep (no end line)${said}`);
  }
  const hello = asm.hello;
  const cal = asm.calibrated;
  const vars: Record<string, string> = { ...pythonVars(env) };
  const warnings: string[] = [];
  if (hello) {
    Object.assign(vars, {
      'python.implementation': hello.implementation,
      'python.compiler': hello.compiler,
      'python.gil': hello.gil,
      'python.freeThreadedBuild': String(hello.freeThreadedBuild),
      'python.executable': hello.executable,
      'python.defaultStartMethod': hello.defaultStartMethod,
    });
    if (hello.implementation !== 'CPython') warnings.push(`the interpreter is ${hello.implementation}, not CPython`);
  }
  // A sweep that succeeded may still have had Python warn about something (a deprecation, a leak).
  const note = stderr.trim();
  if (note) warnings.push(`python wrote to stderr: ${note.length > 300 ? `...${note.slice(-300)}` : note}`);
  const ran: RunConfig = { ...config };
  if (hasCpu && cal) {
    ran.cpuIters = cal.rounds;
    vars['python.cpuItersAsked'] = String(config.cpuIters);
    vars['python.cpuTargetMs'] = jsMs.toFixed(3);
    warnings.push(
      calibrationWarning({
        asked: config.cpuIters,
        rounds: cal.rounds,
        jsMs,
        jsRuntime: jsRuntime(),
        nsPerRound: cal.nsPerRound,
      }),
    );
  }
  return {
    cells: asm.cells,
    roundTrips: asm.roundTrips,
    aborted,
    durationMs: performance.now() - started,
    runtimeVersion: hello?.version ?? 'unknown',
    config: ran,
    vars,
    warnings,
  };
}

/** The CPython runner: core's flags, progress, summary and file; the sweep runs in Python. */
export const cpythonRunner: SweepRunner = {
  runtime: RUNTIME,
  impls: pythonImpls(),
  sweep,
  // The Python side submits every task at once (the article's hub); arrivals on a schedule are
  // not built there, so a config asking for them is refused rather than run without them.
  // The payload task's ways (structured clone, transfer, SharedArrayBuffer, IPC serializations) are
  // JavaScript's: refused by name rather than run as something else. So is a JavaScript task module.
  refuse: (config) =>
    config.arrival
      ? '--arrival-rate: the CPython runner does not run tasks arriving over time (its hub submits every task at once, as the article did); run it without --arrival-rate'
      : config.tasks.includes('payload')
        ? '--task payload: the CPython runner does not run the payload task (its ways of moving bytes are those of the JavaScript runtimes)'
        : config.tasks.includes('module')
          ? '--task-module: the CPython runner cannot run a JavaScript task module; run it on node, bun or deno'
          : undefined,
};
