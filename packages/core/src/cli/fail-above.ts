import { UsageError } from '../errors.ts';

/** The largest threshold accepted: a cell ten times slower is past any threshold worth setting. */
export const MAX_FAIL_ABOVE_PCT = 1000;

/**
 * `--fail-above PCT` as a fraction: `5` and `5%` both mean 5% (the GitHub benchmark action writes
 * its `alert-threshold` with the sign). A number from 0 to 1000 with at most one trailing `%`;
 * anything else is a UsageError that names the value and what is accepted.
 */
export function parseFailAbove(raw: string): number {
  const what = `--fail-above: '${raw}'`;
  const accepted = `a percentage from 0 to ${MAX_FAIL_ABOVE_PCT}, as 5 or 5%`;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(raw.trim());
  if (m === null) {
    if (/^\s*-/.test(raw)) throw new UsageError(`${what} is negative; give ${accepted}`);
    if (/%%+\s*$/.test(raw)) throw new UsageError(`${what} has more than one % sign; give ${accepted}`);
    throw new UsageError(`${what} is not a percentage; give ${accepted}`);
  }
  const pct = Number(m[1]);
  if (!(pct <= MAX_FAIL_ABOVE_PCT)) throw new UsageError(`${what} is above ${MAX_FAIL_ABOVE_PCT}%; give ${accepted}`);
  return pct / 100;
}
