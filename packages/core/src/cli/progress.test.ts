import { expect, test } from 'vitest';
import type { SweepProgress } from '../engine/sweep.ts';
import { formatDuration, ProgressPrinter, progressLine } from './progress.ts';

const at = (cellIndex: number, run: number, etaMs?: number): SweepProgress => ({
  cellIndex,
  cellCount: 12,
  cell: { task: 'cpu', mode: 'processes', impl: 'child_process', workers: 4 },
  run,
  runs: 6,
  etaMs,
});

test('the line names the cell, its place in the sweep and the time left', () => {
  expect(progressLine(at(2, 1, 95_000))).toBe('[3/12] cpu processes/child_process x4  run 2/6  ~1m35s left');
  expect(progressLine(at(0, 0))).toBe('[1/12] cpu processes/child_process x4  run 1/6');
  const warm = at(0, 0);
  expect(progressLine({ ...warm, cell: { ...warm.cell, warm: true } })).toBe(
    '[1/12] cpu processes/child_process x4 warm  run 1/6',
  );
  expect(formatDuration(4200)).toBe('4.2s');
  expect(formatDuration(42_000)).toBe('42s');
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
  expect(pipe).toEqual([`${progressLine(at(0, 0))}\n`, `${progressLine(at(1, 0))}\n`]);
});
