import { describe, expect, test } from 'vitest';
import { nextSteps, outOf } from '../src/run-all.ts';

describe("tvp run's closing line", () => {
  test('the default folder needs no flag', () => {
    expect(nextSteps('tvp-results')).toBe(
      'next: npx tvp report (the charts, in a browser) · npx tvp summary (the recommendation as Markdown)',
    );
  });

  test('another folder is named to both commands, quoted when the shell needs it', () => {
    expect(nextSteps('bench/out')).toBe(
      'next: npx tvp report --results bench/out (the charts, in a browser) · npx tvp summary bench/out (the recommendation as Markdown)',
    );
    expect(nextSteps('my runs')).toContain("npx tvp report --results 'my runs' ");
  });

  test('--runtime a,b finds the folder in the command line, as the user wrote it', () => {
    expect(outOf(['--quick'])).toBe('tvp-results');
    expect(outOf(['--out', 'x', '--quick'])).toBe('x');
    expect(outOf(['--out=y'])).toBe('y');
    expect(outOf(['--', '--out', 'z'])).toBe('tvp-results');
  });
});
