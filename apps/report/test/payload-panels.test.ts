import { decodeResult, encodeResult } from '@tvp/core';
import { breakEvenLine, breakEvens, payloadSeries } from '@tvp/core/analysis';
import { describe, expect, it } from 'vitest';
import { makeResult } from '../src/bench/synthetic.ts';
import { makePayloadResult } from '../src/bench/synthetic-payload.ts';
import {
  breakEvenNotes,
  costLabel,
  fitRows,
  numberRows,
  payloadPanels,
  sizeLabel,
  skippedLines,
  WORK_ALONE,
} from '../src/client/payload-panels.ts';
import { sweepOf } from '../src/view.ts';

const runs = () =>
  (['node', 'bun', 'deno'] as const).map((runtime, i) => ({
    result: decodeResult(encodeResult(makePayloadResult({ runtime, seed: 40 + i })), `${runtime}.msgpack`),
  }));

describe('the payload figure’s data', () => {
  it('a panel per runtime and transport, a series per way in the mode’s order, the work alone as a reference', () => {
    const fig = payloadPanels(runs(), 'threads');
    expect(fig.xs).toEqual([1024, 65536, 1048576, 16777216]);
    expect(fig.panels.map((p) => `${p.panel.of} ${p.impl}`)).toEqual([
      'node worker_threads',
      'bun web-worker',
      'bun worker_threads',
      'deno web-worker',
    ]);
    for (const p of fig.panels) {
      expect(p.panel.series.map((s) => s.key)).toEqual([
        'clone-object',
        'clone-buffer',
        'transfer',
        'shared',
        'sequential',
      ]);
      expect(p.panel.series.length).toBeLessThanOrEqual(6);
      expect(p.panel.series.at(-1)?.label).toBe(WORK_ALONE);
      // Each way's dash differs from the others in the panel: a second cue beside the colour.
      const dashes = p.panel.series.slice(0, 4).map((s) => JSON.stringify(s.dash ?? null));
      expect(new Set(dashes).size).toBe(4);
      for (const s of p.panel.series.slice(0, 4)) {
        // Medians inside their whiskers, costs growing with the size.
        s.values.forEach((v, i) => {
          expect(v).not.toBeNull();
          expect(s.whiskers!.lo[i]!).toBeLessThanOrEqual(v!);
          expect(s.whiskers!.hi[i]!).toBeGreaterThanOrEqual(v!);
        });
        expect(s.values[3]!).toBeGreaterThan(s.values[0]!);
      }
    }
    const proc = payloadPanels(runs(), 'processes');
    expect(proc.panels.map((p) => `${p.panel.of} ${p.impl} ${p.panel.series.map((s) => s.key).join(',')}`)).toEqual([
      'node child_process json,advanced,advanced-buffer,sequential',
      'bun child_process json,advanced,advanced-buffer,sequential',
      'bun bun-spawn json,advanced,advanced-buffer,sequential',
      'deno deno-command json,frames,sequential',
    ]);
  });

  it('the statement under the figure is core’s, per runtime, on the cheapest way', () => {
    const rs = runs();
    const notes = breakEvenNotes(rs, 'threads');
    expect(notes.map((n) => n.runtime)).toEqual(['node', 'bun', 'deno']);
    const node = breakEvens(payloadSeries(rs[0]!.result)).find((b) => b.mode === 'threads')!;
    expect(node.way).toBe('transfer');
    expect(notes[0]!.text).toBe(`Node: ${breakEvenLine(node)}`);
    expect(breakEvenNotes(rs, 'processes')[0]!.text).toMatch(
      /^Node: a task must do at least .* to gain on a process here \(child_process advanced-buffer/,
    );
    // A run without main-thread cells says why it has no statement.
    const r = rs[0]!.result;
    const noMain = { result: { ...r, cells: r.cells.filter((c) => c.mode !== 'sequential') } };
    expect(breakEvenNotes([noMain], 'threads')[0]!.text).toMatch(/no main-thread cells/);
    // A run with no payload cells has no line at all.
    expect(breakEvenNotes([{ result: makeResult({ runtime: 'node' }) }], 'threads')).toEqual([]);
  });

  it('skipped ways one line each, fits and numbers in words', () => {
    const rs = runs();
    expect(skippedLines(rs, 'threads')).toEqual([]);
    expect(skippedLines(rs, 'processes')).toEqual([
      'Node child_process: frames skipped: child_process has no frames here',
      'Bun child_process: frames skipped: child_process has no frames here',
      'Bun bun-spawn: frames skipped: bun-spawn has no frames here',
      'Deno deno-command: advanced skipped: deno-command has no advanced here',
      'Deno deno-command: advanced-buffer skipped: deno-command has no advanced-buffer here',
    ]);
    const fig = payloadPanels(rs, 'threads');
    const fits = fitRows(fig);
    expect(fits).toHaveLength(16);
    expect(fits[0]).toEqual([
      'Node worker_threads',
      'clone-object',
      expect.stringMatching(/µs \(95% /),
      expect.stringMatching(/µs \(95% /),
    ]);
    const { head, rows } = numberRows(fig);
    expect(head).toHaveLength(17);
    expect(rows.map((r) => r[0])).toEqual(['1 KiB', '64 KiB', '1 MiB', '16 MiB']);
    expect(rows[0]![1]).toMatch(/^[\d.]+ µs \([\d.]+ µs–[\d.]+ µs, n=5\)$/);
  });

  it('labels: sizes and costs as a reader says them', () => {
    expect([1024, 65536, 1536 * 1024, 16777216, 100].map(sizeLabel)).toEqual([
      '1 KiB',
      '64 KiB',
      '1.5 MiB',
      '16 MiB',
      '100 B',
    ]);
    expect([1, 2.5, 20, 100, 1000, 1500, 2_000_000].map(costLabel)).toEqual([
      '1 µs',
      '2.50 µs',
      '20 µs',
      '100 µs',
      '1 ms',
      '1.50 ms',
      '2 s',
    ]);
  });

  it('a payload-only run is its own sweep; a run that also measured io stays on the article’s', () => {
    expect(sweepOf(makePayloadResult({ runtime: 'node' }))).toBe('payload');
    const mixed = makeResult({ runtime: 'node' });
    mixed.config.tasks = ['io', 'payload'];
    expect(sweepOf(mixed)).toBe('standard');
  });
});
