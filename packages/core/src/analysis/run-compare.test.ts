import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runTools } from '../cli/tools-cli.ts';
import { encodeResult } from '../format/codec.ts';
import type { ResultFile } from '../format/types.ts';
import { fakeRun } from './result.fixture.ts';
import { compareRuns, comparisonMarkdown, formatComparison } from './run-compare.ts';
import { exportRun } from './run-export.ts';

const totals = {
  'cpu threads 1': [100, 102, 98, 101, 99],
  'cpu threads 2': [52, 51, 53, 50, 52],
  'io threads 2': [210, 212, 208, 211, 209],
};
const a = fakeRun({ id: 'aaaaaaaa-1', totals });
/** The same run with every total time scaled by `k`. */
const scaled = (r: ResultFile, k: number, id: string): ResultFile => ({
  ...r,
  id,
  cells: r.cells.map((c) => ({ ...c, samples: c.samples.map((s) => ({ ...s, totalMs: s.totalMs * k })) })),
});

describe('compareRuns', () => {
  test('a run against itself: every cell equal, no regression', () => {
    const c = compareRuns(a, a);
    expect(c.changes).toHaveLength(3);
    expect(c.changes.every((x) => x.verdict === 'equal' && !x.regression)).toBe(true);
  });

  test('a copy made 50% slower: every cell slower beyond the noise, a regression above 10%', () => {
    const c = compareRuns(a, scaled(a, 1.5, 'bbbbbbbb-1'));
    expect(c.changes.map((x) => [x.verdict, x.regression, Number(x.ratio.estimate.toFixed(3))])).toEqual([
      ['slower', true, 1.5],
      ['slower', true, 1.5],
      ['slower', true, 1.5],
    ]);
    expect(compareRuns(a, scaled(a, 1.5, 'b'), 0.6).changes.some((x) => x.regression)).toBe(false);
  });

  test('tasks that did different work are refused with the reasons; the others are compared', () => {
    const b = { ...scaled(a, 1, 'cccccccc-1'), config: { ...a.config, cpuIters: 2_000_000 } };
    const c = compareRuns(a, b);
    expect(c.refused).toEqual([{ task: 'cpu', reasons: ['cpuIters 6,000,000 vs 2,000,000'] }]);
    expect(c.changes.map((x) => x.task)).toEqual(['io']);
    expect(formatComparison(c, 't')).toMatch(
      /cpu: not compared, the runs did different work: cpuIters 6,000,000 vs 2,000,000/,
    );
  });

  test('no difference shown when the intervals straddle 1 beyond the margin', () => {
    const b = fakeRun({ id: 'dddddddd-1', totals: { 'cpu threads 1': [80, 125, 90, 118, 102] } });
    const [x] = compareRuns(fakeRun({ totals: { 'cpu threads 1': [100, 102, 98, 101, 99] } }), b).changes;
    expect(x?.verdict).toBe('unresolved');
    expect(x?.regression).toBe(false);
  });

  test('the Markdown table has a row per cell and says the outcome', () => {
    const md = comparisonMarkdown(compareRuns(a, scaled(a, 1.5, 'b')), 'B vs A');
    expect(md.split('\n').filter((l) => l.startsWith('| cpu') || l.startsWith('| io'))).toHaveLength(3);
    expect(md).toMatch(/3 cell\(s\) slower beyond the noise and by more than 10%/);
  });
});

