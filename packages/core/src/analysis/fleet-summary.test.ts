import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runTools } from '../cli/tools-cli.ts';
import { encodeResult } from '../format/codec.ts';
import type { ResultFile } from '../format/types.ts';
import { fleetSummary, fleetSummaryMarkdown } from './fleet-summary.ts';
import { payloadRun } from './payload-run.fixture.ts';
import { fakeRun } from './result.fixture.ts';

const totals = {
  'cpu threads 1': [100, 102, 98, 101, 99],
  'cpu threads 2': [52, 51, 53, 50, 52],
  'io threads 1': [2000, 2010, 1990, 2005, 1995],
  'io threads 2': [1010, 1012, 1008, 1011, 1009],
};
const run = (id: string, label: string, runtime: string, createdAt: string, k = 1): ResultFile => {
  const r = fakeRun({ id, label, runtime, totals });
  return {
    ...r,
    createdAt,
    cells: r.cells.map((c) => ({ ...c, samples: c.samples.map((s) => ({ ...s, totalMs: s.totalMs * k })) })),
  };
};
const T1 = '2026-11-25T10:00:00.000Z';
const T2 = '2026-11-26T10:00:00.000Z';

describe('fleetSummary', () => {
  test('one entry per machine and runtime, its newest run, sorted by label then runtime', () => {
    const s = fleetSummary(
      [
        run('aaaaaaaa-old', 'win', 'node', T1),
        run('bbbbbbbb-new', 'win', 'node', T2),
        run('cccccccc-1', 'linux', 'bun', T1),
        run('dddddddd-1', 'linux', 'node', T1),
      ],
      undefined,
    );
    expect(s.entries.map((e) => [e.label, e.runtime, e.latest.id, e.runs])).toEqual([
      ['linux', 'bun', 'cccccccc-1', 1],
      ['linux', 'node', 'dddddddd-1', 1],
      ['win', 'node', 'bbbbbbbb-new', 2],
    ]);
    expect(s.withBaseline).toBe(false);
    const md = fleetSummaryMarkdown(s);
    expect(md).toContain('3 machine/runtime pair(s) on 2 machine(s)');
    expect(md).toContain('### win · Node 1');
    // The recommendation of each task, from core's recommend().
    expect(md.match(/^- \*\*(IO|CPU)\*\*: .+/gm)).toHaveLength(6);
    expect(md).not.toContain('baseline');
  });

  test('with a baseline: the newest run against the baseline of the same machine and runtime', () => {
    const now = [run('aaaaaaaa-1', 'mac', 'node', T2, 1.5), run('bbbbbbbb-1', 'mac', 'bun', T2)];
    const before = [run('cccccccc-1', 'mac', 'node', T1), run('dddddddd-1', 'other', 'bun', T1)];
    const s = fleetSummary(now, before, 0.1);
    expect(s.regressions).toBe(4);
    const [bun, node] = s.entries;
    expect(bun?.comparison).toBeUndefined();
    expect(node?.baseline?.id).toBe('cccccccc-1');
    const md = fleetSummaryMarkdown(s);
    expect(md).toContain('No baseline run of this machine and runtime');
    expect(md).toContain('#### Against the baseline (run cccccccc');
    expect(md).toContain('**4 cell(s) regressed**');
    expect(fleetSummaryMarkdown(fleetSummary(now, [], 0.6))).toContain('No regression beyond the noise');
  });
});

