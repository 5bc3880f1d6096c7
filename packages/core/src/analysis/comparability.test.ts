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
