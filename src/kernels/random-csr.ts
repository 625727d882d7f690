import type { Csr } from './csr';
import { createRng } from './prng';
import { allocFloat, type DType } from './types';

/**
 * A seeded random sparse matrix built straight into CSR, with exactly `perRow`
 * nonzeros in every row at distinct, sorted, uniformly chosen columns. Unlike
 * generate.ts it never materialises the dense matrix, so a 16384 × 16384
 * matrix at 99 % sparsity costs its 32 MB of CSR and not 2 GB of zeros.
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
  const chosen = new Set<number>();
  for (let i = 0; i < rows; i++) {
    const start = i * perRow;
    rowPtr[i + 1] = start + perRow;
    // Floyd's algorithm: perRow distinct columns in perRow draws.
    chosen.clear();
    for (let j = cols - perRow; j < cols; j++) {
      const t = rng.nextInt(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    let p = start;
    for (const c of chosen) colIdx[p++] = c;
    colIdx.subarray(start, start + perRow).sort();
    for (p = start; p < start + perRow; p++) values[p] = rng.next() * 2 - 1 || 1;
  }
  return { rows, cols, dtype, rowPtr, colIdx, values };
}
