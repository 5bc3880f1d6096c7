import { expect } from 'vitest';
import type { PageShape } from '../src/bench/page-metrics.ts';

/**
 * Every chart's series: at most 6, no look twice, and each colour key one colour page-wide. A look
 * is a colour and its fill: a hollow bar (a warm pool) beside a solid one of the same colour (its
 * cold pool) is the one second cue the page uses for one colour twice in a chart.
 */
export function checkColours(shape: PageShape, seen: Map<string, string>): void {
  const hollow = (s: { fill?: string }) => (s.fill === 'hollow' ? '/hollow' : '');
  for (const c of shape.charts) {
    expect(c.series.length, `${c.title}: series`).toBeLessThanOrEqual(6);
    expect(c.series.length, `${c.title}: series`).toBeGreaterThan(0);
    const colours = c.series.map((s) => `${s.color.toLowerCase()}${hollow(s)}`);
    expect(new Set(colours).size, `${c.title}: a colour repeated in ${colours.join(' ')}`).toBe(colours.length);
    for (const s of c.series) {
      const key = `${s.key ?? s.label}${hollow(s)}`;
      const before = seen.get(key);
      const look = `${s.color.toLowerCase()}${hollow(s)}`;
      if (before) expect(look, `${key} on ${c.title}`).toBe(before);
      else seen.set(key, look);
    }
  }
  // Two keys never share a colour either: a colour means one thing on the page.
  const byColour = new Map<string, string>();
  for (const [key, colour] of seen) {
    expect(byColour.get(colour), `${key} and ${byColour.get(colour)} share ${colour}`).toBeUndefined();
    byColour.set(colour, key);
  }
}
