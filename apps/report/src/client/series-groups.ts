import { colorKey } from './palette.ts';

/** Most lines of a chart before its references (the ideal): 5, so a chart never passes 6 series. */
export const MAX_LINES = 5;

/**
 * Split lines into charts where no colour repeats and none holds more than `max`: each line goes
 * to the first chart without its colour and with room, in order (a second impl of a mode, or a
 * library's process pool beside its thread pool, lands on the next chart).
 */
export function colourGroups<T>(items: T[], of: (t: T) => { mode: string; impl: string }, max = MAX_LINES): T[][] {
  const groups: { keys: Set<string>; items: T[] }[] = [];
  for (const item of items) {
    const { mode, impl } = of(item);
    const key = colorKey(mode, impl);
    let g = groups.find((x) => !x.keys.has(key) && x.items.length < max);
    if (!g) {
      g = { keys: new Set(), items: [] };
      groups.push(g);
    }
    g.keys.add(key);
    g.items.push(item);
  }
  return groups.map((g) => g.items);
}

/** The title of the i-th of n charts split from one: ", part 2 of 3" past the first. */
export const partOf = (i: number, n: number): string => (n > 1 ? `, part ${i + 1} of ${n}` : '');