describe('tvp summary', () => {
  const folder = (runs: ResultFile[]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvp-summary-'));
    for (const r of runs) writeFileSync(path.join(dir, `${r.id}.msgpack`), encodeResult(r));
    return dir;
  };
  const tools = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runTools(argv, {
      out: (s) => {
        out += s;
      },
      err: (s) => {
        err += s;
      },
      cwd: tmpdir(),
      resultsDir: path.join(tmpdir(), 'no-such-results-folder'),
    });
    return { code, out, err };
  };

  test('Markdown for a folder; exit 1 on a regression against --baseline, 0 under a higher threshold', async () => {
    const now = folder([run('aaaaaaaa-1', 'ci', 'node', T2, 1.5)]);
    const base = folder([run('bbbbbbbb-1', 'ci', 'node', T1)]);
    const plain = await tools(['summary', now]);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^## Benchmark summary/);
    const regressed = await tools(['summary', now, '--baseline', base]);
    expect(regressed.code).toBe(1);
    expect(regressed.out).toContain('REGRESSION');
    expect((await tools(['summary', now, '--baseline', base, '--fail-above', '60'])).code).toBe(0);
    expect((await tools(['summary', now, '--baseline', base, '--fail-above', '60%'])).code).toBe(0);
    expect((await tools(['summary', now, '--baseline', base, '--fail-above', '40%'])).code).toBe(1);
    for (const raw of ['5%%', '-5', 'abc']) {
      const bad = await tools(['summary', now, '--baseline', base, '--fail-above', raw]);
      expect([bad.code, bad.out], raw).toEqual([2, '']);
      expect(bad.err, raw).toContain(`--fail-above: '${raw}'`);
    }
  });

  test('a folder without runs, or a missing baseline folder: exit 2, naming the folder', async () => {
    const empty = folder([]);
    const r = await tools(['summary', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no readable result file in ${empty}`);
    const now = folder([run('aaaaaaaa-1', 'ci', 'node', T2)]);
    const missing = path.join(empty, 'nope');
    const m = await tools(['summary', now, '--baseline', missing]);
    expect(m.code).toBe(2);
    expect(m.err).toContain(`there is no baseline folder ${missing}`);
  });
});

test('a module run: its recommendation is in the Markdown, its subject in bold', () => {
  const r = fakeRun({
    config: {
      tasks: ['module'],
      taskModule: { path: '/p/render.mjs', name: 'render', sha256: 'a'.repeat(64), bound: 'io', checked: true },
    },
    totals: { 'module threads 1': [100, 101, 102], 'module threads 2': [50, 51, 52] },
  });
  const md = fleetSummaryMarkdown(fleetSummary([r], undefined));
  expect(md).toContain('- **render (module, io-bound)**: threads, 2 workers, 1.98x; the most measured: more may help');
});

describe('warm pools in the Markdown summary', () => {
  /** A module run with cold and warm threads at 1 and 2 workers: warm work is 40% of cold. */
  function warmRun(): ResultFile {
    const r = fakeRun({
      config: {
        tasks: ['module'],
        workers: [1, 2],
        pools: ['cold', 'warm'],
        taskModule: { path: '/m.mjs', name: 'parse', sha256: 'a'.repeat(64), bound: 'cpu', checked: true },
      },
      totals: {},
    });
    const samples = (spawnMs: number, work: number) =>
      [-0.5, 0, 0.5].map((k) => ({ spawnMs, workMs: work + k, teardownMs: 1, totalMs: spawnMs + work + k + 1 }));
    r.cells = [1, 2].flatMap((n) => [
      {
        task: 'module',
        mode: 'threads',
        impl: 'worker_threads',
        workers: n,
        status: 'ok',
        samples: samples(10 * n, 360 / n),
      },
      {
        task: 'module',
        mode: 'threads',
        impl: 'worker_threads',
        workers: n,
        status: 'ok',
        pool: 'warm',
        warmStart: { spawnMs: 10 * n, teardownMs: n },
        samples: samples(0, 144 / n).map((s) => ({ ...s, teardownMs: 0, totalMs: s.workMs })),
      },
    ]) as ResultFile['cells'];
    return r;
  }

  test('the lines the run summary prints, per task, with the ratio and its interval', () => {
    const md = fleetSummaryMarkdown(fleetSummary([warmRun()], undefined));
    expect(md).toContain('\nWarm pool vs cold (median work ms of a batch; ');
    expect(md).toContain('\n- **parse**:\n');
    // Both worker counts, each warm against cold with the ratio's interval; an underscore escaped.
    expect(md).toMatch(
      /\n {2}- threads\/worker\\_threads x1: warm pool work 144 ms vs cold 360 ms \(0\.40x, 95% interval 0\.40–0\.40x, n = 3 and 3\); started once in 10\.0 ms, ended in 1\.00 ms\n/,
    );
    expect(md).toMatch(
      /\n {2}- threads\/worker\\_threads x2: warm pool work 72\.0 ms vs cold 180 ms \(0\.40x, 95% interval /,
    );
  });

  test('nothing about warm pools for a run that kept none', () => {
    const md = fleetSummaryMarkdown(fleetSummary([run('aaaaaaaa-1', 'box', 'node', T1)], undefined));
    expect(md).not.toMatch(/warm/i);
  });
});

describe('a payload run in the summary', () => {
  test('where offloading stops paying, and each way fixed + per KB, where before its section was empty', () => {
    const md = fleetSummaryMarkdown(fleetSummary([payloadRun(50, 0.002)], undefined));
    expect(md).toMatch(
      /\n- \*\*payload\*\*: a task must do at least 2\.\d+ µs \(95% .*\) of work per KB it carries, plus .* per task, to gain on a thread here \(worker\\_threads transfer, its cheapest way\)\n/,
    );
    expect(md).toContain('\n- payload moving cost per task at 1 worker = fixed + per KB (least squares');
    for (const way of ['transfer', 'clone-object'])
      expect(md).toMatch(new RegExp(`\\n {2}- threads/worker\\\\_threads ${way}: .* per KB\\n`));
  });

  test('one size: no fit, and what would give one', () => {
    const r = payloadRun(50, 0.002);
    r.cells = r.cells.filter((c) => c.payloadBytes === 1024);
    const md = fleetSummaryMarkdown(fleetSummary([r], undefined));
    expect(md).toContain('- **payload**: no moving cost fitted: it needs two sizes or more');
    expect(md).not.toContain('per KB it carries');
  });

  test('nothing about payloads for a run that has none', () => {
    const md = fleetSummaryMarkdown(fleetSummary([run('aaaaaaaa-1', 'box', 'node', T1)], undefined));
    expect(md).not.toMatch(/payload/);
  });
});
