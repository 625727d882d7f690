import { allocFloat, type DType, type FloatArray } from './types';

/** A dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  readonly data: FloatArray;
}

export function denseZeros(rows: number, cols: number, dtype: DType): Dense {
  return { rows, cols, dtype, data: allocFloat(dtype, rows * cols) };
}

/** Bytes the matrix occupies. */
export function denseBytes(a: Dense): number {
  return a.data.byteLength;
}

/** Multiply-adds count twice: a dense product does 2·rows·cols FLOPs, zeros included. */
export function gemvFlops(a: Dense): number {
  return 2 * a.rows * a.cols;
}

/**
 * y = A x, the textbook way: one dot product per row.
 * A single accumulator makes every addition wait for the one before it.
 */
export function gemvNaive(a: Dense, x: FloatArray, y: FloatArray): void {
  const { rows, cols, data } = a;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += data[i * cols + j]! * x[j]!;
    y[i] = sum;
  }
}

/**
 * y = A x, tuned for a scalar JIT: four rows at a time share every load of
 * x[j] (a quarter of the x traffic), and four independent accumulators let
 * the CPU overlap the additions instead of chaining them.
 */
export function gemvTuned(a: Dense, x: FloatArray, y: FloatArray): void {
  const { rows, cols, data } = a;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    let r0 = i * cols;
    let r1 = r0 + cols;
    let r2 = r1 + cols;
    let r3 = r2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < cols; j++) {
      const xj = x[j]!;
      s0 += data[r0++]! * xj;
      s1 += data[r1++]! * xj;
      s2 += data[r2++]! * xj;
      s3 += data[r3++]! * xj;
    }
    y[i] = s0;
    y[i + 1] = s1;
    y[i + 2] = s2;
    y[i + 3] = s3;
  }
  for (; i < rows; i++) {
    const r = i * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += data[r + j]! * x[j]!;
    y[i] = sum;
  }
}
