/** A seeded uniform generator on [0, 1) (mulberry32), so that noisy test data are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws from a seeded uniform generator (Box-Muller). */
export function gaussian(seed: number): () => number {
  const u = seeded(seed);
  return () => {
    const a = 1 - u(); // in (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
  };
}