describe('tvp compare / export (the command line)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvp-tools-'));
  const fa = path.join(dir, 'a.msgpack');
  const fb = path.join(dir, 'b.msgpack');
  writeFileSync(fa, encodeResult(a));
  writeFileSync(fb, encodeResult(scaled(a, 1.5, 'bbbbbbbb-2')));
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runTools(argv, { out: (s) => (out += s), err: (s) => (err += s), cwd: dir, resultsDir: dir });
    return { code, out, err };
  };

  test('a run against itself exits 0; a copy 50% slower exits 1', async () => {
    expect((await run('compare', fa, fa)).code).toBe(0);
    const slow = await run('compare', 'a.msgpack', 'bbbbbbbb', '--format', 'md');
    expect(slow.code).toBe(1);
    expect(slow.out).toMatch(/REGRESSION/);
  });

  test('--fail-above sets the threshold; bad input exits 2 naming it', async () => {
    expect((await run('compare', fa, fb, '--fail-above', '60')).code).toBe(0);
    const bad = await run('compare', fa, fb, '--fail-above', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--fail-above: 'lots' is not a percentage/);
    for (const [raw, why] of [
      ['5%%', 'has more than one % sign'],
      ['-5', 'is negative'],
      ['abc', 'is not a percentage'],
    ]) {
      const r = await run('compare', fa, fb, '--fail-above', raw as string);
      expect([r.code, r.out], raw).toEqual([2, '']);
      expect(r.err).toContain(`--fail-above: '${raw}' ${why}`);
    }
    expect((await run('compare', fa)).err).toMatch(/compare needs two runs/);
    expect((await run('compare', fa, 'nosuchrun')).err).toMatch(/no file and no run id 'nosuchrun'/);
  });

  test('--fail-above takes 5 and 5% alike', async () => {
    // B is 1.5x A: a 49% threshold fails it, a 51% one passes, with or without the sign.
    for (const [raw, code] of [
      ['49', 1],
      ['49%', 1],
      ['51', 0],
      ['51%', 0],
    ] as const) {
      const r = await run('compare', fa, fb, '--fail-above', raw);
      expect(r.code, raw).toBe(code);
      expect(r.err, raw).toBe('');
    }
    const plain = await run('compare', fa, fb, '--fail-above', '5');
    const pct = await run('compare', fa, fb, '--fail-above=5%');
    expect(pct.out).toBe(plain.out);
  });

  test('nothing comparable exits 2 with the reasons', async () => {
    const other = path.join(dir, 'other.msgpack');
    writeFileSync(other, encodeResult({ ...a, id: 'eeeeeeee-1', env: { ...a.env, label: 'elsewhere' } }));
    const r = await run('compare', fa, other);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/not compared, the runs did different work: label box vs elsewhere/);
  });

  test('export writes every format', async () => {
    for (const format of ['json', 'csv', 'md', 'bmf', 'github-action-benchmark']) {
      const r = await run('export', fa, '--format', format);
      expect(r.code, format).toBe(0);
      expect(r.out).toBe(exportRun(a, format as never));
    }
    expect((await run('export', 'latest', '--format', 'yaml')).err).toMatch(/--format: 'yaml' is not one of/);
  });
});

describe('exportRun', () => {
  test('BMF: one benchmark per cell, total-ms with the median and its interval', () => {
    const bmf = JSON.parse(exportRun(a, 'bmf')) as Record<string, Record<string, Record<string, number>>>;
    expect(Object.keys(bmf)).toEqual([
      'box/node/cpu/threads-x/x1',
      'box/node/cpu/threads-x/x2',
      'box/node/io/threads-x/x2',
    ]);
    expect(bmf['box/node/cpu/threads-x/x1']?.['total-ms']).toEqual({ value: 100, lower_value: 98, upper_value: 102 });
  });

  test('customSmallerIsBetter: name, unit, value, range, extra', () => {
    const list = JSON.parse(exportRun(a, 'github-action-benchmark')) as Record<string, unknown>[];
    expect(list[0]).toMatchObject({ name: 'box/node/cpu/threads-x/x1', unit: 'ms', value: 100 });
    expect(String(list[0]?.range)).toMatch(/98 \.\. 102 \(93\.8% interval of the median\)/);
  });

  test("an article-clock run: every ok cell's total, no phases", () => {
    const article = fakeRun({ id: 'aaaaaaaa-2', totals, config: { clock: 'article' } });
    const list = JSON.parse(exportRun(article, 'github-action-benchmark')) as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ value: 100, extra: "n = 5; timed by the article's clock (no phases)" });
    const rows = JSON.parse(exportRun(article, 'json')).rows as Record<string, unknown>[];
    expect(rows.every((r) => r.spawnMs === undefined && r.medianMs !== undefined)).toBe(true);
    expect(exportRun(a, 'json')).toMatch(/"spawnMs": 1/);
  });

  test('CSV: a header and a row per ok cell, quoted where needed', () => {
    const csv = exportRun(a, 'csv').trim().split('\n');
    expect(csv[0]).toMatch(/^runtime,label,task,mode,impl,workers,n,medianMs,lowMs,highMs,coverage/);
    expect(csv).toHaveLength(4);
  });
});

test('runs with no task in common: nothing compared, and the footer says why', () => {
  const io = fakeRun({ id: 'ffffffff-1', config: { tasks: ['io'] }, totals: { 'io threads 1': [10, 11, 12] } });
  const noop = fakeRun({ id: 'ffffffff-2', config: { tasks: ['noop'] }, totals: { 'noop threads 1': [1, 1.1, 1.2] } });
  const c = compareRuns(io, noop);
  expect(c.changes).toEqual([]);
  expect(formatComparison(c, 't')).toMatch(/not compared: the runs measured no task in common \(A: io; B: noop\)/);
});
