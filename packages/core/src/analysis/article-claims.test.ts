import { expect, test } from 'vitest';
import { analyze } from './analyzed-run.ts';
import { articleFindings } from './article-claims.ts';
import { fakeRun } from './result.fixture.ts';

const five = (ms: number) => [0.98, 0.99, 1, 1.01, 1.02].map((k) => ms * k);
/** Totals per cell: io waits overlap N at a time; cpu work caps at `cpuCap` workers. */
function run(o: { runtime: string; cpuThreadsCap: number; cpuProcsCap: number; workers: number[] }) {
  const totals: Record<string, number[]> = {};
  for (const n of o.workers) {
    totals[`io threads ${n}`] = five(2000 / n);
    totals[`io processes ${n}`] = five(2000 / n);
    totals[`cpu threads ${n}`] = five(1000 / Math.min(n, o.cpuThreadsCap));
    totals[`cpu processes ${n}`] = five(1000 / Math.min(n, o.cpuProcsCap));
  }
  return analyze(fakeRun({ runtime: o.runtime, config: { workers: o.workers, count: 96, repeat: 5 }, totals }));
}

test('JavaScript on 2 cores: IO holds, CPU threads do not hold (no GIL), processes plateau at the cores', () => {
  const text = articleFindings(run({ runtime: 'node', cpuThreadsCap: 2, cpuProcsCap: 2, workers: [1, 2, 4, 8] }))
    .map((f) => f.text)
    .join('\n');
  expect(text).toMatch(/equally good.*On Node it holds: at 8 workers threads 8\.0x/);
  expect(text).toMatch(/threads do not help \(the GIL\)"\. On Node it does not hold: threads reach at best 2\.0x/);
  expect(text).toMatch(/processes plateau near the number of cores"\. On Node it holds: processes reach at best 2\.0x/);
});

test('CPython-like: threads do not help, so the claim holds', () => {
  const text = articleFindings(run({ runtime: 'cpython', cpuThreadsCap: 1, cpuProcsCap: 2, workers: [1, 2, 4, 8] }))
    .map((f) => f.text)
    .join('\n');
  expect(text).toMatch(/On CPython it holds: threads reach at best 1\.0\dx/);
});

test('no count past the cores: the plateau claim cannot be judged, and says so', () => {
  const f = articleFindings(run({ runtime: 'bun', cpuThreadsCap: 2, cpuProcsCap: 2, workers: [1, 2] }));
  expect(f.map((x) => x.text).join('\n')).toMatch(
    /this run cannot say: it measured no more workers \(2\) than the 2 cores/,
  );
  for (const x of f) expect(x.basis).not.toBe('');
});

test('processes that peak at the cores and then fall: the plateau holds only in part', () => {
  const totals: Record<string, number[]> = {};
  for (const n of [1, 2, 4, 8]) totals[`cpu processes ${n}`] = five(n === 1 ? 1000 : n === 2 ? 520 : 520 + 60 * n);
  const f = articleFindings(analyze(fakeRun({ config: { workers: [1, 2, 4, 8], count: 96 }, totals })));
  expect(f.map((x) => x.text).join('\n')).toMatch(
    /plateau near the number of cores"\. On Node it holds in part: .* falling as more processes start/,
  );
});
