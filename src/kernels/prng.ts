/**
 * A seeded pseudo-random generator (sfc32 seeded through splitmix32).
 *
 * Pure 32-bit integer arithmetic (`Math.imul`, `>>>`), so the same seed yields
 * the same stream in every browser and in Node: a shared link or a classroom
 * assignment reproduces the same matrices everywhere.
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of randomness. */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in [0, bound), bound <= 2^32. */
  nextInt(bound: number): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator for `seed`; `stream` picks an independent sequence for the same seed. */
export function createRng(seed: number, stream = 0): Rng {
  const mix = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32(); // discard the warm-up of a fresh state
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    nextInt: (bound) => Math.floor((nextUint32() / 4294967296) * bound),
  };
}
