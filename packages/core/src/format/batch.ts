import type { Batch } from './types.ts';

/** The variables `pnpm bench` sets on each runner invocation, one per field of `Batch`. */
export const BATCH_VARS = { id: 'TVP_BATCH_ID', round: 'TVP_ROUND', rounds: 'TVP_ROUNDS' } as const;

/** Most rounds one bench may run: 100 rounds of the default sweep already take days. */
export const MAX_ROUNDS = 100;

/** A batch id: 1 to 64 characters that are safe in a file, a URL and a log line (a UUID fits). */
const BATCH_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** What is wrong with a batch: the field and why; undefined when it is valid. */
export function batchProblem(b: Batch): { field: keyof Batch; detail: string } | undefined {
  if (!BATCH_ID.test(b.id)) return { field: 'id', detail: 'expected 1 to 64 of A-Z a-z 0-9 . _ : -' };
  if (!Number.isInteger(b.rounds) || b.rounds < 1 || b.rounds > MAX_ROUNDS)
    return { field: 'rounds', detail: `expected a whole number from 1 to ${MAX_ROUNDS}, got ${b.rounds}` };
  if (!Number.isInteger(b.round) || b.round < 1 || b.round > b.rounds)
    return { field: 'round', detail: `expected a whole number from 1 to rounds (${b.rounds}), got ${b.round}` };
  return undefined;
}

/**
 * The batch a runner was started in, from `BATCH_VARS`. None set: no batch. Any of them missing
 * or malformed: no batch and a warning naming the variable; a runner must never fail over them.
 */
export function batchFromEnv(env: Readonly<Record<string, string | undefined>>): { batch?: Batch; warning?: string } {
  const raw = { id: env[BATCH_VARS.id], round: env[BATCH_VARS.round], rounds: env[BATCH_VARS.rounds] };
  if (raw.id === undefined && raw.round === undefined && raw.rounds === undefined) return {};
  const ignored = (name: string, why: string) => ({
    warning: `warning: ignoring ${name} (${why}): this run is recorded without a batch`,
  });
  for (const key of ['id', 'round', 'rounds'] as const) {
    if (raw[key] === undefined) return ignored(BATCH_VARS[key], 'not set, while the other batch variables are');
  }
  // Digits only: Number() would also take '', ' 2', '0x2' and '2e0'.
  const whole = (s: string) => (/^[0-9]{1,3}$/.test(s) ? Number(s) : Number.NaN);
  const batch: Batch = { id: raw.id as string, round: whole(raw.round as string), rounds: whole(raw.rounds as string) };
  const problem = batchProblem(batch);
  if (problem) {
    const value = JSON.stringify(raw[problem.field]).slice(0, 80);
    return ignored(`${BATCH_VARS[problem.field]}=${value}`, problem.detail.replace(/, got .*$/, ''));
  }
  return { batch };
}
