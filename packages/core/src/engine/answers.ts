import { isDeepStrictEqual } from 'node:util';

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
