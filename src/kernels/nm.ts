import type { Dense } from './dense';
import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/**
 * N:M semi-structured sparsity (2:4 by default): in every group of M
 * consecutive entries of a row, at most N are nonzero. Each group stores
 * exactly N slots: the values and their positions inside the group.
 *
 *   row = [ 0 3 0 5 | 2 0 0 0 ]   (M = 4, N = 2)
 *   values    = [ 3 5 | 2 0 ]     a group with fewer than N nonzeros
 *   positions = [ 1 3 | 0 0 ]     pads with zero-valued slots
 *
 * Sparsity is fixed at 1 − N/M (50 % for 2:4), and the layout is as regular as
 * a dense one: every row has the same number of slots, every x load falls in a
 * known window of M. That regularity is what GPU sparse tensor cores exploit.
 * Positions take one byte here (hardware packs them into 2 bits). When M does
 * not divide the row length, the last group is simply shorter.
 */
export interface Nm {
  readonly format: 'nm';
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  /** Kept per group. */
  readonly n: number;
  /** Group length. */
  readonly m: number;
  /** Groups per row: ceil(cols / m). */
  readonly groups: number;
  /** rows × groups × n values. */
  readonly values: FloatArray;
  /** Position of each slot inside its group, 0 .. m−1. */
  readonly positions: Uint8Array;
}

export function nmSlots(a: Nm): number {
  return a.values.length;
}

export function nmBytes(a: Nm): number {
  return a.values.byteLength + a.positions.byteLength;
}

/**
 * The same footprint from the shape alone (it does not depend on the nonzeros):
 * N slots per group of M, each a value and a one-byte position.
 */
export function nmBytesFor(rows: number, cols: number, dtype: DType, n = 2, m = 4): number {
  return rows * Math.ceil(cols / m) * n * (BYTES[dtype] + 1);
}

/** FLOPs executed: every slot, zero-padded ones included. */
export function nmFlops(a: Nm, batch: number): number {
  return 2 * a.values.length * batch;
}

export function nmBytesMoved(a: Nm, batch: number): number {
  return nmBytes(a) + (a.cols + a.rows) * batch * BYTES[a.dtype];
}

export interface NmOptions {
  n?: number;
  m?: number;
  /** Keep the N largest magnitudes of a group that has more than N nonzeros, instead of throwing. */
  prune?: boolean;
}

/** Packs a dense matrix whose groups hold at most N nonzeros (or prunes it to that). */
export function nmFromDense(a: Dense, options: NmOptions = {}): Nm {
  const n = options.n ?? 2;
  const m = options.m ?? 4;
  if (!(Number.isInteger(n) && Number.isInteger(m) && n >= 1 && n <= m && m <= 256)) {
    throw new RangeError(`Need integers 1 ≤ N ≤ M ≤ 256, got ${n}:${m}.`);
  }
  const { rows, cols, data, dtype } = a;
  const groups = Math.ceil(cols / m);
  const values = allocFloat(dtype, rows * groups * n);
  const positions = new Uint8Array(rows * groups * n);
  const found: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let g = 0; g < groups; g++) {
      const c0 = g * m;
      const w = Math.min(m, cols - c0);
      found.length = 0;
      for (let c = 0; c < w; c++) if (data[i * cols + c0 + c] !== 0) found.push(c);
      if (found.length > n) {
        if (!options.prune) {
          throw new RangeError(
            `Row ${i}, group ${g} has ${found.length} nonzeros; ${n}:${m} allows ${n}.`,
          );
        }
        found.sort(
          (p, q) =>
            Math.abs(data[i * cols + c0 + q]!) - Math.abs(data[i * cols + c0 + p]!) || p - q,
        );
        found.length = n;
        found.sort((p, q) => p - q);
      }
      const s0 = (i * groups + g) * n;
      for (let s = 0; s < found.length; s++) {
        positions[s0 + s] = found[s]!;
        values[s0 + s] = data[i * cols + c0 + found[s]!]!;
      }
      // Padding slots point at position 0 with value 0: harmless in a product.
    }
  }
  return { format: 'nm', rows, cols, dtype, n, m, groups, values, positions };
}

export function nmToDense(a: Nm): Dense {
  const { rows, cols, n, m, groups, values, positions } = a;
  const data = allocFloat(a.dtype, rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let g = 0; g < groups; g++) {
      for (let s = (i * groups + g) * n, e = s + n; s < e; s++) {
        const v = values[s]!;
        if (v !== 0) data[i * cols + g * m + positions[s]!] = v;
      }
    }
  }
  return { rows, cols, dtype: a.dtype, data };
}

/**
 * y = A x. Like CSR without the row pointers: every row has the same slot
 * count, and the column of a slot is (group · M + position), a small offset
 * from a base that advances regularly. Two accumulators overlap the adds.
 */
export function spmvNm(a: Nm, x: FloatArray, y: FloatArray): void {
  const { rows, n, m, groups, values, positions } = a;
  const perRow = groups * n;
  for (let i = 0; i < rows; i++) {
    let s0 = 0;
    let s1 = 0;
    let slot = i * perRow;
    if (n === 2) {
      for (let base = 0, g = 0; g < groups; g++, base += m, slot += 2) {
        s0 += values[slot]! * x[base + positions[slot]!]!;
        s1 += values[slot + 1]! * x[base + positions[slot + 1]!]!;
      }
    } else {
      for (let base = 0, g = 0; g < groups; g++, base += m) {
        for (let s = 0; s < n; s++, slot++) s0 += values[slot]! * x[base + positions[slot]!]!;
      }
    }
    y[i] = s0 + s1;
  }
}

/**
 * Y = A X, X dense (cols × k): for each row, four output columns at a time
 * stay in registers while the row's slots stream past.
 */
export function spmmNm(a: Nm, x: Dense, y: Dense): void {
  const { rows, n, m, groups, values, positions } = a;
  const k = x.cols;
  const X = x.data;
  const Y = y.data;
  const perRow = groups * n;
  const k4 = k & ~3;
  for (let i = 0; i < rows; i++) {
    const first = i * perRow;
    const yo = i * k;
    let j = 0;
    for (; j < k4; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let slot = first, g = 0; g < groups; g++) {
        const base = g * m;
        for (let s = 0; s < n; s++, slot++) {
          const v = values[slot]!;
          const q = (base + positions[slot]!) * k + j;
          s0 += v * X[q]!;
          s1 += v * X[q + 1]!;
          s2 += v * X[q + 2]!;
          s3 += v * X[q + 3]!;
        }
      }
      Y[yo + j] = s0;
      Y[yo + j + 1] = s1;
      Y[yo + j + 2] = s2;
      Y[yo + j + 3] = s3;
    }
    for (; j < k; j++) {
      let s = 0;
      for (let slot = first, g = 0; g < groups; g++) {
        for (let t = 0; t < n; t++, slot++)
          s += values[slot]! * X[(g * m + positions[slot]!) * k + j]!;
      }
      Y[yo + j] = s;
    }
  }
}
