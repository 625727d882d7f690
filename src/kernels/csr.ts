import { denseNnz, type Dense } from './dense';
import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/**
 * Compressed sparse row (CSR): the nonzeros of row i are
 * `values[rowPtr[i] .. rowPtr[i+1])`, in columns `colIdx[...]` of the same range.
 *
 *   A = | 5 0 0 |     rowPtr = [0, 1, 3, 3]     row i owns slots rowPtr[i]..rowPtr[i+1]-1
 *       | 0 2 7 |     colIdx = [0, 1, 2]        ┌─row 0─┐┌──row 1──┐ (row 2 is empty)
 *       | 0 0 0 |     values = [5, 2, 7]        [   5   ][  2,  7  ]
 *
 * Storage: nnz values + nnz 32-bit column indices + (rows + 1) row pointers.
 * Why this format wins in practice: a row's nonzeros sit next to each other, so
 * y[i] is one running sum in a register and values/colIdx stream in order. The
 * price is the indirection x[colIdx[p]]: a scattered load per nonzero.
 */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: FloatArray;
}

export function csrNnz(a: Csr): number {
  return a.rowPtr[a.rows]!;
}

/** Bytes the three arrays occupy (what a reader's memory actually holds). */
export function csrBytes(a: Csr): number {
  return a.rowPtr.byteLength + a.colIdx.byteLength + a.values.byteLength;
}

/** The same footprint from the counts alone, for budgeting before building. */
export function csrBytesFor(rows: number, nnz: number, dtype: DType): number {
  return 4 * (rows + 1) + nnz * (4 + BYTES[dtype]);
}

/** SpMV does one multiply and one add per stored nonzero. */
export function spmvFlops(a: Csr): number {
  return 2 * csrNnz(a);
}

/** FLOPs of Y = A X with `batch` columns in X: a multiply-add per nonzero per column. */
export function csrFlops(a: Csr, batch: number): number {
  return 2 * csrNnz(a) * batch;
}

/** Compulsory traffic: the three arrays once, X (cols × batch) once, Y written once. */
export function csrBytesMoved(a: Csr, batch: number): number {
  return csrBytes(a) + (a.cols + a.rows) * batch * BYTES[a.dtype];
}

/** Stored entries in row i (the m_i of the verification bound). */
export function csrRowLength(a: Csr, i: number): number {
  return a.rowPtr[i + 1]! - a.rowPtr[i]!;
}

/** Keeps the nonzeros of a dense matrix, row by row. */
export function csrFromDense(a: Dense): Csr {
  const { rows, cols, data, dtype } = a;
  const nnz = denseNnz(a);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(nnz);
  const values = allocFloat(dtype, nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[r + j]!;
      if (v !== 0) {
        colIdx[p] = j;
        values[p] = v;
        p++;
      }
    }
    rowPtr[i + 1] = p;
  }
  return { rows, cols, dtype, rowPtr, colIdx, values };
}

export function csrToDense(a: Csr): Dense {
  const data = allocFloat(a.dtype, a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++)
      data[i * a.cols + a.colIdx[p]!] = a.values[p]!;
  }
  return { rows: a.rows, cols: a.cols, dtype: a.dtype, data };
}

/**
 * y = A x over the stored nonzeros only. Each term costs a value load, an
 * index load and a load of x at a scattered column: the indirection that
 * dense kernels never pay, and the reason sparse needs many zeros to win.
 * Two accumulators per row let consecutive multiply-adds overlap instead of
 * waiting on one another (rows are short, so more would not pay).
 */
export function spmvCsr(a: Csr, x: FloatArray, y: FloatArray): void {
  const { rows, rowPtr, colIdx, values } = a;
  // One cursor runs through all the nonzeros; rows only say where each sum ends.
  let p = rowPtr[0]!;
  for (let i = 0; i < rows; i++) {
    const end = rowPtr[i + 1]!;
    let s0 = 0;
    let s1 = 0;
    for (; p + 1 < end; p += 2) {
      const j0 = colIdx[p]!;
      const j1 = colIdx[p + 1]!;
      s0 += values[p]! * x[j0]!;
      s1 += values[p + 1]! * x[j1]!;
    }
    if (p < end) {
      s0 += values[p]! * x[colIdx[p]!]!;
      p++;
    }
    y[i] = s0 + s1;
  }
}

/**
 * Y = A X with X dense (cols × k, row-major). For each row of A, four output
 * columns at a time stay in registers while the row's nonzeros stream past:
 * every index and value load is shared by four multiply-adds, and each
 * x-row segment read is contiguous. Leftover columns go one at a time.
 */
export function spmmCsr(a: Csr, x: Dense, y: Dense): void {
  const { rows, rowPtr, colIdx, values } = a;
  const k = x.cols;
  const X = x.data;
  const Y = y.data;
  const k4 = k & ~3;
  for (let i = 0; i < rows; i++) {
    const start = rowPtr[i]!;
    const end = rowPtr[i + 1]!;
    const o = i * k;
    let j = 0;
    for (; j < k4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = start; p < end; p++) {
        const v = values[p]!;
        const q = colIdx[p]! * k + j;
        s0 += v * X[q]!;
        s1 += v * X[q + 1]!;
        s2 += v * X[q + 2]!;
        s3 += v * X[q + 3]!;
      }
      Y[o + j] = s0;
      Y[o + j + 1] = s1;
      Y[o + j + 2] = s2;
      Y[o + j + 3] = s3;
    }
    for (; j < k; j++) {
      let s = 0;
      for (let p = start; p < end; p++) s += values[p]! * X[colIdx[p]! * k + j]!;
      Y[o + j] = s;
    }
  }
}
