import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Cell, ResultFile } from '@tvp/core';
import { describe, expect, test } from 'vitest';
import { batchRuns, closingText, outDirOf } from '../src/closing.ts';

/** Five runs of one cell, median `ms`. */
const cell = (mode: Cell['mode'], impl: string, workers: number, ms: number): Cell => ({
  task: 'io',
  mode,
  impl,
  workers,
  status: 'ok',
  samples: [-2, -1, 0, 1, 2].map((k) => ({ totalMs: ms + k, spawnMs: 0, workMs: ms + k, teardownMs: 0 })),
});

const run = (runtime: string, createdAt: string): ResultFile =>
  ({
    createdAt,
    env: { runtime, runtimeVersion: '9.9', cores: 2, availableParallelism: 2 },
    config: { count: 100, tasks: ['io'] },
    cells: [
      cell('async', 'main', 1, 1000),
      cell('async', 'main', 2, 500),
      cell('threads', 'worker_threads', 1, 1100),
      cell('threads', 'worker_threads', 2, 700),
    ],
  }) as unknown as ResultFile;

describe("the bench's closing lines", () => {
  test('the answer per runtime, then where the files are and the commands that show them', () => {
    const text = closingText([run('node', '1'), run('bun', '2')], 'results', 1);
    expect(text.split('\n')).toEqual([
      'bench: the answer per runtime on this machine (the tables above have the evidence):',
      '  node 9.9',
      expect.stringMatching(/^ {4}IO: the event loop \(async\), 2 in flight, 2\.00x/),
      '  bun 9.9',
      expect.stringMatching(/^ {4}IO: the event loop \(async\)/),
      'bench: 2 file(s) of this bench in results · pnpm report: the charts at http://127.0.0.1:8080 · pnpm summary: the answer as Markdown · pnpm compare -- latest:node latest:bun: one runtime against another',
      '',
    ]);
  });

  test('several rounds: the newest run of each runtime, and says the report pools them', () => {
    const text = closingText([run('node', '1'), run('node', '3')], 'results', 2);
    expect(text).toContain('(its last of 2 rounds; pnpm report pools them)');
    expect(text.match(/^ {2}node/gm)).toHaveLength(1);
  });

  test("a folder of the user's is passed to the tools; no file: only where to look", () => {
    const text = closingText([], 'my runs', 1, false);
    expect(text).toBe(
      "bench: 0 file(s) of this bench in my runs · pnpm report -- --results 'my runs': the charts at http://127.0.0.1:8080 · pnpm summary -- 'my runs': the answer as Markdown · pnpm compare -- latest:node latest:bun --results 'my runs': one runtime against another\n",
    );
  });

  test('the folder: the last --out, from where the user ran, else results/ at the root', () => {
    expect(outDirOf(['--quick'], '/repo', '/home/u')).toBe('/repo/results');
    expect(outDirOf(['--out', 'a', '--out=b'], '/repo', '/home/u')).toBe('/home/u/b');
  });

  test("only this batch's readable files; a missing folder is none", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvp-closing-'));
    writeFileSync(path.join(dir, 'junk.msgpack'), 'not msgpack');
    expect(batchRuns(dir, 'b1')).toEqual([]);
    expect(batchRuns(path.join(dir, 'missing'), 'b1')).toEqual([]);
  });
});
