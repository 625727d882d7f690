import type { Dense } from './dense';
import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/**
 * Compressed sparse row (CSR): the nonzeros of row i are
 * `values[rowPtr[i] .. rowPtr[i+1])`, in columns `colIdx[...]` of the same range.
 *
 *   A = | 5 0 0 |     rowPtr = [0, 1, 3, 3]
 *       | 0 2 7 |     colIdx = [0, 1, 2]
 *       | 0 0 0 |     values = [5, 2, 7]
 *
 * Storage: nnz values + nnz 32-bit column indices + (rows + 1) row pointers.
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

/** Keeps the nonzeros of a dense matrix, row by row. */
export function csrFromDense(a: Dense): Csr {
  const { rows, cols, data, dtype } = a;
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
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
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) data[i * a.cols + a.colIdx[p]!] = a.values[p]!;
  }
  return { rows: a.rows, cols: a.cols, dtype: a.dtype, data };
}

/**
 * y = A x over the stored nonzeros only. Each term costs a value load, an
 * index load and a load of x at a scattered column: the indirection that
 * dense kernels never pay, and the reason sparse needs many zeros to win.
 */
export function spmvCsr(a: Csr, x: FloatArray, y: FloatArray): void {
  const { rows, rowPtr, colIdx, values } = a;
  let start = rowPtr[0]!;
  for (let i = 0; i < rows; i++) {
    const end = rowPtr[i + 1]!;
    let sum = 0;
    for (let p = start; p < end; p++) sum += values[p]! * x[colIdx[p]!]!;
    y[i] = sum;
    start = end;
  }
}
