/**
 * A small seeded PRNG (mulberry32): the same seed always yields the same sequence. The sample dataset's
 * generator, the topic learner's shuffles, the fuzzers and the benchmarks draw from it so their runs repeat.
 */

/** Floats in [0, 1), a deterministic sequence for `seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
