import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  MAX_CELLS,
  MAX_ENV_VARS,
  MAX_ROUND_TRIPS,
  MAX_SAMPLES,
  MAX_STRING_LENGTH,
  MAX_WARNINGS,
  MAX_WORKERS,
} from '../constants.ts';
import { bin, packByHand, packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import type { ResultFile } from './types.ts';

const s = sampleResult();
const ok = s.cells[0]!;
const okSample = ok.samples[0]!;
/** The sample file with a change, written as msgpackr writes it, skipping the writer's types. */
const changed = (change: (r: ResultFile) => void): Uint8Array => {
  const r = sampleResult();
  change(r);
  return packed(r);
};
const reads = (bytes: Uint8Array) => decodeResult(bytes, 'f');

describe('decodeResult: caps', () => {
  test.each<[string, (r: ResultFile, n: number) => void, number]>([
    ['cells', (r, n) => (r.cells = Array(n).fill(ok)), MAX_CELLS],
    ['cells[0].samples', (r, n) => (r.cells = [{ ...ok, samples: Array(n).fill(okSample) }]), MAX_SAMPLES],
    ['roundTrips', (r, n) => (r.roundTrips = Array(n).fill(s.roundTrips![0])), MAX_ROUND_TRIPS],
    [
      'roundTrips[0].samplesUs',
      (r, n) => (r.roundTrips = [{ ...s.roundTrips![0]!, samplesUs: Array(n).fill(40) }]),
      MAX_SAMPLES,
    ],
    ['warnings', (r, n) => (r.warnings = Array(n).fill('w')), MAX_WARNINGS],
    ['config.workers', (r, n) => (r.config.workers = Array(n).fill(1)), MAX_WORKERS],
  ])('%s: at the cap it reads, one more is refused by name', (field, fill, cap) => {
    expect(reads(changed((r) => fill(r, cap)))).toBeTruthy();
    const message = refusal(changed((r) => fill(r, cap + 1)));
    expect(message).toBe(`some/file.msgpack: ${field}: ${cap + 1} items, more than the ${cap} allowed`);
  });

  test('env.vars: at the cap it reads, one more is refused by name', () => {
    const vars = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`V${i}`, 'x']));
    expect(Object.keys(reads(changed((r) => (r.env.vars = vars(MAX_ENV_VARS)))).env.vars)).toHaveLength(MAX_ENV_VARS);
    expect(refusal(changed((r) => (r.env.vars = vars(MAX_ENV_VARS + 1))))).toBe(
      `some/file.msgpack: env.vars: ${MAX_ENV_VARS + 1} variables, more than the ${MAX_ENV_VARS} allowed`,
    );
    expect(refusal(changed((r) => (r.env.vars = { 'A=B': 'x' })))).toMatch(/env\.vars: not a variable name: 'A=B'/);
  });

  test.each<[string, (r: ResultFile, text: string) => void]>([
    ['env.cpuModel', (r, t) => (r.env.cpuModel = t)],
    ['cells[1].error', (r, t) => (r.cells[1]!.error = t)],
    ['warnings[0]', (r, t) => (r.warnings = [t])],
    ['env.vars.NODE_OPTIONS', (r, t) => (r.env.vars = { NODE_OPTIONS: t })],
    ['config.impls[0]', (r, t) => (r.config.impls = [t])],
  ])('%s: a string of the longest length reads, a longer one is refused by name', (field, put) => {
    expect(reads(changed((r) => put(r, 'x'.repeat(MAX_STRING_LENGTH))))).toBeTruthy();
    expect(refusal(changed((r) => put(r, 'é'.repeat(MAX_STRING_LENGTH + 1))))).toBe(
      `some/file.msgpack: ${field}: a string of ${MAX_STRING_LENGTH + 1} characters is longer than the ${MAX_STRING_LENGTH} allowed`,
    );
  });
});

