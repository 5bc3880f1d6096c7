import type { ArrivalPoint, ResultFile } from '@tvp/core';
import { describe, expect, it } from 'vitest';
import { openAt, reportInChromium, SIZES } from './browser.ts';
import { makeResult } from './fixtures.ts';

const RATES = [20, 50, 100, 150, 250];

/**
 * Arrival points of an M/D/c-like option of `lanes` lanes of `taskMs` each: a rate at or past the
 * capacity is not sustained; below it p99 grows as the load nears it.
 */
function points(lanes: number, taskMs: number): ArrivalPoint[] {
  const capacity = (lanes * 1000) / taskMs;
  return RATES.map((rate) => {
    const load = rate / capacity;
    const sustained = load < 0.95;
    const p50 = taskMs * (1 + load / (2 * (1 - Math.min(load, 0.95))));
    const p99 = taskMs * (1 + (3 * load) / (1 - Math.min(load, 0.95)));
    return {
      rate,
      runs: 1,
      tasks: 100,
      offered: rate,
      throughput: sustained ? rate : capacity,
      sustained,
      responseMs: { min: taskMs, p50, p90: (p50 + p99) / 2, p99, max: p99 * 1.1 },
      queueMs: { min: 0, p50: p50 - taskMs, p90: 0, p99: p99 - taskMs, max: p99 },
      maxQueued: sustained ? lanes : 50,
    };
  }).map((p) => ({ ...p, queueMs: { ...p.queueMs, p90: (p.queueMs.p50 + p.queueMs.p99) / 2 } }));
}

/** A synthetic run of one runtime whose cpu cells also have arrivals at RATES. */
function withArrivals(runtime: 'node' | 'bun', seed: number): ResultFile {
  const r = makeResult({ runtime, seed, workers: [1, 2], tasks: ['cpu'], createdAt: `2026-11-2${seed}T10:00:00.000Z` });
  r.config.arrival = { rates: RATES, kind: 'poisson', seed: 1, warmupMin: 10, warmupPerWorker: 2, sustainShare: 0.9 };
  for (const c of r.cells) {
    const lanes = c.mode === 'sequential' || c.mode === 'async' ? 1 : c.workers;
    c.arrivals = points(lanes, c.mode === 'processes' ? 11 : 10);
  }
  return r;
}

describe('latency against load on the page', () => {
  const report = reportInChromium(() => [withArrivals('node', 1), withArrivals('bun', 2)]);

  it('one panel per runtime, a line per mode in its colour, the knee marked, what serves each rate under it', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, SIZES[0]);
    await page.waitForFunction(() => document.querySelector('figure.load[data-drawn="1"]') !== null, null, {
      timeout: 20_000,
    });
    const fig = await page.$eval('figure.load', (f) => ({
      task: f.getAttribute('data-task'),
      panels: [...f.querySelectorAll('.panel')].map((p) => ({
        of: p.getAttribute('data-of'),
        title: p.getAttribute('data-title') ?? '',
        series: JSON.parse(p.getAttribute('data-series') ?? '[]') as { key: string; color: string; draw: string }[],
      })),
      notes: [...f.querySelectorAll('.notes li')].map((li) => li.textContent ?? ''),
    }));
    expect(fig.task).toBe('cpu');
    expect(fig.panels.map((p) => p.of)).toEqual(['node', 'bun']);
    for (const p of fig.panels) {
      expect(p.series.length).toBeLessThanOrEqual(6);
      expect(p.series.filter((s) => s.draw === 'line').map((s) => s.key)).toEqual([
        'threads',
        'processes',
        'async',
        'sequential',
      ]);
      expect(new Set(p.series.map((s) => s.color)).size).toBe(p.series.length);
      expect(p.series.some((s) => s.key === 'ideal' && s.draw === 'points')).toBe(true);
      // Two lanes of 10 ms: p99 13 ms at 20/s, 20 ms at 50/s (1.5x), 40 ms at 100/s (3x): the knee is 50/s.
      expect(p.title).toMatch(/threads\/[a-z_-]+ x2 knee 50\/s/);
    }
    expect(fig.notes.some((n) => /^Node: at 250 tasks\/s: nothing measured keeps up/.test(n))).toBe(true);
    expect(
      fig.notes.some((n) => /^Bun: at 100 tasks\/s, threads\/web-worker x2: p99 .* on the main thread/.test(n)),
    ).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
