/** Shared fast-check inputs for the kernel tests: seeded matrices of every structure and awkward shape. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { verifyProduct } from '../../../src/bench/verify';
import type { Dense } from '../../../src/kernels/dense';
import { generate, STRUCTURES, type Structure } from '../../../src/kernels/generate';
import type { ReferenceProduct } from '../../../src/kernels/reference';
import type { DType, FloatArray } from '../../../src/kernels/types';

/** One seed for every property in this folder; override with FC_SEED=… to explore. */
export const FC_OPTIONS = { seed: Number(process.env['FC_SEED'] ?? 20261128), numRuns: 80 };

export interface Problem {
  rows: number;
  cols: number;
  sparsity: number;
  dtype: DType;
  seed: number;
  structure: Structure;
  blockSize: number;
  batch: number;
}

/** Tiny and odd sizes, empty rows, all-zero (sparsity 1) and fully dense (sparsity 0) matrices. */
export const arbProblem: fc.Arbitrary<Problem> = fc.record({
  rows: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 41 })),
  cols: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 41 })),
  sparsity: fc.oneof(
    fc.constantFrom(0, 1, 0.5, 0.9, 0.99),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ),
  dtype: fc.constantFrom<DType>('f64', 'f32'),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  structure: fc.constantFrom<Structure>(...STRUCTURES),
  blockSize: fc.constantFrom(2, 4, 8, 16),
  batch: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 37 })),
});

export function matrixFor(p: Problem): Dense {
  return generate({ ...p, blockSize: p.blockSize }).dense;
}

/** Checks a product against its reference with the verification bound of src/bench/verify.ts. */
export function expectVerified(
  y: FloatArray,
  ref: ReferenceProduct,
  terms: Int32Array,
  batch: number,
  dtype: DType,
): void {
  const v = verifyProduct(y, ref, (idx) => terms[Math.floor(idx / batch)]!, dtype);
  expect(v.ok, `worst |y − ref| / bound = ${v.worstRatio} at element ${v.worstIndex}`).toBe(true);
}
