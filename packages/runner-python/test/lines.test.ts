import type { RunConfig } from '@tvp/core';
import { cpuWork, preset } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { Assembler } from '../src/assembler.ts';
import { PythonError } from '../src/errors.ts';
import { parseLine } from '../src/lines.ts';
import type { PythonCell } from '../src/plan.ts';

const HELLO = {
  t: 'hello',
  implementation: 'CPython',
  version: '3.11.7',
  compiler: 'GCC 12.2.0',
  gil: 'enabled',
  freeThreadedBuild: false,
  executable: '/usr/bin/python3',
  defaultStartMethod: 'fork',
  pid: 42,
};
const SAMPLE = { t: 'sample', cell: 0, totalMs: 3, spawnMs: 1, workMs: 1.5, teardownMs: 0.5 };
const DELAYS = { delaysMs: [0.1, 5.2, 0.2], delayIntervalMs: 1, delayMethod: 'thread-wakeup' };

describe('parseLine refuses what is not the protocol, naming the line and the fault', () => {
  test.each([
    ['not json', /line 7 "not json": not JSON/],
    ['[1,2]', /expected a JSON object/],
    ['null', /expected a JSON object/],
    ['{"t":"bogus"}', /unknown line kind "bogus"; expected one of hello, calibrated/],
    ['{"cell":0}', /unknown line kind undefined/],
    ['{"t":"progress","cell":0}', /missing field 'run'/],
    ['{"t":"progress","cell":0,"run":1,"extra":true}', /unexpected field 'extra' in a progress line/],
    ['{"t":"progress","cell":-1,"run":0}', /field 'cell' is -1; expected a whole number/],
    ['{"t":"progress","cell":0.5,"run":0}', /field 'cell' is 0.5/],
    ['{"t":"progress","cell":"0","run":0}', /field 'cell' is "0"/],
    [JSON.stringify({ ...SAMPLE, workMs: null }), /field 'workMs' is null; expected a finite number/],
    [JSON.stringify({ ...SAMPLE, spawnMs: -1, totalMs: 1 }), /field 'spawnMs' is -1/],
    [JSON.stringify(SAMPLE).replace('"workMs":1.5', '"workMs":1e999'), /field 'workMs' is null/],
    ['{"t":"sample","cell":0,"totalMs":NaN,"spawnMs":0,"workMs":0,"teardownMs":0}', /not JSON/],
    [JSON.stringify({ ...SAMPLE, totalMs: 9 }), /totalMs 9 is not spawnMs \+ workMs \+ teardownMs \(3\)/],
    [JSON.stringify({ ...SAMPLE, rssBytesPerWorker: 'x' }), /field 'rssBytesPerWorker' is "x"/],
    [JSON.stringify({ ...HELLO, gil: 'maybe' }), /field 'gil' must be one of enabled, disabled/],
    [
      JSON.stringify({ ...HELLO, freeThreadedBuild: 'no' }),
      /field 'freeThreadedBuild' is "no"; expected true or false/,
    ],
    ['{"t":"cell","cell":0,"status":"done"}', /field 'status' must be one of ok, failed/],
    ['{"t":"answers","task":"cpu","rounds":5,"values":[1,-2]}', /field 'values'.*32-bit unsigned/],
    ['{"t":"answers","task":"cpu","rounds":5,"values":[4294967296]}', /32-bit unsigned/],
    ['{"t":"roundtrip","cell":0,"us":"fast"}', /field 'us' is "fast"/],
    [JSON.stringify({ ...SAMPLE, ...DELAYS, delaysMs: [0.1, -1] }), /field 'delaysMs' is \[0.1,-1\]; expected a list/],
    [
      JSON.stringify({ ...SAMPLE, ...DELAYS, delayMethod: 'guess' }),
      /field 'delayMethod' must be one of asyncio-timer/,
    ],
    [JSON.stringify({ ...SAMPLE, delaysMs: [1] }), /delaysMs, delayIntervalMs and delayMethod come together/],
    [JSON.stringify({ ...SAMPLE, ...DELAYS, delayIntervalMs: 0 }), /'delayIntervalMs' must be above 0/],
  ])('%s', (line, message) => {
    expect(() => parseLine(line, 7)).toThrow(PythonError);
    expect(() => parseLine(line, 7)).toThrow(message);
  });

  test('a good line of each kind parses to itself', () => {
    for (const o of [
      HELLO,
      SAMPLE,
      { ...SAMPLE, rssBytesPerWorker: 1024 },
      { ...SAMPLE, ...DELAYS },
      { t: 'calibrated', rounds: 10, nsPerRound: 150.5 },
      { t: 'answers', task: 'cpu', rounds: 3, values: [0, 4294967295] },
      { t: 'progress', cell: 0, run: 0 },
      { t: 'roundtrip', cell: 0, us: 12.5 },
      { t: 'cell', cell: 0, status: 'failed', error: 'boom' },
      { t: 'end' },
    ]) {
      expect(parseLine(JSON.stringify(o), 1)).toEqual(o);
    }
  });
});

