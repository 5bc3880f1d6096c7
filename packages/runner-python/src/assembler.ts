import type { Cell, LoopDelayMethod, RoundTrip, RunConfig } from '@tvp/core';
import { cpuWork, TaskStamps, taskTimesOf } from '@tvp/core';
import { delayStats, median } from '@tvp/core/analysis';
import { PythonError } from './errors.ts';
import type { CalibratedLine, HelloLine, PyLine } from './lines.ts';
import { type PythonCell, runsOf } from './plan.ts';

/** A cell's delays so far, from its measured runs' sample lines. */
interface OpenDelay {
  method: LoopDelayMethod;
  intervalMs: number;
  delays: number[];
}

/** Where the Python program is in its run, as its lines tell. */
export interface Position {
  cell: number;
  run: number;
}

/**
 * Builds the sweep from the Python program's lines, in the order the protocol fixes: hello,
 * calibrated, answers (with cpu), then per cell its runs and its end, then end. A line out of
 * that order, or one that contradicts the plan, is an error naming it.
 */
export class Assembler {
  hello: HelloLine | undefined;
  calibrated: CalibratedLine | undefined;
  readonly cells: Cell[] = [];
  readonly roundTrips: RoundTrip[] = [];
  ended = false;
  private answered = false;
  private current: { cell: Cell; rss: number[]; stamps: TaskStamps[]; trip?: RoundTrip; delay?: OpenDelay } | undefined;
  private position: Position | undefined;

  constructor(
    private readonly plan: readonly PythonCell[],
    private readonly config: RunConfig,
  ) {}

  /** Take one validated line; `onRun` hears when a run begins. */
  take(line: PyLine, where: string, onRun?: (p: Position) => void): void {
    const bad = (why: string): never => {
      throw new PythonError(`${where}: ${why}`);
    };
    if (this.ended) bad('a line after the end line');
    if (!this.hello && line.t !== 'hello') bad('expected the hello line first');
    if (this.hello && !this.calibrated && line.t !== 'calibrated') bad('expected the calibrated line second');
    const needsAnswers = this.plan.some((c) => c.task === 'cpu');
    switch (line.t) {
      case 'hello':
        if (this.hello) bad('a second hello line');
        this.hello = line;
        return;
      case 'calibrated':
        if (this.calibrated) bad('a second calibrated line');
        this.calibrated = line;
        return;
      case 'answers':
        if (!needsAnswers || this.answered) bad('answers that were not asked for');
        this.checkAnswers(line.rounds, line.values, bad);
        this.answered = true;
        return;
    }
    if (needsAnswers && !this.answered) bad('expected the cpu answers before any run');
    switch (line.t) {
      case 'progress':
        this.progress(line.cell, line.run, bad, onRun);
        return;
      case 'sample': {
        const c = this.open(line.cell, bad);
        if (c.cell.samples.length >= this.config.repeat) bad(`more than ${this.config.repeat} samples`);
        const { totalMs, spawnMs, workMs, teardownMs, readyAtMs } = line;
        if (c.cell.pool === 'warm' && (spawnMs !== 0 || teardownMs !== 0 || totalMs !== workMs))
          bad('a warm sample must be its work alone (spawnMs and teardownMs 0, totalMs = workMs)');
        c.cell.samples.push({
          totalMs,
          spawnMs,
          workMs,
          teardownMs,
          ...(readyAtMs !== undefined ? { readyAtMs } : {}),
        });
        if (line.rssBytesPerWorker !== undefined) c.rss.push(line.rssBytesPerWorker);
        this.takeDelays(c, line, bad);
        return;
      }
      case 'tasks': {
        const c = this.open(line.cell, bad);
        if (c.stamps.length >= c.cell.samples.length) bad('a tasks line without its sample');
        const n = this.config.count;
        if (line.started.length !== n || line.done.length !== n || line.received.length !== n)
          bad(
            `per-task stamps for ${line.started.length}, ${line.done.length}, ${line.received.length} tasks, not ${n}`,
          );
        // The main thread returns nothing: its stamps are one clock without a worker.
        const s = new TaskStamps(
          n,
          c.cell.mode === 'sequential' || c.cell.mode === 'async' ? 'main-thread' : 'monotonic-ns',
        );
        s.submittedAt = line.submittedAt;
        for (let i = 0; i < n; i++) {
          s.started[i] = line.started[i] as number;
          s.done[i] = line.done[i] as number;
          s.received[i] = line.received[i] as number;
        }
        c.stamps.push(s);
        return;
      }
      case 'roundtrip': {
        const c = this.open(line.cell, bad);
        if (!c.trip) bad('a round trip for a cell that measures none');
        c.trip?.samplesUs.push(line.us);
        return;
      }
      case 'warm': {
        const c = this.open(line.cell, bad);
        if (c.cell.pool !== 'warm') bad('a warm start for a cold cell');
        if (c.cell.warmStart) bad('a second warm start');
        c.cell.warmStart = { spawnMs: line.spawnMs, teardownMs: line.teardownMs };
        return;
      }
      case 'cell':
        this.close(line.cell, line.status, line.error, bad);
        return;
      case 'end':
        if (this.current) bad(`the end line while cell ${this.current.cell.task} is open`);
        if (this.cells.length !== this.plan.length)
          bad(`the end line after ${this.cells.length} of ${this.plan.length} cells`);
        this.ended = true;
        return;
    }
  }

