import { describe, expect, test } from 'vitest';
import { packed, refusal, sampleResult } from './codec.fixture.ts';
import { decodeResult, encodeResult } from './codec.ts';
import { MAX_DELAY_INTERVAL_MS, MAX_DELAY_MS } from './codec-delay.ts';
import type { LoopDelay, ResultFile } from './types.ts';

const delay: LoopDelay = {
  method: 'timer-drift',
  intervalMs: 1,
  p50Ms: 0.09,
  p99Ms: 2.5,
  maxMs: 4.1,
  samples: 812,
  monitor: { p50Ms: 0.1, p99Ms: 2.6, maxMs: 4.1, samples: 809 },
};
const withDelay = (d: unknown): Uint8Array => {
  const r = sampleResult();
  (r.cells[0] as unknown as Record<string, unknown>).loopDelay = d;
  return packed(r as ResultFile);
};

describe('decodeResult: cells[].loopDelay', () => {
  test('reads back as written, with and without the monitor, for every method', () => {
    for (const d of [
      delay,
      { ...delay, monitor: undefined },
      { ...delay, method: 'asyncio-timer' as const, monitor: undefined },
      { ...delay, method: 'thread-wakeup' as const, monitor: undefined },
      { ...delay, idleIntervalMs: 10, monitor: undefined },
    ]) {
      const r = sampleResult();
      r.cells[0]!.loopDelay = d.monitor ? d : (({ monitor: _, ...rest }) => rest)(d);
      expect(decodeResult(encodeResult(r), 'f').cells[0]?.loopDelay).toEqual(r.cells[0]!.loopDelay);
    }
  });

  test('a file written before it reads, without it', () => {
    const r = decodeResult(packed(sampleResult()), 'f');
    expect(r.cells.every((c) => c.loopDelay === undefined)).toBe(true);
  });

  test.each<[string, unknown, RegExp]>([
    ['an unknown method', { ...delay, method: 'guess' }, /cells\[0\]\.loopDelay\.method: .*'guess'/],
    ['p99 below p50', { ...delay, p99Ms: 0.01 }, /cells\[0\]\.loopDelay\.p99Ms: 0\.01 is below p50Ms 0\.09/],
    ['max below p99', { ...delay, maxMs: 2 }, /cells\[0\]\.loopDelay\.maxMs: 2 is below p99Ms 2\.5/],
    ['a negative delay', { ...delay, p50Ms: -1 }, /cells\[0\]\.loopDelay\.p50Ms: expected at least 0, got -1/],
    ['a delay over a day', { ...delay, maxMs: MAX_DELAY_MS + 1 }, /loopDelay\.maxMs: expected at most 86400000/],
    ['no samples', { ...delay, samples: 0 }, /cells\[0\]\.loopDelay\.samples: expected at least 1, got 0/],
    ['a fractional count', { ...delay, samples: 1.5 }, /loopDelay\.samples: expected a whole number, got 1\.5/],
    ['a zero interval', { ...delay, intervalMs: 0 }, /cells\[0\]\.loopDelay\.intervalMs: expected at least 0\.001/],
    [
      'an interval over a minute',
      { ...delay, intervalMs: MAX_DELAY_INTERVAL_MS + 1 },
      /loopDelay\.intervalMs: expected at most 60000/,
    ],
    [
      'an idle interval below the interval',
      { ...delay, intervalMs: 2, idleIntervalMs: 1 },
      /cells\[0\]\.loopDelay\.idleIntervalMs: expected at least 2, got 1/,
    ],
    ['a monitor that is no map', { ...delay, monitor: [1] }, /cells\[0\]\.loopDelay\.monitor: expected a map/],
    [
      'a monitor out of order',
      { ...delay, monitor: { ...delay.monitor, p50Ms: 9 } },
      /loopDelay\.monitor\.p99Ms: 2\.6 is below p50Ms 9/,
    ],
    ['a list instead of a map', [delay], /cells\[0\]\.loopDelay: expected a map/],
  ])('%s is refused by name', (_name, d, message) => {
    expect(refusal(withDelay(d))).toMatch(message);
  });
});