const config: RunConfig = {
  ...preset('quick'),
  impls: [],
  workerEnv: 'inherit',
  preset: 'quick',
  count: 3,
  repeat: 2,
  warmup: 1,
};
const plan: PythonCell[] = [
  { task: 'cpu', mode: 'sequential', impl: 'main', workers: 1, roundTrip: false, warm: false },
  { task: 'noop', mode: 'threads', impl: 'ThreadPoolExecutor', workers: 1, roundTrip: true, warm: false },
];
const ROUNDS = 50;
const answers = [0, 1, 2].map((seed) => cpuWork(ROUNDS, seed));

/**
 * Lines of a whole, correct run of `plan`: 0 hello, 1 calibrated, 2 answers, 3-7 cell 0's runs
 * (progress, progress, sample, progress, sample), 8 its end, 9-16 cell 1, 17 end.
 */
function goodRun(): object[] {
  const runs = (cell: number, trip: boolean) =>
    [0, 1, 2].flatMap((run) => [
      { t: 'progress', cell, run },
      ...(run > 0 && trip ? [{ t: 'roundtrip', cell, us: 20 }] : []),
      ...(run > 0 ? [{ ...SAMPLE, cell }] : []),
    ]);
  return [
    HELLO,
    { t: 'calibrated', rounds: ROUNDS, nsPerRound: 150 },
    { t: 'answers', task: 'cpu', rounds: ROUNDS, values: answers },
    ...runs(0, false),
    { t: 'cell', cell: 0, status: 'ok' },
    ...runs(1, true),
    { t: 'cell', cell: 1, status: 'ok' },
    { t: 'end' },
  ];
}

function feed(lines: object[]): Assembler {
  const asm = new Assembler(plan, config);
  for (const [i, l] of lines.entries()) {
    const text = JSON.stringify(l);
    asm.take(parseLine(text, i + 1), `line ${i + 1}`);
  }
  return asm;
}

