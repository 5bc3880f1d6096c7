import { expect, test } from 'vitest';
import { comparable } from './comparability.ts';
import { fakeRun } from './result.fixture.ts';

test('two runtimes on one machine doing the same work are comparable: runtime is what they compare', () => {
  expect(comparable(fakeRun({ runtime: 'node' }), fakeRun({ runtime: 'bun' }))).toEqual({ ok: true });
});

test("a default run against a quick one: every difference of work, in the runs' order", () => {
  const node = fakeRun({ runtime: 'node' });
  const bun = fakeRun({ runtime: 'bun', config: { count: 20, ioMs: 10, cpuIters: 2_000_000, preset: 'quick' } });
  expect(comparable(node, bun)).toEqual({
    ok: false,
    reasons: ['count 100 vs 20', 'ioMs 20 vs 10', 'cpuIters 6,000,000 vs 2,000,000'],
  });
});

test('per task: only the parameters that set that task’s work', () => {
  const a = fakeRun();
  const b = fakeRun({ config: { cpuIters: 2_000_000 } });
  expect(comparable(a, b, 'io')).toEqual({ ok: true });
  expect(comparable(a, b, 'noop')).toEqual({ ok: true });
  expect(comparable(a, b, 'cpu')).toEqual({ ok: false, reasons: ['cpuIters 6,000,000 vs 2,000,000'] });
  expect(comparable(a, fakeRun({ config: { ioMs: 5 } }), 'cpu')).toEqual({ ok: true });
  expect(comparable(a, fakeRun({ config: { count: 20 } }), 'noop')).toEqual({
    ok: false,
    reasons: ['count 100 vs 20'],
  });
});

test('machine label, worker environment and injected faults, named', () => {
  const a = fakeRun();
  expect(comparable(fakeRun({ label: 'vm' }), fakeRun({ label: 'ci-box' }))).toEqual({
    ok: false,
    reasons: ['label vm vs ci-box'],
  });
  expect(comparable(a, fakeRun({ config: { workerEnv: 'clean' } }))).toEqual({
    ok: false,
    reasons: ['worker env inherit vs clean'],
  });
  expect(comparable(a, fakeRun({ config: { fault: 'throw' } }))).toEqual({
    ok: false,
    reasons: ['fault injected in B (throw)'],
  });
  expect(
    comparable(fakeRun({ config: { fault: 'hang' } }), fakeRun({ config: { fault: 'exit' } }), 'io', ['Node', 'Bun']),
  ).toEqual({
    ok: false,
    reasons: ['fault injected in Node (hang) and Bun (exit)'],
  });
});

test('runs with no task in common cannot be compared', () => {
  const r = comparable(fakeRun({ config: { tasks: ['io'] } }), fakeRun({ config: { tasks: ['cpu'] } }));
  expect(r).toEqual({ ok: false, reasons: ['no task in common (io vs cpu)'] });
});

const mod = (sha: string, argHash?: string, name = 'json-parse') => ({
  tasks: ['module' as const],
  taskModule: {
    path: `/home/${name}.mjs`,
    name,
    sha256: sha.repeat(64),
    bound: 'cpu' as const,
    checked: true,
    ...(argHash ? { argHash: argHash.repeat(64) } : {}),
  },
});

test('a task module is the same work only with the same source and argument, under any path or name', () => {
  expect(comparable(fakeRun({ config: mod('a') }), fakeRun({ config: mod('a', undefined, 'renamed') }))).toEqual({
    ok: true,
  });
  const other = comparable(fakeRun({ config: mod('a') }), fakeRun({ config: mod('b') }));
  expect(other).toEqual({
    ok: false,
    reasons: ['task module json-parse sha256 aaaaaaaaaaaa arg none vs json-parse sha256 bbbbbbbbbbbb arg none'],
  });
  expect(comparable(fakeRun({ config: mod('a', 'c') }), fakeRun({ config: mod('a', 'd') }), 'module').ok).toBe(false);
});

test('fs and net: the file size, the server’s delay and body are their work', () => {
  const fs = (fsBytes: number) => fakeRun({ config: { tasks: ['fs'], fsBytes } });
  expect(comparable(fs(4096), fs(4096))).toEqual({ ok: true });
  expect(comparable(fs(4096), fs(8192))).toEqual({ ok: false, reasons: ['fsBytes 4,096 vs 8,192'] });
  const net = (netDelayMs: number, netBytes: number) => fakeRun({ config: { tasks: ['net'], netDelayMs, netBytes } });
  expect(comparable(net(5, 10), net(6, 10))).toEqual({ ok: false, reasons: ['netDelayMs 5 vs 6'] });
  expect(comparable(net(5, 10), net(5, 20), 'net')).toEqual({ ok: false, reasons: ['netBytes 10 vs 20'] });
  // The cpu task of two runs that differ only in their fs file is the same work.
  expect(comparable(fs(1), fs(2), 'cpu')).toEqual({ ok: true });
});

test("totals from different clocks are never compared; a file without a clock is the phases clock's", () => {
  const phases = fakeRun();
  const article = fakeRun({ config: { clock: 'article' } });
  expect(comparable(phases, article)).toEqual({ ok: false, reasons: ['clock phases vs article'] });
  expect(comparable(article, phases, 'io')).toEqual({ ok: false, reasons: ['clock article vs phases'] });
  expect(comparable(phases, fakeRun({ config: { clock: 'phases' } }))).toEqual({ ok: true });
  expect(comparable(article, fakeRun({ runtime: 'bun', config: { clock: 'article' } }))).toEqual({ ok: true });
});
