import { denseNnz, type Dense } from './dense';
import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/**
 * Coordinate list (COO): one (row, column, value) triple per nonzero, sorted
 * by row, then column.
 *
 *   A = | 5 0 0 |     rowIdx = [0, 1, 1]
 *       | 0 2 7 |     colIdx = [0, 1, 2]
 *       | 0 0 0 |     values = [5, 2, 7]
 *
 * Storage: nnz × (two 32-bit indices + a value). The simplest format to build
 * and to append to (how matrices usually arrive), but it repeats the row index
 * that CSR compresses away, and its product cannot keep y[i] in a register
 * without checking whether the row changed.
 */
export interface Coo {
  readonly format: 'coo';
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  readonly rowIdx: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: FloatArray;
}

export function cooNnz(a: Coo): number {
  return a.values.length;
}

export function cooBytes(a: Coo): number {
  return a.rowIdx.byteLength + a.colIdx.byteLength + a.values.byteLength;
}

/** The same footprint from the count alone: two 32-bit indices and a value per nonzero. */
export function cooBytesFor(nnz: number, dtype: DType): number {
  return nnz * (8 + BYTES[dtype]);
}

export function cooFlops(a: Coo, batch: number): number {
  return 2 * cooNnz(a) * batch;
}

/** Compulsory traffic: the triples once, X once, Y written once. */
export function cooBytesMoved(a: Coo, batch: number): number {
  return cooBytes(a) + (a.cols + a.rows) * batch * BYTES[a.dtype];
}

/** Keeps the nonzeros of a dense matrix in row-major order. */
export function cooFromDense(a: Dense): Coo {
  const { rows, cols, data, dtype } = a;
  const nnz = denseNnz(a);
  const rowIdx = new Int32Array(nnz);
  const colIdx = new Int32Array(nnz);
  const values = allocFloat(dtype, nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j]!;
      if (v !== 0) {
        rowIdx[p] = i;
        colIdx[p] = j;
        values[p] = v;
        p++;
      }
    }
  }
  return { format: 'coo', rows, cols, dtype, rowIdx, colIdx, values };
}

export function cooToDense(a: Coo): Dense {
  const data = allocFloat(a.dtype, a.rows * a.cols);
  for (let p = 0; p < a.values.length; p++)
    data[a.rowIdx[p]! * a.cols + a.colIdx[p]!] = a.values[p]!;
  return { rows: a.rows, cols: a.cols, dtype: a.dtype, data };
}

/**
 * y = A x, one triple at a time. Because the triples are sorted by row, the
 * running sum stays in a register until the row index changes; rows with no
 * triple are left at the zero written first.
 */
export function spmvCoo(a: Coo, x: FloatArray, y: FloatArray): void {
  const { rowIdx, colIdx, values } = a;
  const nnz = values.length;
  y.fill(0);
  let p = 0;
  while (p < nnz) {
    const row = rowIdx[p]!;
    let sum = 0;
    for (; p < nnz && rowIdx[p] === row; p++) sum += values[p]! * x[colIdx[p]!]!;
    y[row] = sum;
  }
}

/**
 * Y = A X, X dense (cols × k). Each triple scales a contiguous row of X into a
 * row of Y (an "axpy"): sequential loads and stores, but Y is read and written
 * once per nonzero instead of held in registers.
 */
export function spmmCoo(a: Coo, x: Dense, y: Dense): void {
  const { rowIdx, colIdx, values } = a;
  const k = x.cols;
  const X = x.data;
  const Y = y.data;
  Y.fill(0);
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    const yo = rowIdx[p]! * k;
    const xo = colIdx[p]! * k;
    for (let j = 0; j < k; j++) Y[yo + j] = Y[yo + j]! + v * X[xo + j]!;
  }
}
