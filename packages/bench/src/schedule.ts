/** One runner invocation of a bench: which round, and its place in that round. */
export interface Slot<T> {
  /** 1-based round. */
  round: number;
  rounds: number;
  /** 1-based place within the round. */
  place: number;
  /** Runners per round. */
  of: number;
  runner: T;
}

/** `items` rotated left by `by`: rotate([A, B, C], 1) is [B, C, A]. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * Every invocation of a bench, in the order they run: round r runs the runners rotated by r - 1
 * (AB, BA, AB; ABC, BCA, CAB), so that over the rounds each runtime runs in each place and a drift
 * of the machine over time is not credited to whichever runtime always ran last.
 */
export function schedule<T>(runners: readonly T[], rounds: number): Slot<T>[] {
  const slots: Slot<T>[] = [];
  for (let round = 1; round <= rounds; round++) {
    rotate(runners, round - 1).forEach((runner, i) => {
      slots.push({ round, rounds, place: i + 1, of: runners.length, runner });
    });
  }
  return slots;
}
