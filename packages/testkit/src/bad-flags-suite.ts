import { existsSync } from 'node:fs';
import path from 'node:path';
import { BAD_FLAGS, type BadFlags } from '@tvp/core';
import { describe, expect, test } from 'vitest';

/** Start this runner with `args` and wait for it to end. */
export type StartRunner = (args: string[]) => { code: number | null; stderr: string };

/**
 * Core's table of bad flags, plus `own` (the runner's `--impl` case), against a runner's command
 * line: exit 2, the message naming the flag, a pointer to --help rather than the whole usage, and no
 * results folder made.
 */
export function badFlagsSuite(start: StartRunner, tmp: () => string, own: readonly BadFlags[] = []): void {
  describe('bad flags: exit 2, a message naming the flag, nothing written', () => {
    test.each([...BAD_FLAGS, ...own].map((b) => [b.args, b.message] as const))('%j', (args, message) => {
      const out = path.join(tmp(), 'results');
      const r = start([...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('(--help lists every flag and its default)');
      expect(r.stderr).not.toMatch(/Usage:/);
      expect(existsSync(out)).toBe(false);
    });
  });
}
