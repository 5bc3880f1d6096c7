import { expect, test } from 'vitest';
import { inMemory } from '../engine/in-memory.fixture.ts';
import type { SweepProgress } from '../engine/sweep.ts';
import { runSweep } from '../engine/sweep.ts';
import type { RunConfig } from '../format/types.ts';
import { preset } from './presets.ts';
import { cellLine, formatDuration, ProgressPrinter, progressLine } from './progress.ts';

const at = (cellIndex: number, run: number, etaMs?: number): SweepProgress => ({
  cellIndex,
  cellCount: 12,
  cell: { task: 'cpu', mode: 'processes', impl: 'child_process', workers: 4 },
  run,
  runs: 6,
  warmup: 1,
  etaMs,
});

test('the line names the cell, its place in the sweep, warm-up and measured runs apart, and the time left', () => {
  expect(progressLine(at(2, 0, 95_000))).toBe('[3/12] cpu processes/child_process x4  warm-up 1/1  ~1m35s left');
  expect(progressLine(at(2, 1, 95_000))).toBe('[3/12] cpu processes/child_process x4  run 1/5  ~1m35s left');
  expect(progressLine(at(0, 5))).toBe('[1/12] cpu processes/child_process x4  run 5/5');
  expect(progressLine({ ...at(0, 0), warmup: 0 })).toBe('[1/12] cpu processes/child_process x4  run 1/6');
  const warm = at(0, 0);
  expect(progressLine({ ...warm, cell: { ...warm.cell, warm: true } })).toBe(
    '[1/12] cpu processes/child_process x4 warm  warm-up 1/1',
  );
  expect(cellLine(at(0, 0, 4200))).toBe('[1/12] cpu processes/child_process x4  1 warm-up + 5 runs  ~4.2s left');
  expect(cellLine({ ...at(0, 0), runs: 1, warmup: 0 })).toBe('[1/12] cpu processes/child_process x4  1 run');
  expect(formatDuration(4200)).toBe('4.2s');
  expect(formatDuration(42_000)).toBe('42s');
});

test('--quick: the progress counts the runs the sweep keeps, as the summary does (3 runs, not 4)', async () => {
  const config: RunConfig = {
    ...preset('quick'),
    impls: ['in-memory'],
    workerEnv: 'inherit',
    preset: 'quick',
    tasks: ['io'],
    modes: ['threads', 'sequential'],
    workers: [1, 2],
    count: 4,
    ioMs: 1,
    pools: ['cold', 'warm'],
  };
  const lines = new Map<number, string[]>();
  const r = await runSweep({
    config,
    transports: [inMemory()],
    onProgress: (p) => lines.set(p.cellIndex, [...(lines.get(p.cellIndex) ?? []), progressLine(p)]),
  });
  expect(r.cells.length).toBeGreaterThan(0);
  for (const [i, cell] of r.cells.entries()) {
    const seen = lines.get(i) ?? [];
    const measured = seen.filter((l) => / run \d+\/\d+/.test(l));
    // Every measured run is a sample of the file, and the last line counts them all.
    expect(measured).toHaveLength(cell.samples.length);
    expect(measured.at(-1)).toContain(`run ${cell.samples.length}/${cell.samples.length}`);
    expect(cell.samples).toHaveLength(3);
    expect(seen.filter((l) => l.includes('warm-up'))).toHaveLength(1);
  }
});

test('on a terminal one line is rewritten in place; on a pipe, one plain line per cell', () => {
  const tty: string[] = [];
  const p = new ProgressPrinter({ write: (s: string) => tty.push(s), isTTY: true });
  p.update(at(0, 0));
  p.update(at(0, 1));
  p.clear();
  expect(tty.every((s) => s.startsWith('\r\x1b[K'))).toBe(true);
  expect(tty).toHaveLength(3);

  const pipe: string[] = [];
  const q = new ProgressPrinter({ write: (s: string) => pipe.push(s), isTTY: false });
  q.update(at(0, 0));
  q.update(at(0, 1));
  q.update(at(1, 0));
  q.clear();
  expect(pipe).toEqual([`${cellLine(at(0, 0))}\n`, `${cellLine(at(1, 0))}\n`]);
});
