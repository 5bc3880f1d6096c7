/**
 * mulberry32: a seeded uniform generator on [0, 1), small and fast, with the same sequence on every
 * runtime for a seed: resampling, synthetic runs and fuzz cases repeat exactly.
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
