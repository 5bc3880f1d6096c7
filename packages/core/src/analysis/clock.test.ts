import { expect, test } from 'vitest';
import { clockCaption, clockOf, hasPhases } from './clock.ts';
import { dispatchCosts } from './dispatch-cost.ts';
import { fidelityChecks } from './fidelity.ts';
import { fitRun } from './fit-run.ts';
import { fakeRun } from './result.fixture.ts';
import { summarize } from './summarize.ts';

const totals = { 'io threads 1': [100, 101, 102], 'io threads 2': [52, 53, 54], 'io threads 4': [30, 31, 32] };

test('clockOf: what the file says, phases when it says nothing; a caption for each', () => {
  expect(clockOf(fakeRun())).toBe('phases');
  expect(clockOf(fakeRun({ config: { clock: 'article' } }))).toBe('article');
  expect(hasPhases(fakeRun({ config: { clock: 'article' } }))).toBe(false);
  expect(clockCaption('article')).toMatch(/article's clock: from creating the pool to the last worker's exit/);
  expect(clockCaption('phases')).toMatch(/all workers started and ready before the first task/);
});

test("the article clock's runs: totals and speedups, no phases, no fits on work time", () => {
  const phases = fakeRun({ totals });
  const article = fakeRun({ totals, config: { clock: 'article' } });
  const [p, a] = [summarize(phases), summarize(article)];
  expect(a.map((c) => c.speedup)).toEqual(p.map((c) => c.speedup));
  expect(p[1]?.work).toBeDefined();
  expect(a.every((c) => c.spawn === undefined && c.work === undefined && c.teardown === undefined)).toBe(true);
  expect(a.every((c) => c.workSpeedup === undefined)).toBe(true);
  expect(fitRun(phases).length).toBeGreaterThan(0);
  expect(fitRun(article)).toEqual([]);
  expect(fidelityChecks(article)).toEqual([]);
  expect(dispatchCosts(article)).toEqual([]);
});
