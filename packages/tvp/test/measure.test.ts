import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeResult, liveWorkerCount, type SweepProgress } from '@tvp/core';
import { recommend } from '@tvp/core/analysis';
import { childPids, until } from '@tvp/testkit';
import { afterAll, describe, expect, test } from 'vitest';
import { MeasureAborted, measure } from '../src/measure.ts';
import { MeasureOptionError, type MeasureOptions } from '../src/measure-options.ts';

const mix = new URL('./fixtures/mix.mjs', import.meta.url);
const wait = new URL('./fixtures/wait.mjs', import.meta.url);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tvp-measure-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small: MeasureOptions = { module: mix, workers: [1, 2], count: 4, repeat: 2, warmup: 0, label: 'measure-test' };

describe('measure', () => {
  test('returns the result object and recommend(result), writes nothing, and reports progress', async () => {
    const seen: SweepProgress[] = [];
    const before = existsSync(path.join(process.cwd(), 'tvp-results'));
    const { result, recommendations, file } = await measure({ ...small, onProgress: (p) => seen.push(p) });
    expect(result.schemaVersion).toBe(1);
    expect(result.env.runtime).toBe('node');
    expect(result.env.label).toBe('measure-test');
    expect(result.config.tasks).toEqual(['module']);
    expect(result.config.taskModule?.name).toBe('mix');
    expect(result.config.workers).toEqual([1, 2]);
    // sequential once, then async, threads and processes at 1 and at 2 workers
    expect(result.cells.map((c) => `${c.mode}x${c.workers}`)).toEqual([
      'sequentialx1',
      'threadsx1',
      'processesx1',
      'asyncx1',
      'threadsx2',
      'processesx2',
      'asyncx2',
    ]);
    expect(result.cells.every((c) => c.status === 'ok' && c.samples.length === 2)).toBe(true);
    expect(recommendations).toEqual(recommend(result));
    expect(recommendations.map((r) => r.task)).toEqual(['module']);
    expect(file).toBeUndefined();
    expect(existsSync(path.join(process.cwd(), 'tvp-results'))).toBe(before);
    expect(seen.length).toBeGreaterThanOrEqual(result.cells.length);
    expect(seen.at(-1)?.cellIndex).toBe(result.cells.length - 1);
  });

  test('out: writes the same object as the file tvp run writes', async () => {
    const out = path.join(tmp, 'results');
    const { result, file } = await measure({ ...small, workers: [1], modes: ['threads'], out });
    expect(file && path.dirname(file)).toBe(out);
    expect(decodeResult(readFileSync(file as string), 'written')).toEqual(result);
  });

  test("impls ['all'] is every primitive, as --impl all: the pool libraries only when named", async () => {
    const { result } = await measure({ ...small, workers: [1], modes: ['threads', 'processes'], impls: ['all'] });
    expect(result.config.impls).toEqual(['worker_threads', 'child_process']);
    expect(result.libraries).toBeUndefined();
  });

  test("pools: ['cold', 'warm'] writes a warm cell beside each cold one, and the recommendation says it judged the warm pool", async () => {
    const { result, recommendations } = await measure({
      ...small,
      workers: [1],
      modes: ['threads', 'sequential'],
      pools: ['cold', 'warm'],
    });
    expect(result.config.pools).toEqual(['cold', 'warm']);
    expect(result.cells.map((c) => `${c.mode}${c.pool ? ` ${c.pool}` : ''}`)).toEqual([
      'sequential',
      'threads',
      'threads warm',
    ]);
    expect(result.cells[2]?.warmStart?.spawnMs).toBeGreaterThan(0);
    const [rec] = recommendations;
    expect(rec?.ok ? rec.pool : undefined).toBe('warm');
  });

  test("the runner's other flags are options too: clock, arrival rate", async () => {
    const { result } = await measure({ ...small, workers: [1], modes: ['threads'], clock: 'article' });
    expect(result.config.clock).toBe('article');
    const err = await measure({ ...small, arrivalSeed: 3 }).catch((e: unknown) => e);
    expect((err as MeasureOptionError).option).toBe('arrivalSeed');
    expect((err as Error).message).toMatch(/^options\.arrivalSeed needs options\.arrivalRate/);
  });

  test.each<[string, MeasureOptions, string, RegExp]>([
    ['a worker count of 0', { module: mix, workers: [0] }, 'workers', /options\.workers: '0' is not a worker count/],
    ['workers as a string list', { module: mix, workers: '1,2' as never }, 'workers', /options\.workers must be/],
    ['a fraction', { module: mix, ioMs: 1.5 }, 'ioMs', /options\.ioMs must be a whole number, got 1\.5/],
    ['a count of 0', { module: mix, count: 0 }, 'count', /options\.count: '0' is not valid/],
    ['an unknown option', { module: mix, wokers: [1] } as never, 'wokers', /options\.wokers is not an option/],
    ['an unknown mode', { module: mix, modes: ['fibers' as never] }, 'modes', /options\.modes: unknown value 'fibers'/],
    ['an impl of another runtime', { module: mix, impls: ['bun-spawn'] }, 'impls', /options\.impls: unknown value/],
    ['a missing module', { module: new URL('./nope.mjs', mix) }, 'module', /options\.module: no such file/],
    ['a module that is not a task', { module: new URL('../../package.json', mix) }, 'module', /options\.module /],
    ['an unknown clock', { module: mix, clock: 'wall' as never }, 'clock', /options\.clock: unknown value 'wall'/],
    ['an unknown pool', { module: mix, pools: ['hot' as never] }, 'pools', /options\.pools: unknown value 'hot'/],
    [
      'a fractional payload size',
      { module: mix, payloadBytes: [1.5] },
      'payloadBytes',
      /options\.payloadBytes must be/,
    ],
    ['an empty list of rates', { module: mix, arrivalRate: [] }, 'arrivalRate', /options\.arrivalRate must be/],
    ['a bad signal', { module: mix, signal: {} as never }, 'signal', /options\.signal must be an AbortSignal/],
  ])('refuses %s, naming the option', async (_, options, option, message) => {
    const err = await measure(options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeasureOptionError);
    expect((err as MeasureOptionError).name).toBe('MeasureOptionError');
    expect((err as MeasureOptionError).option).toBe(option);
    expect((err as Error).message).toMatch(message);
  });

  test('an abort kills every worker of the sweep and rejects with MeasureAborted', async () => {
    const controller = new AbortController();
    let workersSeen = 0;
    const running = measure({
      module: wait,
      workers: [4],
      modes: ['processes', 'threads'],
      count: 40,
      repeat: 3,
      warmup: 0,
      signal: controller.signal,
      onProgress: () => {
        // Abort once the first hub run's process workers have started.
        void until(() => childPids(process.pid).length >= 4, 20_000).then(() => {
          workersSeen = childPids(process.pid).length;
          controller.abort();
        });
      },
    });
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeasureAborted);
    expect((err as MeasureAborted).name).toBe('MeasureAborted');
    expect((err as MeasureAborted).result?.interrupted).toBe(true);
    expect(workersSeen).toBeGreaterThanOrEqual(4);
    expect(liveWorkerCount()).toBe(0);
    await until(() => childPids(process.pid).length === 0, 5_000);
    expect(childPids(process.pid)).toEqual([]);
  });

  test('a signal aborted before the start rejects at once, starting nothing', async () => {
    const err = await measure({ ...small, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeasureAborted);
    expect((err as MeasureAborted).result).toBeUndefined();
  });
});
