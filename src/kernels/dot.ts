import type { FloatArray } from './types';

/**
 * The dot product at the rungs of the interpreter ladder (the interpreted
 * rung lives in interpreter.ts, the WebAssembly SIMD rung in wasm.ts):
 *
 *   dotPlainArray   number[]: elements may be anything, the JIT must check
 *   dotTyped        Float64Array: one element type, contiguous, unboxed
 *   dotTuned        typed array + four accumulators: additions overlap
 *
 * The matrix-vector ladder reuses gemvNaive and gemvTuned (dense.ts) for the
 * typed rungs; its plain-array rung is gemvPlainArray below.
 */

export function dotPlainArray(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function dotTyped(a: FloatArray, b: FloatArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function dotTuned(a: FloatArray, b: FloatArray): number {
  const n = a.length;
  const n4 = n & ~3;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n4; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (let i = n4; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}

/** y = A x over generic arrays (A row-major, rows × cols): the plain-array rung of the matrix-vector ladder. */
export function gemvPlainArray(
  a: readonly number[],
  rows: number,
  cols: number,
  x: readonly number[],
  y: number[],
): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += a[i * cols + j]! * x[j]!;
    y[i] = s;
  }
}
