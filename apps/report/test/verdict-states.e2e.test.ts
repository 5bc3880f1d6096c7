import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResultFile } from '@tvp/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssets } from '../src/assets.ts';
import { launchChromium } from '../src/bench/chromium.ts';
import { exportedPage } from '../src/page/html.ts';
import { inlineJson } from '../src/payload-json.ts';
import type { Listening } from '../src/serve.ts';
import { ResultStore } from '../src/store.ts';
import { ARTIFACTS, openAt, SIZES, serveResults } from './browser.ts';
import { makeResult, tempDir } from './fixtures.ts';

/** Keep a saved PNG in ARTIFACTS for a reviewer to open. */
async function screenshotPng(png: Buffer, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(path.join(ARTIFACTS, name), png);
}

/** Scale the totals of some cells' samples: a run where other load slowed or sped one option. */
function scaled(r: ResultFile, pick: (c: ResultFile['cells'][number]) => boolean, by: number): ResultFile {
  return {
    ...r,
    cells: r.cells.map((c) =>
      pick(c)
        ? {
            ...c,
            samples: c.samples.map((s) => ({ ...s, totalMs: s.totalMs * by, workMs: s.workMs * by })),
          }
        : c,
    ),
  };
}

/**
 * A busy machine (other processes used 42% of the CPU) whose Node run has the event loop "winning"
 * CPU work at 2.5x (its cells past 1 in flight sped up by the load's changes) and whose Bun run
 * has workers past what 2 cores allow (its 1-worker runs slowed 2.5 times); CPython has the long
 * panel title.
 */
function busyRuns(): ResultFile[] {
  const busy = (r: ResultFile): ResultFile => ({ ...r, env: { ...r.env, otherCpuShare: 0.42 } });
  const node = scaled(
    makeResult({ runtime: 'node', label: 'busy-box', seed: 3 }),
    (c) => c.task === 'cpu' && c.mode === 'async' && c.workers > 1,
    0.4,
  );
  const bun = scaled(
    makeResult({ runtime: 'bun', label: 'busy-box', seed: 4 }),
    (c) => c.task === 'cpu' && (c.mode === 'threads' || c.mode === 'processes') && c.workers === 1,
    2.5,
  );
  return [busy(node), busy(bun), makeResult({ runtime: 'cpython', label: 'busy-box', seed: 5 })];
}

/**
 * A Node run whose workers' 1-worker cpu runs scatter (0.8 to 1.4 times the 2-worker ones): the
 * median ratio is 1.25x, but its interval reaches below 1.
 */
function noisyRun(): ResultFile {
  const r = makeResult({ runtime: 'node', label: 'noisy-box', seed: 6 });
  const k = [0.8, 0.95, 1.25, 1.3, 1.4];
  const cells = r.cells.map((c) => {
    if (c.task !== 'cpu' || (c.mode !== 'threads' && c.mode !== 'processes') || c.workers !== 1) return c;
    const two = r.cells.find((x) => x.task === 'cpu' && x.mode === c.mode && x.workers === 2)!;
    return {
      ...c,
      samples: two.samples.map((s, i) => ({ ...s, totalMs: s.totalMs * k[i]!, workMs: s.workMs * k[i]! })),
    };
  });
  return { ...r, cells };
}

/** One quick Node run of a task module named "hash" alone. */
function moduleRun(): ResultFile {
  const r = makeResult({ runtime: 'node', label: 'module-box', tasks: ['module'], workers: [1, 2, 4] });
  return {
    ...r,
    config: {
      ...r.config,
      taskModule: { path: '/tmp/hash.mjs', name: 'hash', sha256: 'ab'.repeat(32), bound: 'cpu', checked: true },
    },
  };
}

