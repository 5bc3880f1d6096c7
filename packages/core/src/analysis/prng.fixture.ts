import { seeded } from './prng.ts';

export { seeded };

/** Standard normal draws from a seeded uniform generator (Box-Muller). */
export function gaussian(seed: number): () => number {
  const u = seeded(seed);
  return () => {
    const a = 1 - u(); // in (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
  };
}
