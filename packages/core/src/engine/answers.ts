import { isDeepStrictEqual } from 'node:util';
import type { TaskKind, TaskParams } from '../format/types.ts';
import { cpuWork, YIELD_EVERY_MS, yieldToLoop } from './tasks.ts';

/**
 * A module's expected answer: its function's result on the main thread, and that result as it
 * arrives after a trip through JSON (what a process worker's IPC channel delivers), or `NO_JSON`
 * when it has no JSON form. `checked` false: the function's result varies, nothing is compared.
 */
export interface ExpectedValue {
  readonly kind: 'value';
  readonly value: unknown;
  readonly viaJson: unknown;
  readonly checked: boolean;
  /**
   * Why the value cannot cross to the hub from a worker (structuredClone refused it on the main
   * thread): every worker cell fails with this reason, whatever its channel delivered.
   */
  readonly sendError?: string;
}

/** What a task must answer: a number for the built-in tasks, compared with `===`. */
export type Answer = number | ExpectedValue;

const NO_JSON = Symbol('no JSON form');

/** The JSON round trip of `value`, or `NO_JSON` when JSON.stringify throws or gives nothing. */
export function viaJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? NO_JSON : JSON.parse(text);
  } catch {
    return NO_JSON;
  }
}

/** An expected module answer (worked out once, off the clock). */
export const expectedValue = (value: unknown, checked: boolean, sendError?: string): ExpectedValue => ({
  kind: 'value',
  value,
  viaJson: checked ? viaJson(value) : NO_JSON,
  checked,
  ...(sendError !== undefined ? { sendError } : {}),
});

/**
 * Whether `got` is the answer: `===` for numbers; for a module, structured equality (node:util
 * isDeepStrictEqual) with the main thread's result, or with its JSON round trip, since process
 * workers send their answers as JSON. Always true when the module could not be checked.
 */
export function answerMatches(got: unknown, want: Answer): boolean {
  if (typeof want === 'number') return got === want;
  if (!want.checked) return true;
  return isDeepStrictEqual(got, want.value) || (want.viaJson !== NO_JSON && isDeepStrictEqual(got, want.viaJson));
}

/**
 * Answers whose check is left until the timed phase has ended: a module's result is compared by
 * deep equality, whose cost (proportional to the result) is the harness's, not the task's. Numbers
 * (the built-in tasks) are checked at once with `===`, which costs nothing.
 */
export class DeferredChecks {
  readonly #pending: { id: number; value: unknown; want: Answer }[] = [];
  /** True when `value` passes now; a module's answer is kept for `verify` and passes for the moment. */
  check(id: number, value: unknown, want: Answer): boolean {
    if (typeof want === 'number') return value === want;
    this.#pending.push({ id, value, want });
    return true;
  }
  /** The first kept answer that does not match, as an error message; undefined when all do. */
  verify(): string | undefined {
    const bad = this.#pending.find((p) => !answerMatches(p.value, p.want));
    return bad && `task ${bad.id} answered ${showAnswer(bad.value)}, expected ${showAnswer(bad.want)}`;
  }
}

/** An answer (given or expected) in an error message: short, whatever its type. */
export function showAnswer(x: unknown): string {
  const v =
    typeof x === 'object' && x !== null && (x as Partial<ExpectedValue>).kind === 'value'
      ? (x as ExpectedValue).value
      : x;
  let text: string;
  try {
    text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    text = String(v);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The answer task `id` of a run must give: a number for the built-in tasks, see answers.ts. */
export type Answers = (id: number) => Answer;

/**
 * Every answer a run of `count` tasks must give, computed once per sweep and off the clock: cpu
 * answers are worked out here (yielding to the event loop so that a signal still stops it, and
 * returning undefined when `signal` aborts); io and noop answer their own id, fs and net their id
 * plus the bytes read. A module's answer is its function's, worked out when it is loaded
 * (task-module.ts): pass it as `moduleAnswer`.
 */
export async function expectedAnswers(
  kind: TaskKind,
  params: TaskParams,
  count: number,
  signal?: AbortSignal,
  moduleAnswer: Answer = expectedValue(undefined, false),
): Promise<Answers | undefined> {
  if (kind === 'module') return () => moduleAnswer;
  if (kind === 'fs') return (id) => id + (params.fsBytes ?? 0);
  if (kind === 'net') return (id) => id + (params.netBytes ?? 0);
  if (kind !== 'cpu') return (id) => id;
  const answers = new Uint32Array(count);
  let lastYield = performance.now();
  for (let id = 0; id < count; id++) {
    answers[id] = cpuWork(params.cpuIters, id);
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToLoop();
      lastYield = performance.now();
      if (signal?.aborted) return undefined;
    }
  }
  return (id) => (id >= 0 && id < count ? (answers[id] as number) : Number.NaN);
}