describe('the verdict grid and the figures say what the runs support (Chromium)', () => {
  let browser: Browser;
  const servers: Listening[] = [];
  let busyUrl: string;
  let moduleUrl: string;
  let emptyUrl: string;
  let noisyUrl: string;

  beforeAll(async () => {
    const serve = async (runs: ResultFile[], opts?: { firstRun: string }) => {
      const s = await serveResults(runs, opts);
      servers.push(s);
      return s.url;
    };
    busyUrl = await serve(busyRuns());
    moduleUrl = await serve([moduleRun()]);
    noisyUrl = await serve([noisyRun()]);
    emptyUrl = await serve([], { firstRun: '`npx tvp run --task-module ./task.mjs --quick`' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
  });

  it('a speedup core calls noise has no dot of its mode and says so; a busy machine is said beside the grid', async () => {
    const { page, errors, close } = await openAt(browser, busyUrl, SIZES[0]);
    const cells = await page.$$eval('.verdicts td[data-task=cpu]', (tds) =>
      tds.map((td) => {
        // The headline is what comes before the cell's line break: textContent, unlike the
        // layout-dependent innerText, has no break to split at.
        const nodes = [...td.childNodes];
        const br = nodes.findIndex((n) => n.nodeName === 'BR');
        return {
          runtime: td.closest('tr')!.getAttribute('data-runtime'),
          caveat: td.getAttribute('data-caveat'),
          filled: getComputedStyle(td.querySelector('.dot')!).backgroundColor,
          headline: nodes
            .slice(0, br)
            .map((n) => n.textContent)
            .join(''),
          why: td.querySelector('.why')!.textContent,
        };
      }),
    );
    const node = cells.find((c) => c.runtime === 'node')!;
    expect(node.caveat).toBe('async-cpu-noise');
    // It leads with what the run shows, naming the two cells compared, then the figure and why:
    // its interval lies above 1, so a difference is shown, but no gain one thread could make.
    expect(node.headline).toMatch(
      /^no gain: event loop, \d in flight vs 1 \d\.\d+x \([\d.]+–[\d.]+x\) · one thread cannot speed up CPU work: other load or warm-up$/,
    );
    expect(node.filled).toBe('rgba(0, 0, 0, 0)');
    const bun = cells.find((c) => c.runtime === 'bun')!;
    expect(bun.caveat).toBe('over-ideal');
    expect(bun.headline).toMatch(
      /^(threads|processes) ×2 \d\.\d+x \([\d.]+–[\d.]+x\) · past the ideal 2\.0x: the runs at 1 were slowed$/,
    );
    expect(bun.filled).toBe('rgba(0, 0, 0, 0)');
    // A speedup the analysis trusts keeps its mode's dot and no caveat.
    const cpython = cells.find((c) => c.runtime === 'cpython')!;
    expect(cpython.caveat).toBeNull();
    expect(cpython.filled).not.toBe('rgba(0, 0, 0, 0)');
    // The busy line comes before the table, inside the grid's block, with the shares.
    const busy = await page.$eval('.verdicts', (v) => ({
      first: v.firstElementChild?.className,
      text: v.querySelector('.busy')?.textContent ?? '',
    }));
    expect(busy.first).toBe('busy');
    expect(busy.text).toContain('42% (Node)');
    expect(busy.text).toContain('42% (Bun)');
    expect(busy.text).not.toContain('CPython');
    expect(errors).toEqual([]);
    await close();
  });

  it('a speedup whose interval includes 1: the headline leads with "no difference shown", hollow dot', async () => {
    const { page, errors, close } = await openAt(browser, noisyUrl, SIZES[1]);
    const cpu = await page.$eval('.verdicts td[data-task=cpu]', (td) => {
      // The headline: what comes before the cell's line break.
      const nodes = [...td.childNodes];
      const br = nodes.findIndex((n) => n.nodeName === 'BR');
      return {
        caveat: td.getAttribute('data-caveat'),
        filled: getComputedStyle(td.querySelector('.dot')!).backgroundColor,
        headline: nodes
          .slice(0, br)
          .map((n) => n.textContent)
          .join(''),
        title: td.getAttribute('title'),
      };
    });
    expect(cpu.caveat).toBe('no-difference');
    expect(cpu.headline).toMatch(/^no difference shown: threads ×2 vs ×1 1\.25x \(0\.\d\d–1\.\d\dx\)$/);
    expect(cpu.filled).toBe('rgba(0, 0, 0, 0)');
    expect(cpu.title).toMatch(/^CPU: no difference shown between threads at 2 workers and at 1: 1\.25x \(95% interval/);
    // The io cell beside it shows a gain: it keeps its figure and its dot.
    const io = await page.$eval('.verdicts td[data-task=io]', (td) => td.getAttribute('data-caveat'));
    expect(io).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  it('a tie names the runner-up and the reason line does not repeat the headline', async () => {
    const { page, close } = await openAt(browser, busyUrl, SIZES[0]);
    const ties = await page.$$eval('.verdicts td[data-decided=false]', (tds) =>
      tds.map((td) => ({
        headline: td.querySelector('.choice')!.textContent,
        why: td.querySelector('.why')!.textContent!,
      })),
    );
    expect(ties.length).toBeGreaterThan(0);
    for (const t of ties) {
      expect(t.why).toMatch(
        /no difference shown from (threads|processes|event loop|sequential|\S+)( at \d+ (in flight|workers?))?/,
      );
      expect(t.why).not.toContain('the runner-up');
      // Neither the speedup nor the count of the headline again.
      expect(t.why).not.toMatch(/\d\.\d\dx/);
      expect(t.why).not.toMatch(/^[^;]*\d+ in flight, /);
    }
    await close();
  });

  it('reference tags sit right of the plot, clear of the bars; panel titles are whole', async () => {
    for (const size of SIZES) {
      const { page, close } = await openAt(browser, busyUrl, size);
      const panels = await page.$$eval('figure.article .panel', (ps) =>
        ps.map((p) => {
          const canvas = p.querySelector('canvas')!.getBoundingClientRect();
          const over = p.querySelector('.u-over')!.getBoundingClientRect();
          const title = p.querySelector<HTMLElement>('.panel-title')!;
          return {
            margin: canvas.right - over.right,
            titleWhole: title.scrollWidth <= title.clientWidth && title.scrollHeight <= title.clientHeight + 1,
            tooltip: title.getAttribute('title') === title.textContent,
          };
        }),
      );
      expect(panels.length).toBeGreaterThan(0);
      for (const p of panels) {
        // "sequential" at 11 px is about 55 px wide.
        expect(p.margin, `${size.name}: room right of the plot`).toBeGreaterThanOrEqual(45);
        expect(p.titleWhole, `${size.name}: title cut`).toBe(true);
        expect(p.tooltip).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await close();
    }
  });

  it("a PNG saved at a phone's width wraps its title, caption and panel titles and grows to hold them; the SVG wraps its caption", async () => {
    const { page, errors, close } = await openAt(browser, busyUrl, SIZES[1]);
    const fig = 'figure.article[data-task=io]';
    // On the page: the caption runs to several lines and the CPython panel's title to two.
    const onPage = await page.$eval(fig, (f) => ({
      grid: f.querySelector('.panel-grid')!.getBoundingClientRect().height,
      head:
        f.querySelector('figcaption')!.getBoundingClientRect().height +
        f.querySelector('.legend')!.getBoundingClientRect().height,
      wrapped: [...f.querySelectorAll('.panel-title')].filter((t) => t.getBoundingClientRect().height > 25).length,
    }));
    expect(onPage.wrapped).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.click(`${fig} button.save-png`);
    const file = await (await download).path();
    const png = await readFile(file);
    await screenshotPng(png, 'fig-phone-io.png');
    // Grown by what wrapped: at least the page's header and the panels, and a line of run ids.
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor(onPage.grid + onPage.head + 18));
    // Nothing reaches the image's right margin (12 px): a line cut at the edge, or drawn past it, would.
    const inkInMargin = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const bg = ctx.getImageData(0, 0, 1, 1).data;
      const dpr =
        img.width / (document.querySelector('figure.article .panel-grid')!.getBoundingClientRect().width + 24);
      const strip = ctx.getImageData(Math.ceil(img.width - 10 * dpr), 0, Math.floor(10 * dpr), img.height).data;
      let ink = 0;
      for (let i = 0; i < strip.length; i += 4)
        if (Math.abs(strip[i]! - bg[0]!) + Math.abs(strip[i + 1]! - bg[1]!) + Math.abs(strip[i + 2]! - bg[2]!) > 60)
          ink++;
      return ink;
    }, png.toString('base64'));
    expect(inkInMargin).toBe(0);
    // The SVG wraps its caption as well: several lines of text, none holding the whole caption.
    const caption = (await page.textContent(`${fig} .fig-caption`))!.trim();
    const svgDownload = page.waitForEvent('download');
    await page.click(`${fig} button.save-svg`);
    const svg = await readFile(await (await svgDownload).path(), 'utf8');
    expect(svg).not.toContain(`>${caption}<`);
    expect(svg).toContain(`>${caption.split(' ').slice(0, 3).join(' ')}`);
    expect(Number(svg.match(/ height="([\d.]+)"/)![1])).toBeGreaterThanOrEqual(onPage.grid + onPage.head);
    expect(errors).toEqual([]);
    await close();
  });

  it('a module run: named by its module, its one panel uses the row, the task choice lists what ran, "1 run"', async () => {
    const { page, close } = await openAt(browser, moduleUrl, SIZES[0]);
    expect(await page.$$eval('.verdicts thead th', (ths) => ths.map((t) => t.textContent))).toEqual(['use', 'hash']);
    expect(await page.$eval('figure.article .fig-title', (t) => t.textContent)).toBe(
      'hash: total time per worker count',
    );
    expect(await page.$$eval('#task option', (os) => os.map((o) => o.getAttribute('value')))).toEqual([
      'all',
      'module',
    ]);
    expect(await page.textContent('#status')).toMatch(/^1 run, 1 chart drawn/);
    const width = await page.$eval('figure.article canvas', (c) => c.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThanOrEqual(740);
    await close();
  });

  it('the empty page says the command of the tool that serves it', async () => {
    const ctx = await browser.newContext({ viewport: SIZES[1] });
    const page = await ctx.newPage();
    await page.goto(emptyUrl);
    await page.waitForSelector('#app p.empty');
    const text = await page.textContent('#app p.empty');
    expect(text).toContain('npx tvp run --task-module ./task.mjs --quick');
    expect(text).not.toContain('pnpm bench');
    expect(text).not.toContain('`');
    await ctx.close();
  });

  it("an exported page with no run says where it came from and the installed tool's commands, not the repository's", async () => {
    // The export refuses an empty folder; the page must still read right for whoever opens such a file.
    const dir = await tempDir();
    const store = new ResultStore(dir, () => undefined, { watch: false, persist: false });
    const file = path.join(await tempDir(), 'empty.html');
    await writeFile(file, exportedPage(await loadAssets(), await inlineJson(store)));
    store.close();
    const ctx = await browser.newContext({ viewport: SIZES[1] });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#app p.empty');
    const text = await page.textContent('#app p.empty');
    expect(text).toMatch(/exported from a results folder that held no readable run/);
    expect(text).toContain('npx tvp run --quick');
    expect(text).toContain('npx tvp report --export report.html');
    expect(text).not.toContain('pnpm');
    await ctx.close();
  });
});
