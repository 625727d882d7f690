import type { Csr } from './csr';
import type { Dense } from './dense';
import type { FloatArray } from './types';

/**
 * The reference twin of every y = A x kernel: double-precision sums over the
 * same stored inputs, plus what verification needs per row: Σ|a_ij·x_j|.
 */
export interface ReferenceProduct {
  readonly y: Float64Array;
  readonly absSum: Float64Array;
}

export function referenceSpmv(a: Csr, x: FloatArray): ReferenceProduct {
  const y = new Float64Array(a.rows);
  const absSum = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    let m = 0;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const t = a.values[p]! * x[a.colIdx[p]!]!;
      s += t;
      m += Math.abs(t);
    }
    y[i] = s;
    absSum[i] = m;
  }
  return { y, absSum };
}

export function referenceGemv(a: Dense, x: FloatArray): ReferenceProduct {
  const y = new Float64Array(a.rows);
  const absSum = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    let m = 0;
    for (let j = 0; j < a.cols; j++) {
      const t = a.data[i * a.cols + j]! * x[j]!;
      s += t;
      m += Math.abs(t);
    }
    y[i] = s;
    absSum[i] = m;
  }
  return { y, absSum };
}