describe('decodeResult: every enum field is one of its members', () => {
  test.each<[string, (r: ResultFile) => void, string]>([
    [
      'cells[0].task',
      (r) => ((r.cells[0] as { task: string }).task = 'disk'),
      'io, cpu, noop, fs, net, module, payload',
    ],
    [
      'cells[0].mode',
      (r) => ((r.cells[0] as { mode: string }).mode = 'fibers'),
      'threads, processes, sequential, async',
    ],
    ['cells[1].status', (r) => ((r.cells[1] as { status: string }).status = 'skipped'), 'ok, failed'],
    ['config.tasks[0]', (r) => ((r.config.tasks as string[])[0] = 'disk'), 'io, cpu, noop, fs, net, module, payload'],
    ['config.modes[0]', (r) => ((r.config.modes as string[])[0] = 'fibers'), 'threads, processes, sequential, async'],
    ['config.workerSet', (r) => ((r.config as { workerSet: string }).workerSet = 'huge'), 'standard, extended, custom'],
    ['config.workerEnv', (r) => ((r.config as { workerEnv: string }).workerEnv = 'dirty'), 'inherit, clean'],
    ['config.preset', (r) => ((r.config as { preset: string }).preset = 'fast'), 'default, quick, article'],
    ['config.fault', (r) => ((r.config as { fault: string }).fault = 'segfault'), 'throw, exit, hang'],
    ['roundTrips[0].mode', (r) => ((r.roundTrips![0] as { mode: string }).mode = 'async'), 'threads, processes'],
  ])('%s', (field, change, allowed) => {
    expect(refusal(changed(change))).toMatch(
      new RegExp(`^some/file\\.msgpack: ${field.replace(/[.[\]]/g, '\\$&')}: expected one of ${allowed}, got '`),
    );
  });

  test('a file without the later optional enums reads them as the runners that wrote it did', () => {
    const { workerSet, workerEnv, preset, impls, ...older } = sampleResult().config;
    const r = reads(packed({ ...sampleResult(), config: older }));
    expect(r.config).toMatchObject({ workerSet: 'custom', workerEnv: 'inherit', preset: 'default', impls: [] });
    expect(r.config.fault).toBeUndefined();
    expect(reads(changed((x) => (x.config.fault = 'hang'))).config.fault).toBe('hang');
  });
});

describe('decodeResult: id', () => {
  test.each([
    randomUUID(),
    '0f1e2d3c-0000-4000-8000-000000000001',
    'node-ci-box-1-0000-fixture',
    'burst-3',
    'bench-12',
    'a..b..escape',
    'A_b.C-9',
    'x'.repeat(64),
  ])('%s reads', (id) => {
    expect(reads(changed((r) => (r.id = id))).id).toBe(id);
  });

  test.each(['.hidden', '..', '../../escape/me', 'a/b', 'a\\b', 'run 1', 'é', 'x'.repeat(65), 'a\nb'])(
    '%j is refused',
    (id) => {
      expect(refusal(changed((r) => (r.id = id)))).toMatch(
        /^some\/file\.msgpack: id: expected 1 to 64 letters, digits, '-', '_' or '\.', not starting with '\.', got '/,
      );
    },
  );

  test('an empty id is refused', () => {
    expect(refusal(changed((r) => (r.id = '')))).toBe('some/file.msgpack: id: must not be empty');
  });
});

