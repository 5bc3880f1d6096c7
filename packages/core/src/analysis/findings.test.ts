import { describe, expect, test } from 'vitest';
import type { TaskModuleInfo } from '../format/types.ts';
import { analyze } from './analyzed-run.ts';
import { runFindings } from './findings.ts';
import { fakeRun } from './result.fixture.ts';
import { runtimeFindings } from './runtime-findings.ts';

const HASH: TaskModuleInfo = { path: '/p/hash.mjs', name: 'hash', sha256: 'a'.repeat(64), bound: 'io', checked: true };
const texts = (r: ReturnType<typeof fakeRun>) => runFindings(analyze(r)).map((f) => f.text);

describe('a module task is named as its reader knows it', () => {
  // io-bound waits of 20 ms: 2000 ms at 1 worker, 1000 at 2, 500 at 4.
  const totals = {
    'module threads 1': [1990, 2000, 2010, 2020, 2030],
    'module threads 2': [995, 1000, 1005, 1010, 1015],
    'module threads 4': [505, 510, 515, 520, 525],
  };

  test('by its name in every finding, never "MODULE"', () => {
    const t = texts(fakeRun({ config: { tasks: ['module'], taskModule: HASH, workers: [1, 2, 4] }, totals }));
    expect(t.length).toBeGreaterThan(0);
    expect(t.find((x) => x.startsWith('Node hash on threads: '))).toBeDefined();
    for (const x of t) expect(x).not.toContain('MODULE');
  });

  test('"your module" when the run does not name it', () => {
    const t = texts(fakeRun({ config: { tasks: ['module'], workers: [1, 2, 4] }, totals }));
    expect(t.find((x) => x.startsWith('Node your module on threads: '))).toBeDefined();
    for (const x of t) expect(x).not.toContain('MODULE');
  });

  test('runtime against runtime names it too', () => {
    const run = (runtime: string, k: number) =>
      analyze(
        fakeRun({
          runtime,
          config: { tasks: ['module'], taskModule: HASH, workers: [1, 2] },
          totals: {
            'module threads 1': totals['module threads 1'].map((x) => x * k),
            'module threads 2': totals['module threads 2'].map((x) => x * k),
          },
        }),
      );
    const t = runtimeFindings(run('node', 1), run('bun', 0.5)).map((f) => f.text);
    expect(t.some((x) => x.startsWith('hash on threads at 2 workers: Bun'))).toBe(true);
    for (const x of t) expect(x).not.toContain('MODULE');
  });
});

describe('a speedup is quoted as a gain only where its interval supports one', () => {
  test('an interval that includes 1: "no difference shown", with the interval', () => {
    const t = texts(
      fakeRun({
        config: { tasks: ['cpu'], workers: [1, 2] },
        totals: { 'cpu threads 1': [800, 950, 1250, 1300, 1400], 'cpu threads 2': [1000, 1000, 1000, 1000, 1000] },
      }),
    );
    expect(t).toContain(
      'Node CPU on threads: no difference shown from 1 worker: at best 1.25x (95% interval 0.80–1.40x) at 2 workers',
    );
  });

  test('io past the ideal (8.2x against 7.69x at 8 workers): flagged, not quoted as a gain', () => {
    const t = texts(
      fakeRun({
        config: { tasks: ['io'], workers: [1, 8] },
        totals: { 'io threads 1': [2050, 2055, 2060, 2065, 2070], 'io threads 8': [250, 250.5, 251, 251.5, 252] },
      }),
    );
    expect(t.find((x) => x.startsWith('Node IO on threads'))).toMatch(
      /^Node IO on threads: 8\.2x \(95% interval 8\.1\d–8\.2\dx\) at 8 workers, past the ideal 7\.7x: the runs at 1 worker were slowed \(other load, warm-up\), not a gain to quote$/,
    );
  });

  test('a gain its interval supports is quoted as before', () => {
    const t = texts(
      fakeRun({
        config: { tasks: ['io'], workers: [1, 8] },
        totals: { 'io threads 1': [2050, 2055, 2060, 2065, 2070], 'io threads 8': [270, 271, 272, 273, 274] },
      }),
    );
    expect(t).toContain('Node IO on threads: 7.6x at 8 workers (ideal 7.7x)');
  });
});

describe('a line with no gain from more workers', () => {
  test("quotes its best count past 1 worker and that ratio's interval, never 1 worker against itself", () => {
    const r = analyze(
      fakeRun({
        config: { tasks: ['cpu'], workers: [1, 2, 4] },
        totals: {
          'cpu threads 1': [1000, 1005, 1010, 1015, 1020],
          'cpu threads 2': [1090, 1100, 1105, 1110, 1120],
          'cpu threads 4': [1190, 1200, 1205, 1210, 1220],
        },
      }),
    );
    const f = runFindings(r).find((x) => x.text.startsWith('Node CPU on threads: '));
    expect(f?.text).toMatch(/^Node CPU on threads: no speedup from more workers, at best 0\.9\dx \(2 workers\)$/);
    expect(f?.basis).toMatch(/speedup 0\.9\dx at 2 workers = ratio of medians at 1 and 2, 95% /);
    expect(f?.basis).not.toContain('at 1 and 1');
  });
});
