import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageShape } from '../src/bench/page-metrics.ts';
import { fourRuntimes } from '../src/bench/synthetic.ts';
import { makePayloadResult } from '../src/bench/synthetic-payload.ts';
import { withWarm } from '../src/bench/synthetic-warm.ts';
import { exportReport } from '../src/export.ts';
import { openAt, reportInChromium, SIZES, saves, screenshot } from './browser.ts';
import { checkColours } from './page-checks.ts';

const WAYS = {
  threads: ['clone-object', 'clone-buffer', 'transfer', 'shared'],
  processes: ['json', 'advanced', 'advanced-buffer', 'frames'],
} as const;

/** What a figure of panels shows: its panels with their runtime, scales, series and paint, and the lines under it. */
async function figureOf(page: Page, selector: string) {
  return page.$eval(selector, (f) => {
    const grid = f.querySelector('.panel-grid')!.getBoundingClientRect();
    return {
      drawn: (f as HTMLElement).dataset.drawn === '1',
      axes: f.getAttribute('data-axes'),
      gridBottom: grid.bottom,
      panels: [...f.querySelectorAll('.panel')].map((p) => {
        const canvas = p.querySelector('canvas')!;
        const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
        const box = canvas.getBoundingClientRect();
        return {
          of: p.getAttribute('data-of'),
          title: p.getAttribute('data-title'),
          scales: p.getAttribute('data-scales'),
          series: JSON.parse(p.getAttribute('data-series')!) as {
            key: string;
            color: string;
            draw: string;
            fill?: string;
          }[],
          painted,
          top: Math.round(box.top),
          right: box.right,
        };
      }),
      notes: [...f.querySelectorAll('.notes li')].map((li) => ({
        text: li.textContent ?? '',
        runtime: li.getAttribute('data-runtime'),
        top: li.getBoundingClientRect().top,
      })),
    };
  });
}

