import { csrBytesFor } from '../kernels/csr';
import { BYTES, type DType } from '../kernels/types';

/** A job may allocate at most this much, all matrices and vectors together (DESIGN.md). */
export const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

/**
 * Bytes a dense-vs-CSR matrix-vector job holds at its worst (0 % sparsity, when
 * CSR keeps every entry): the dense matrix, its CSR twin, and four vectors.
 */
export function pairJobBytes(n: number, dtype: DType): number {
  return n * n * BYTES[dtype] + csrBytesFor(n, n * n, dtype) + 4 * n * 8;
}

export interface Capped {
  n: number;
  /** Set when n was lowered, in words a reader understands. */
  note?: string;
}

const MB = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

/** The largest n (a multiple of 16) whose pair job fits the budget. */
export function capToBudget(n: number, dtype: DType): Capped {
  if (pairJobBytes(n, dtype) <= MEMORY_BUDGET_BYTES) return { n };
  let capped = n;
  while (capped > 16 && pairJobBytes(capped, dtype) > MEMORY_BUDGET_BYTES) capped -= 16;
  return {
    n: capped,
    note:
      `n = ${n} in ${dtype} needs ${MB(pairJobBytes(n, dtype))} (dense plus CSR at 0 % sparsity); ` +
      `capped to n = ${capped} to stay within the ${MB(MEMORY_BUDGET_BYTES)} memory budget.`,
  };
}