describe('decodeResult: createdAt', () => {
  test.each([
    '2026-11-25T20:00:00.000Z',
    '2026-11-25T20:00:00Z',
    '2026-11-25T20:00:00.123456Z',
    '2024-02-29T23:59:59.999Z',
  ])('%s reads', (createdAt) => {
    expect(reads(changed((r) => (r.createdAt = createdAt))).createdAt).toBe(createdAt);
  });

  test.each([
    'yesterday',
    '2026',
    '2026-11-25',
    '2026-11-25T20:00:00.000+01:00',
    '2026-11-25T20:00:00',
    '2026-11-25 20:00:00Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-11-25T24:00:00Z',
    '2026-11-25T20:60:00Z',
    '2026-11-25T20:00:60Z',
    'Wed, 25 Nov 2026 20:00:00 GMT',
    '11/25/2026',
    ' 2026-11-25T20:00:00Z',
    '2026-11-25T20:00:00.Z',
  ])('%j is refused', (createdAt) => {
    expect(refusal(changed((r) => (r.createdAt = createdAt)))).toMatch(
      /^some\/file\.msgpack: createdAt: not an ISO-8601 time in UTC \(like 2026-11-25T20:00:00\.000Z\): '/,
    );
  });
});

describe('decodeResult: worker counts', () => {
  test(`config.workers and a cell's workers are whole numbers from 1 to ${MAX_WORKERS}`, () => {
    expect(reads(changed((r) => (r.config.workers = [1, MAX_WORKERS]))).config.workers).toEqual([1, MAX_WORKERS]);
    expect(refusal(changed((r) => (r.config.workers = [0])))).toMatch(
      /config\.workers\[0\]: expected at least 1, got 0/,
    );
    expect(refusal(changed((r) => (r.config.workers = [1, 257])))).toMatch(
      /config\.workers\[1\]: expected at most 256, got 257/,
    );
    expect(refusal(changed((r) => (r.config.workers = [1.5])))).toMatch(
      /config\.workers\[0\]: expected a whole number, got 1\.5/,
    );
    expect(refusal(changed((r) => (r.cells[0]!.workers = 1000)))).toMatch(/cells\[0\]\.workers: expected at most 256/);
  });
});

describe('decodeResult: shapes', () => {
  test.each<[string, unknown, RegExp]>([
    ['a list for the file', [1, 2], /^some\/file\.msgpack: \(top level\): expected a map, got a list$/],
    ['a list for env', { ...s, env: [] }, /: env: expected a map, got a list$/],
    ['binary for config', { ...s, config: bin('x') }, /: config: expected a map, got binary$/],
    ['nil for tool', { ...s, tool: null }, /: tool: expected a map, got nil$/],
    [
      'a string for a sample',
      { ...s, cells: [{ ...ok, samples: ['fast'] }] },
      /cells\[0\]\.samples\[0\]: expected a map, got 'fast'$/,
    ],
    ['a map for cells', { ...s, cells: {} }, /: cells: expected a list, got a map$/],
    [
      'a missing field',
      { ...s, env: { ...s.env, kernel: undefined } },
      /: env\.kernel: expected a string, got nothing$/,
    ],
    ['a string for a boolean', { ...s, interrupted: 'yes' }, /: interrupted: expected a boolean, got 'yes'$/],
    ['NaN for a number', { ...s, durationMs: Number.NaN }, /: durationMs: expected a finite number, got number NaN$/],
  ])('%s is refused by name', (_name, value, message) => {
    expect(refusal(packByHand(value))).toMatch(message);
  });

  test('a __proto__ key sets no prototype and pollutes nothing', () => {
    const vars = JSON.parse('{"__proto__":{"polluted":"yes"},"A":"y"}');
    expect(refusal(packed({ ...s, env: { ...s.env, vars } }))).toMatch(
      /env\.vars\.__proto_: expected a string, got a map/,
    );
    const top = JSON.parse('{"__proto__":{"polluted":"yes"}}');
    const r = reads(packed({ ...top, ...s, env: { ...s.env, vars: JSON.parse('{"__proto__":"x","A":"y"}') } }));
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.env.vars)).toBe(Object.prototype);
    expect(r.env.vars.A).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('-0 reads as 0, so that the file encodes to itself', () => {
    const r = reads(packByHand({ ...s, durationMs: -0 }));
    expect(Object.is(r.durationMs, 0)).toBe(true);
    expect(reads(encodeResult(r))).toEqual(r);
  });
});