describe('moving data and warm pools on the page, in Chromium', () => {
  const runIds: Record<string, string> = {};
  // The four runtimes' default runs, Node's and Bun's with warm pools beside the cold ones, and
  // a payload-only run of Node, Bun and Deno (each its own sweep: never the latest 1..8 run).
  const report = reportInChromium(() => {
    const runs = fourRuntimes().map((r) =>
      r.config.workerSet === 'standard' && (r.env.runtime === 'node' || r.env.runtime === 'bun') ? withWarm(r) : r,
    );
    const payload = (['node', 'bun', 'deno'] as const).map((runtime, i) =>
      makePayloadResult({ runtime, seed: 50 + i, createdAt: `2026-11-21T1${i}:00:00.000Z`, speed: 1 + i / 4 }),
    );
    for (const r of payload) runIds[r.env.runtime] = r.id;
    return [...runs, ...payload];
  });
  let exported: string;

  beforeAll(async () => {
    exported = path.join(report.dir, 'export', 'report.html');
    await exportReport(report.dir, exported, () => undefined);
  });

  for (const where of ['served', 'exported'] as const) {
    it(`${where}: the payload figures, log-log, a panel per runtime, a colour per way, the statement under them`, async () => {
      for (const size of SIZES) {
        const url = where === 'served' ? report.server.url : pathToFileURL(exported).href;
        const { page, errors, close } = await openAt(report.browser, url, size, { offline: where === 'exported' });
        // The payload runs did not take the 1..8 runs' place: the verdict grid and figure 1 are there.
        expect(await page.$$eval('.verdicts tbody tr', (rs) => rs.map((r) => r.getAttribute('data-runtime')))).toEqual([
          'node',
          'bun',
          'deno',
          'cpython',
        ]);
        const wayColour = new Map<string, string>();
        for (const mode of ['threads', 'processes'] as const) {
          const fig = await figureOf(page, `figure.payload[data-mode=${mode}]`);
          expect(fig.drawn).toBe(true);
          expect(fig.axes).toBe('loglog');
          // A panel per runtime (and transport): every runtime that moved data, in the page's order.
          expect([...new Set(fig.panels.map((p) => p.of))]).toEqual(['node', 'bun', 'deno']);
          for (const p of fig.panels) {
            expect(p.scales, p.title!).toBe('x:log,y:log');
            expect(p.painted).toBeGreaterThan(1000);
            expect(p.right).toBeLessThanOrEqual(size.width);
            const ways = p.series.filter((s) => s.key !== 'sequential');
            expect(ways.length).toBeGreaterThan(0);
            for (const s of ways) {
              expect(WAYS[mode]).toContain(s.key);
              // One colour per way, the same on every panel of both figures.
              const before = wayColour.get(s.key);
              if (before) expect(s.color, `${s.key} on ${p.title}`).toBe(before);
              else wayColour.set(s.key, s.color);
            }
            expect(p.series.map((s) => s.key)).toContain('sequential');
          }
          // Core's statement, one line per runtime, under the panels.
          expect(fig.notes.map((n) => n.runtime)).toEqual(['node', 'bun', 'deno']);
          const to = mode === 'threads' ? 'a thread' : 'a process';
          for (const n of fig.notes) {
            expect(n.text).toMatch(
              new RegExp(
                `^(Node|Bun|Deno): (a task must do at least [\\d.]+ µs \\(95% .*\\) of work per KB it carries, plus .* per task, to gain on ${to} here|moving bytes to ${to} here cost no measurable time per KB)`,
              ),
            );
            expect(n.top).toBeGreaterThan(fig.gridBottom - 1);
          }
          // On a desktop the panels sit side by side; on a phone one above the other.
          const rows = new Set(fig.panels.map((p) => p.top)).size;
          if (size.name === 'desktop') expect(rows).toBeLessThan(fig.panels.length);
          else expect(rows).toBe(fig.panels.length);
        }
        // Eight ways, eight colours.
        expect(new Set(wayColour.values()).size).toBe(wayColour.size);
        // The ways a transport lacks, one line each, collapsed inside the figure's details.
        const skipped = await page.$eval('figure.payload[data-mode=processes] details.skipped-ways', (d) => ({
          open: (d as HTMLDetailsElement).open,
          lines: [...d.querySelectorAll('li')].map((li) => li.textContent),
        }));
        expect(skipped.open).toBe(false);
        expect(skipped.lines).toHaveLength(5);
        expect(skipped.lines).toContain('Deno deno-command: advanced skipped: deno-command has no advanced here');
        expect(await page.$('figure.payload[data-mode=threads] details.skipped-ways')).toBeNull();

        checkColours(await pageShape(page), new Map());
        expect((await pageShape(page)).width, 'no sideways scroll').toBeLessThanOrEqual(size.width);
        if (where === 'served') {
          for (const sel of [
            'figure.payload[data-mode=threads]',
            'figure.payload[data-mode=processes]',
            'figure.warm',
          ]) {
            const name = sel.replace(/\W+/g, '-').replace(/-$/, '');
            await screenshot((await page.$(sel))!, `${name}-${size.width}x${size.height}.png`);
          }
        }
        expect(errors).toEqual([]);
        await close();
      }
    });

    it(`${where}: cold against warm work time, a panel per runtime that kept pools warm, its ratio under it`, async () => {
      for (const size of SIZES) {
        const url = where === 'served' ? report.server.url : pathToFileURL(exported).href;
        const { page, errors, close } = await openAt(report.browser, url, size, { offline: where === 'exported' });
        for (const task of ['io', 'cpu']) {
          const fig = await figureOf(page, `figure.warm[data-task=${task}][data-sweep=standard]`);
          expect(fig.drawn).toBe(true);
          expect(fig.panels.map((p) => p.of)).toEqual(['node', 'bun']);
          for (const p of fig.panels) {
            expect(p.scales).toBe('x:linear,y:linear');
            expect(p.painted).toBeGreaterThan(1000);
            expect(p.series.map((s) => `${s.key}:${s.draw}:${s.fill ?? 'solid'}`)).toEqual([
              'threads:bars:solid',
              'threads:bars:hollow',
              'processes:bars:solid',
              'processes:bars:hollow',
            ]);
          }
          expect(fig.notes.map((n) => n.runtime)).toEqual(['node', 'bun']);
          for (const n of fig.notes) {
            expect(n.text).toMatch(
              /^(Node|Bun): threads\/[\w-]+ x8: warm pool work [\d.]+ ms vs cold [\d.]+ ms \([\d.]+x, 95% interval [\d.]+–[\d.]+x, n = 5 and 5[^)]*\); processes\/[\w-]+ x8: warm pool work /,
            );
            expect(n.top).toBeGreaterThan(fig.gridBottom - 1);
          }
        }
        // The mode colours of figure 1 hold in the warm figure; hollow is their second cue.
        const seen = new Map<string, string>();
        checkColours(await pageShape(page), seen);
        expect(seen.get('threads/hollow')).toBe(`${seen.get('threads')}/hollow`);
        expect((await pageShape(page)).width).toBeLessThanOrEqual(size.width);
        expect(errors).toEqual([]);
        await close();
      }
    });
  }

  it('in a dark scheme every way and the warm pools keep one look each, none a mode’s', async () => {
    const { page, close } = await openAt(report.browser, report.server.url, SIZES[0], { colorScheme: 'dark' });
    const seen = new Map<string, string>();
    checkColours(await pageShape(page), seen);
    for (const way of [...WAYS.threads, ...WAYS.processes]) expect(seen.has(way), way).toBe(true);
    await close();
  });

  it('the payload and warm figures save as PNG and SVG with their axes, whiskers and run ids', async () => {
    const { page, errors, close } = await openAt(report.browser, report.server.url, SIZES[0]);
    const svg = await saves(page, 'figure.payload[data-mode=threads]', 'fig-payload-threads');
    expect(svg).toContain('Moving data to a thread: cost per task against payload size');
    for (const tick of ['1 KiB', '64 KiB', '1 MiB', '16 MiB']) expect(svg).toContain(`>${tick}<`);
    for (const rt of ['node', 'bun', 'deno']) expect(svg).toContain(runIds[rt]!);
    // Per panel (4: Node, Bun's two transports, Deno) 4 ways x 4 sizes measured points, each with a whisker.
    expect(svg.match(/<circle /g)?.length).toBe(4 * 4 * 4);
    expect(svg.match(/<polyline /g)?.length).toBe(4 * 5);
    const warm = await saves(page, 'figure.warm[data-task=cpu][data-sweep=standard]', 'fig-standard-cpu-warm');
    expect(warm).toContain('CPU: work time on cold and on warm pools');
    // 2 runtimes x 8 worker counts x 2 modes hollow bars, and the legend's 2 hollow swatches.
    expect(warm.match(/<rect [^>]*stroke-width="1\.5"/g)?.length).toBe(2 * 8 * 2 + 2);
    expect(errors).toEqual([]);
    await close();
  });
});
