import type { Dense } from './dense';
import { createRng, type Rng } from './prng';
import { allocFloat, type DType, type FloatArray } from './types';

/** Streams of one seed, so matrix and vector never share random numbers. */
const STREAM = { matrix: 0, vector: 1 } as const;

/** A nonzero value, uniform in [-1, 1) but never exactly 0 (nnz stays exact). */
function nonzeroValue(rng: Rng): number {
  return rng.next() * 2 - 1 || 1;
}

/** How many entries of a rows × cols matrix stay nonzero at this sparsity. */
export function targetNnz(rows: number, cols: number, sparsity: number): number {
  return Math.round(rows * cols * (1 - sparsity));
}

export interface UnstructuredSpec {
  rows: number;
  cols: number;
  /** Fraction of entries that are zero, in [0, 1]. */
  sparsity: number;
  dtype: DType;
  seed: number;
}

/**
 * A dense matrix with exactly `targetNnz` nonzeros placed uniformly at random
 * (unstructured sparsity). Selection sampling (Knuth's Algorithm S) visits each
 * cell once and keeps it with probability needed / remaining, which is exact,
 * uniform, and needs no extra memory.
 */
export function randomUnstructured(spec: UnstructuredSpec): Dense {
  const { rows, cols, sparsity, dtype, seed } = spec;
  const rng = createRng(seed, STREAM.matrix);
  const data = allocFloat(dtype, rows * cols);
  const total = rows * cols;
  let needed = targetNnz(rows, cols, sparsity);
  for (let k = 0; k < total && needed > 0; k++) {
    if (rng.next() * (total - k) < needed) {
      data[k] = nonzeroValue(rng);
      needed--;
    }
  }
  return { rows, cols, dtype, data };
}

/** A dense vector of nonzero values, reproducible from its seed. */
export function randomVector(length: number, dtype: DType, seed: number): FloatArray {
  const rng = createRng(seed, STREAM.vector);
  const v = allocFloat(dtype, length);
  for (let i = 0; i < length; i++) v[i] = nonzeroValue(rng);
  return v;
}
