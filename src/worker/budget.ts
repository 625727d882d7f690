import { BYTES, type DType } from '../kernels/types';
import type { DenseTier, SparseFormat } from './protocol';

/** A job may allocate at most this much, all matrices and vectors together (DESIGN.md). */
export const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

/** A product may do at most this many multiply-adds per dense call (n²·k), so a point measures in about a second. */
export const WORK_BUDGET = 2 ** 28;

export interface Problem {
  n: number;
  /** Columns of the right-hand side: 1 = matrix-vector (SpMV), more = matrix-matrix (SpMM). */
  k: number;
  dtype: DType;
  tier: DenseTier;
  format: SparseFormat;
}

/** Bytes per matrix entry of a sparse format at its worst (0 % sparsity: every entry stored). */
function sparseBytesPerEntry(format: SparseFormat, dtype: DType): number {
  const b = BYTES[dtype];
  switch (format) {
    case 'csr':
      return b + 4; // value + column index
    case 'coo':
      return b + 8; // value + row and column index
    case 'bsr':
      return b + 1; // dense blocks, plus a little index (bounded by one int per 4×4 block)
    case 'nm':
      return (b + 1) / 2; // half the entries, one byte of position each
  }
}

/**
 * Bytes a dense-vs-sparse job holds at its worst: the dense matrix, a copy in
 * WebAssembly memory for the simd tier, the sparse twin at 0 % sparsity, and
 * the right-hand sides, outputs and f64 reference.
 */
export function problemBytes(p: Problem): number {
  const b = BYTES[p.dtype];
  const entries = p.n * p.n;
  const copies = p.tier === 'simd' ? 2 : 1;
  const vectors = p.n * p.k * (b * (2 + 2 * copies) + 16);
  return entries * (b * copies + sparseBytesPerEntry(p.format, p.dtype)) + 4 * (p.n + 1) + vectors;
}

export interface Capped {
  n: number;
  /** Set when n was lowered, in words a reader understands. */
  note?: string;
}

const MB = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

/** The largest n (a multiple of 16) whose job fits the memory budget and the work budget. */
export function capProblem(p: Problem): Capped {
  const fits = (n: number) =>
    problemBytes({ ...p, n }) <= MEMORY_BUDGET_BYTES && n * n * p.k <= WORK_BUDGET;
  if (fits(p.n)) return { n: p.n };
  let n = p.n - (p.n % 16);
  while (n > 16 && !fits(n)) n -= 16;
  const overMemory = problemBytes(p) > MEMORY_BUDGET_BYTES;
  return {
    n,
    note: overMemory
      ? `n = ${p.n} needs ${MB(problemBytes(p))} here (dense plus ${p.format.toUpperCase()} at 0 % sparsity); ` +
        `capped to n = ${n} to stay within the ${MB(MEMORY_BUDGET_BYTES)} memory budget.`
      : `n = ${p.n} with k = ${p.k} is ${Math.round((p.n * p.n * p.k) / 1e6)} million multiply-adds per dense call; ` +
        `capped to n = ${n} so that each measurement takes about a second.`,
  };
}
