import type { Csr } from './csr';
import { createRng } from './prng';
import { allocFloat, type DType } from './types';

/**
 * A seeded random sparse matrix built straight into CSR, with exactly `perRow`
 * nonzeros in every row at distinct, sorted, uniformly chosen columns. Unlike
 * generate.ts it never materialises the dense matrix, so a 16384 × 16384
 * matrix at 99 % sparsity costs its 32 MB of CSR (plus one int per column
 * while building) and not 2 GB of zeros.
 */
export function randomCsr(
  rows: number,
  cols: number,
  perRow: number,
  dtype: DType,
  seed: number,
): Csr {
  if (perRow > cols)
    throw new RangeError(`A row of ${cols} columns cannot hold ${perRow} nonzeros.`);
  const rng = createRng(seed, 4);
  const nnz = rows * perRow;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(nnz);
  const values = allocFloat(dtype, nnz);
  // mark[c] === i + 1 when row i has already chosen column c: no per-row clearing needed.
  const mark = new Int32Array(cols);
  for (let i = 0; i < rows; i++) {
    const start = i * perRow;
    const stamp = i + 1;
    rowPtr[i + 1] = start + perRow;
    // Floyd's algorithm: perRow distinct columns in perRow draws.
    let p = start;
    for (let j = cols - perRow; j < cols; j++) {
      const t = rng.nextInt(j + 1);
      const c = mark[t] === stamp ? j : t;
      mark[c] = stamp;
      colIdx[p++] = c;
    }
    colIdx.subarray(start, start + perRow).sort();
    for (p = start; p < start + perRow; p++) values[p] = rng.next() * 2 - 1 || 1;
  }
  return { rows, cols, dtype, rowPtr, colIdx, values };
}