describe('the assembler holds the Python program to the protocol order and the plan', () => {
  test('a whole run gives the cells, the yardstick and the end', () => {
    const asm = feed(goodRun());
    expect(asm.ended).toBe(true);
    expect(asm.cells.map((c) => `${c.task} ${c.mode}/${c.impl} ${c.status} ${c.samples.length}`)).toEqual([
      'cpu sequential/main ok 2',
      'noop threads/ThreadPoolExecutor ok 2',
    ]);
    expect(asm.roundTrips).toEqual([{ mode: 'threads', impl: 'ThreadPoolExecutor', samplesUs: [20, 20] }]);
  });

  const tasks = (cell: number, n = 3) => ({
    t: 'tasks',
    cell,
    submittedAt: 1000,
    started: [1000.5, 1001, 1002].slice(0, n),
    done: [1001, 1002, 1003].slice(0, n),
    received: [1001.1, 1002.1, 1003.1].slice(0, n),
  });
  const withTasks = (l: object[]) =>
    l.flatMap((x) => ((x as { t: string }).t === 'sample' ? [x, tasks((x as { cell: number }).cell)] : [x]));

  test("each run's tasks line becomes the cell's per-task percentiles, on the main thread or a pool", () => {
    const asm = feed(withTasks(goodRun()));
    const [main, pool] = asm.cells;
    expect(main?.taskTimes?.method).toBe('main-thread');
    expect(main?.taskTimes?.returnMs).toBeUndefined();
    expect(pool?.taskTimes?.method).toBe('monotonic-ns');
    expect(pool?.taskTimes?.tasks).toBe(6);
    expect(pool?.taskTimes?.queueMs).toEqual({ min: 0.5, p50: 1, p90: 2, p99: 2, max: 2 });
    expect(pool?.taskTimes?.returnMs?.max).toBeCloseTo(0.1, 6);
    expect(parseLine(JSON.stringify({ ...SAMPLE, readyAtMs: 0.7 }), 1)).toMatchObject({ readyAtMs: 0.7 });
  });

  test.each([
    [
      'stamps for fewer tasks than the run has',
      (l: object[]) => l.map((x) => ((x as { t: string }).t === 'tasks' ? tasks(0, 2) : x)),
      /per-task stamps for 2, 2, 2 tasks, not 3/,
    ],
    [
      'a tasks line before its sample',
      (l: object[]) => [...l.slice(0, 5), tasks(0), ...l.slice(5)],
      /a tasks line without its sample/,
    ],
  ])('%s is refused', (_name, edit, message) => {
    expect(() => feed(edit(withTasks(goodRun())))).toThrow(message);
  });

  test('a tasks line with a time that is not a number is refused by name', () => {
    expect(() => parseLine(JSON.stringify({ ...tasks(0), done: [1, 'x', 2] }), 4)).toThrow(
      /field 'done' is \[1,"x",2\]; expected a list of finite numbers of at least 0/,
    );
  });

  test("a cell's delays pool over its measured runs into its loopDelay; a cell without them has none", () => {
    const withDelays = (l: object[]) =>
      l.map((x, i) => (i === 5 ? { ...x, ...DELAYS } : i === 7 ? { ...x, ...DELAYS, delaysMs: [9, 0.3] } : x));
    const asm = feed(withDelays(goodRun()));
    expect(asm.cells[0]?.loopDelay).toEqual({
      method: 'thread-wakeup',
      intervalMs: 1,
      p50Ms: 0.3,
      p99Ms: 9,
      maxMs: 9,
      samples: 5,
    });
    expect(asm.cells[1]?.loopDelay).toBeUndefined();
    const mixed = (l: object[]) => withDelays(l).map((x, i) => (i === 7 ? { ...x, delayMethod: 'asyncio-timer' } : x));
    expect(() => feed(mixed(goodRun()))).toThrow(
      /delays by asyncio-timer every 1 ms in a cell sampled by thread-wakeup/,
    );
    const half = (l: object[]) => l.map((x, i) => (i === 7 ? { ...x, ...DELAYS } : x));
    expect(() => feed(half(goodRun()))).toThrow(/a sample with delays in a cell whose other samples have none/);
  });

  const broken: Array<[string, (l: object[]) => object[], RegExp]> = [
    ['no hello first', (l) => l.slice(1), /line 1: expected the hello line first/],
    ['calibrated missing', (l) => [l[0] as object, ...l.slice(2)], /expected the calibrated line second/],
    ['answers missing', (l) => [...l.slice(0, 2), ...l.slice(3)], /expected the cpu answers before any run/],
    [
      'a wrong cpu answer',
      (l) => l.map((x, i) => (i === 2 ? { ...x, values: [answers[0], (answers[1] as number) ^ 1, answers[2]] } : x)),
      /CPython's cpu answer for task 1 is \d+, core's cpuWork\(50, 1\) is \d+/,
    ],
    [
      'answers for other rounds',
      (l) => l.map((x, i) => (i === 2 ? { ...x, rounds: 51 } : x)),
      /answers for 51 rounds, calibrated 50/,
    ],
    ['a run skipped', (l) => l.filter((_x, i) => i !== 4), /expected run 2 of cell 0/],
    ['a sample too many', (l) => [...l.slice(0, 8), { ...SAMPLE }, ...l.slice(8)], /more than 2 samples/],
    ['a cell ok without its samples', (l) => l.filter((_x, i) => i !== 7), /cell 0 ok with 1 of 2 samples/],
    [
      'a sample for another cell',
      (l) => l.map((x, i) => (i === 5 ? { ...SAMPLE, cell: 1 } : x)),
      /cell 1 is not the one running/,
    ],
    [
      'a failed cell without its error',
      (l) => l.map((x, i) => (i === 8 ? { t: 'cell', cell: 0, status: 'failed' } : x)),
      /failed cell 0 without its error/,
    ],
    ['end before every cell', (l) => [...l.slice(0, 9), { t: 'end' }], /the end line after 1 of 2 cells/],
    ['a line after the end', (l) => [...l, { t: 'end' }], /a line after the end line/],
    [
      'a cell outside the plan',
      (l) => [...l.slice(0, 9), { t: 'progress', cell: 2, run: 0 }],
      /expected run 1 of cell 1/,
    ],
    [
      'a round trip on a cell without one',
      (l) => [...l.slice(0, 5), { t: 'roundtrip', cell: 0, us: 1 }],
      /a round trip for a cell that measures none/,
    ],
  ];
  test.each(broken)('%s', (_name, edit, message) => {
    expect(() => feed(edit(goodRun()))).toThrow(message);
  });
});
