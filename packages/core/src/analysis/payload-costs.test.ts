import { describe, expect, test } from 'vitest';
import { analyze } from './analyzed-run.ts';
import { linesOf } from './lines.ts';
import { breakEvenLine, breakEvens, payloadSeries } from './payload-costs.ts';
import { payloadRun as run } from './payload-run.fixture.ts';

describe('payload costs', () => {
  test('the fit recovers fixed + per KB less twice the main thread, and the cheapest way is the statement', () => {
    const s = payloadSeries(run(50, 0.002));
    const transfer = s.find((x) => x.way === 'transfer');
    expect(transfer?.points.map((p) => p.bytes)).toEqual([1024, 65536, 1048576]);
    expect(transfer?.perKbUs?.value).toBeCloseTo(0.002 * 1024, 1);
    expect(transfer?.perKbUs?.lo).toBeLessThan(0.002 * 1024);
    expect(transfer?.perKbUs?.hi).toBeGreaterThan(0.002 * 1024);
    const [b] = breakEvens(s);
    expect(b?.way).toBe('transfer');
    expect(breakEvenLine(b as NonNullable<typeof b>)).toMatch(
      /^a task must do at least 2\.\d+ µs \(95% .*\) of work per KB it carries, plus .* per task, to gain on a thread here \(worker_threads transfer, its cheapest way\)$/,
    );
  });

  test('a per-KB interval that reaches zero is said as no measurable cost, not as a negative bound', () => {
    const [b] = breakEvens(payloadSeries(run(50, 0)));
    expect(breakEvenLine(b as NonNullable<typeof b>)).toMatch(
      /^moving bytes to a thread here cost no measurable time per KB \(worker_threads transfer, its cheapest way: /,
    );
  });

  test("each point carries its median's interval over the runs: [min, max] of 3 runs, with the coverage it has", () => {
    const transfer = payloadSeries(run(50, 0.002)).find((x) => x.way === 'transfer');
    for (const p of transfer?.points ?? []) {
      expect(p.lo).toBeLessThan(p.costUs);
      expect(p.hi).toBeGreaterThan(p.costUs);
      expect(p.hi / p.lo).toBeCloseTo(1.01 / 0.99, 6);
      expect(p.coverage).toBeCloseTo(0.75, 6); // 1 - 2/2^3
      expect(p.runs).toBe(3);
    }
  });

  test('a per-KB cost wholly below zero says what that means (less than the two checksums the model takes off)', () => {
    const r = run(50, 0);
    // The worker's round trips cost less per byte than twice the main thread's checksum.
    for (const c of r.cells)
      if (c.mode === 'sequential') c.samples = c.samples.map((x) => ({ ...x, workMs: x.workMs * 3 }));
    const [b] = breakEvens(payloadSeries(r));
    expect(b?.perKbUs.hi).toBeLessThan(0);
    expect(breakEvenLine(b as NonNullable<typeof b>)).toMatch(
      /per KB, below zero: a task there cost less than twice the main thread's checksum of its bytes\); a task gains there once/,
    );
  });

  test('payload cells make no lines by worker count (their cells differ by way and size)', () => {
    expect(linesOf(analyze(run(50, 0.002)), 'payload')).toEqual([]);
  });
});
