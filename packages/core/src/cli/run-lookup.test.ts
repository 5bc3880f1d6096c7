import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { fakeRun } from '../analysis/result.fixture.ts';
import { writeResult } from '../format/write.ts';
import { type ReadRun, readRunFile } from './run-lookup.ts';
import { loadRun } from './tools-cli.ts';

/** A reader that counts the files it decodes. */
function counting(): { read: ReadRun; files: string[] } {
  const files: string[] = [];
  return {
    files,
    read: (file) => {
      files.push(path.basename(file));
      return readRunFile(file);
    },
  };
}

const RUNTIMES = ['node', 'bun', 'deno'] as const;

/** `n` runs a minute apart, runtimes in turn, each written with its summary; returns their files, oldest first. */
async function folderOf(n: number): Promise<{ dir: string; files: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tvp-lookup-'));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const run = fakeRun({ id: `run-${String(i).padStart(5, '0')}-x`, runtime: RUNTIMES[i % 3] });
    run.createdAt = new Date(Date.UTC(2026, 10, 25, 20, i)).toISOString();
    files.push((await writeResult(dir, run)).file);
  }
  return { dir, files };
}

describe('a run by latest or id, from the summaries', () => {
  const folder = folderOf(60);
  let dir = '';
  let files: string[] = [];
  const name = (i: number) => path.basename(files[i] as string);
  beforeAll(async () => {
    ({ dir, files } = await folder);
  });

  test('latest decodes the newest file only, of 60', () => {
    const c = counting();
    expect(loadRun('latest', dir, dir, c.read).id).toBe('run-00059-x');
    expect(c.files).toEqual([name(59)]);
  });

  test('latest:RUNTIME decodes only the newest file of that runtime', () => {
    const c = counting();
    expect(loadRun('latest:bun', dir, dir, c.read).id).toBe('run-00058-x');
    expect(c.files).toEqual([name(58)]);
  });

  test('an id prefix decodes only the file it names', () => {
    const c = counting();
    expect(loadRun('run-00007', dir, dir, c.read).id).toBe('run-00007-x');
    expect(c.files).toEqual([name(7)]);
  });

  test('a file copied without its summary is decoded to learn its id and time (and not twice)', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'tvp-lookup-'));
    mkdirSync(path.join(other, '.tvp-summaries'));
    for (const i of [10, 11, 12]) {
      copyFileSync(files[i] as string, path.join(other, name(i)));
      // 11's summary comes along, but no longer matches the copy's mtime: stale, so decoded.
    }
    copyFileSync(
      path.join(dir, '.tvp-summaries', `${name(11)}.summary`),
      path.join(other, '.tvp-summaries', `${name(11)}.summary`),
    );
    const c = counting();
    expect(loadRun('latest', other, other, c.read).id).toBe('run-00012-x');
    expect(c.files.sort()).toEqual([name(10), name(11), name(12)]);
  });

  test('a newest file damaged after its summary was written is passed over for the next', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'tvp-lookup-'));
    mkdirSync(path.join(d, '.tvp-summaries'));
    for (const i of [20, 21]) {
      for (const [from, to] of [
        [files[i] as string, path.join(d, name(i))],
        [path.join(dir, '.tvp-summaries', `${name(i)}.summary`), path.join(d, '.tvp-summaries', `${name(i)}.summary`)],
      ] as const) {
        writeFileSync(to, readFileSync(from));
        const st = statSync(from);
        // In seconds, not Dates: a Date rounds the mtime to the nearest millisecond, which can change its whole millisecond.
        utimesSync(to, st.atimeMs / 1000, st.mtimeMs / 1000);
      }
    }
    // Same size and mtime as its summary says, but not a result file any more.
    const damaged = path.join(d, name(21));
    const st = statSync(damaged);
    writeFileSync(damaged, Buffer.alloc(st.size, 0xc1));
    utimesSync(damaged, st.atimeMs / 1000, st.mtimeMs / 1000);
    const c = counting();
    expect(loadRun('latest', d, d, c.read).id).toBe('run-00020-x');
    expect(c.files).toEqual([name(21), name(20)]);
  });

  test('nothing of that runtime, or no such id: a usage error naming it, nothing decoded', () => {
    const c = counting();
    expect(() => loadRun('latest:cpython', dir, dir, c.read)).toThrow(/no run of cpython in/);
    expect(() => loadRun('zzzzzzzz', dir, dir, c.read)).toThrow(/no file and no run id 'zzzzzzzz'/);
    expect(() => loadRun('run-0000', dir, dir, c.read)).toThrow(/matches 10 runs: give more of the id/);
    expect(c.files).toEqual([]);
  });
});