  /** A sample's delays join its cell's; one method and interval per cell, each run with them or none. */
  private takeDelays(
    c: { cell: Cell; delay?: OpenDelay },
    line: { delaysMs?: number[]; delayIntervalMs?: number; delayMethod?: LoopDelayMethod },
    bad: (why: string) => never,
  ): void {
    const first = c.cell.samples.length === 1;
    if (line.delaysMs === undefined || line.delayIntervalMs === undefined || line.delayMethod === undefined) {
      if (c.delay) bad('a sample without delays in a cell whose other samples have them');
      return;
    }
    if (!c.delay) {
      if (!first) bad('a sample with delays in a cell whose other samples have none');
      c.delay = { method: line.delayMethod, intervalMs: line.delayIntervalMs, delays: [] };
    } else if (c.delay.method !== line.delayMethod || c.delay.intervalMs !== line.delayIntervalMs) {
      bad(
        `delays by ${line.delayMethod} every ${line.delayIntervalMs} ms in a cell sampled by ${c.delay.method} every ${c.delay.intervalMs} ms`,
      );
    }
    for (const d of line.delaysMs) c.delay.delays.push(d);
  }

  /** Python's cpu answers must be core's cpuWork answers for the rounds it calibrated. */
  private checkAnswers(rounds: number, values: number[], bad: (why: string) => never): void {
    if (rounds !== this.calibrated?.rounds) bad(`answers for ${rounds} rounds, calibrated ${this.calibrated?.rounds}`);
    if (values.length !== this.config.count) bad(`${values.length} answers for ${this.config.count} tasks`);
    for (const [seed, v] of values.entries()) {
      const want = cpuWork(rounds, seed);
      if (v !== want)
        bad(`CPython's cpu answer for task ${seed} is ${v}, core's cpuWork(${rounds}, ${seed}) is ${want}`);
    }
  }

  private progress(cell: number, run: number, bad: (why: string) => never, onRun?: (p: Position) => void): void {
    const p = this.position;
    const next = this.cells.length;
    const continues = this.current !== undefined && p?.cell === cell && run === p.run + 1;
    const starts = this.current === undefined && cell === next && run === 0;
    if (!continues && !starts) bad(`expected run ${p && this.current ? p.run + 2 : 1} of cell ${next}`);
    const pc = this.plan[cell] ?? bad(`cell ${cell} is not in the plan of ${this.plan.length}`);
    const runs = runsOf(pc, this.config);
    if (run >= runs) bad(`run ${run + 1} of ${runs}`);
    if (starts) {
      const c: Cell = {
        task: pc.task,
        mode: pc.mode,
        impl: pc.impl,
        workers: pc.workers,
        status: 'ok',
        samples: [],
        ...(pc.warm ? { pool: 'warm' as const } : {}),
      };
      this.current = { cell: c, rss: [], stamps: [] };
      if (pc.roundTrip && (pc.mode === 'threads' || pc.mode === 'processes')) {
        this.current.trip = { mode: pc.mode, impl: pc.impl, samplesUs: [] };
      }
    }
    this.position = { cell, run };
    onRun?.(this.position);
  }

  private open(cell: number, bad: (why: string) => never) {
    if (!this.current || this.position?.cell !== cell) return bad(`cell ${cell} is not the one running`);
    return this.current;
  }

  private close(cell: number, status: Cell['status'], error: string | undefined, bad: (why: string) => never): void {
    const c = this.open(cell, bad);
    if (status === 'ok' && c.cell.samples.length !== this.config.repeat)
      bad(`cell ${cell} ok with ${c.cell.samples.length} of ${this.config.repeat} samples`);
    if (status === 'failed') {
      if (error === undefined) bad(`failed cell ${cell} without its error`);
      c.cell.status = 'failed';
      c.cell.error = error;
    } else if (error !== undefined) bad(`ok cell ${cell} with an error`);
    if (status === 'ok' && c.cell.pool === 'warm' && !c.cell.warmStart)
      bad(`warm cell ${cell} ok without its warm start`);
    if (c.rss.length > 0) c.cell.rssBytesPerWorker = Math.round(median(c.rss));
    const taskTimes = status === 'ok' ? taskTimesOf(c.stamps) : undefined;
    if (taskTimes) c.cell.taskTimes = taskTimes;
    const stats = c.delay && status === 'ok' ? delayStats(c.delay.delays) : undefined;
    if (c.delay && stats) c.cell.loopDelay = { method: c.delay.method, intervalMs: c.delay.intervalMs, ...stats };
    this.cells.push(c.cell);
    // A yardstick is kept only beside an ok noop cell, as core's sweep does.
    if (c.trip && status === 'ok') this.roundTrips.push(c.trip);
    this.current = undefined;
  }
}
