import { bsrBlocks, type Bsr } from './bsr';
import type { Graph } from './graph';
import type { Csr } from './csr';
import type { Dense } from './dense';
import { formatOf, toDense, type Matrix } from './matrix';
import type { Nm } from './nm';
import type { FloatArray } from './types';

/**
 * The reference twin of every product kernel: double-precision sums over the
 * same stored inputs, in the plainest loop order, plus what verification needs
 * per output element: Σ|a_ij·x_j|. Tests and live verification both use them.
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

/**
 * Y = A X for X dense (cols × k); y and absSum are rows × k, row-major. Zero
 * entries of A are skipped: they add nothing to either sum.
 */
export function referenceGemm(a: Dense, x: Dense): ReferenceProduct {
  const { rows, cols: m } = a;
  const k = x.cols;
  const y = new Float64Array(rows * k);
  const absSum = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < m; p++) {
      const v = a.data[i * m + p]!;
      if (v === 0) continue;
      for (let j = 0; j < k; j++) {
        const t = v * x.data[p * k + j]!;
        y[i * k + j] = y[i * k + j]! + t;
        absSum[i * k + j] = absSum[i * k + j]! + Math.abs(t);
      }
    }
  }
  return { y, absSum };
}

/** The reference of y = A x for any format, through its dense twin. */
export function referenceProductVector(a: Matrix, x: FloatArray): ReferenceProduct {
  return referenceGemv(toDense(a), x);
}

/** The reference of Y = A X for any format, through its dense twin. */
export function referenceProduct(a: Matrix, x: Dense): ReferenceProduct {
  return referenceGemm(toDense(a), x);
}

/**
 * Terms each output row's kernel sums (the m_i of the verification bound in
 * src/bench/verify.ts): all columns for dense, stored entries for sparse
 * formats (padding zeros of BSR blocks and N:M groups included).
 */
export function termsPerRow(a: Matrix): Int32Array {
  const t = new Int32Array(a.rows);
  switch (formatOf(a)) {
    case 'dense':
      t.fill(a.cols);
      break;
    case 'csr': {
      const c = a as Csr;
      for (let i = 0; i < c.rows; i++) t[i] = c.rowPtr[i + 1]! - c.rowPtr[i]!;
      break;
    }
    case 'coo': {
      const c = a as Matrix & { rowIdx: Int32Array };
      for (let p = 0; p < c.rowIdx.length; p++) t[c.rowIdx[p]!] = t[c.rowIdx[p]!]! + 1;
      break;
    }
    case 'bsr': {
      const b = a as Bsr;
      const s = b.blockSize;
      if (bsrBlocks(b) === 0) break;
      for (let i = 0; i < b.rows; i++) {
        const I = Math.floor(i / s);
        t[i] = (b.blockRowPtr[I + 1]! - b.blockRowPtr[I]!) * s;
      }
      break;
    }
    case 'nm': {
      const nm = a as Nm;
      t.fill(nm.groups * nm.n);
      break;
    }
  }
  return t;
}

// ------------------------------------------------ memory-hierarchy twins

/** Σ a_i in index order. */
export function referenceSum(a: FloatArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** a_i = b_i + s · c_i, computed in double precision. */
export function referenceTriad(b: FloatArray, c: FloatArray, s: number): Float64Array {
  const a = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) a[i] = b[i]! + s * c[i]!;
  return a;
}

/** Σ a_i over i = 0, stride, 2·stride, … (also the twin of stridedSumInt32). */
export function referenceStridedSum(a: FloatArray | Int32Array, stride: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i += stride) s += a[i]!;
  return s;
}

/** Where a chase of `steps` hops starting at `start` ends. */
export function referenceChase(next: Int32Array, start: number, steps: number): number {
  let p = start;
  for (let s = 0; s < steps; s++) p = next[p]!;
  return p;
}

/** Σ a_i·b_i in double precision (the interpreter's and the ladder's reference). */
export function referenceDot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Y = A X over CSR's stored entries (O(nnz·k)): the reference for products whose dense twin is large. */
export function referenceSpmm(a: Csr, x: Dense): ReferenceProduct {
  const k = x.cols;
  const y = new Float64Array(a.rows * k);
  const absSum = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.values[p]!;
      const xRow = a.colIdx[p]! * k;
      for (let c = 0; c < k; c++) {
        const t = v * x.data[xRow + c]!;
        y[i * k + c] = y[i * k + c]! + t;
        absSum[i * k + c] = absSum[i * k + c]! + Math.abs(t);
      }
    }
  }
  return { y, absSum };
}

/** z = αx + y in double precision, one rounding per operation as IEEE 754 gives it. */
export function referenceAxpy(
  alpha: number,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): Float64Array {
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) z[i] = alpha * x[i]! + y[i]!;
  return z;
}

/** y = 1 / x in double precision. */
export function referenceReciprocal(x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = 1 / x[i]!;
  return y;
}

// ------------------------------------------------ the lottery's other ideas

/**
 * Shortest-path levels by relaxation over the edge list, Bellman–Ford style:
 * sweep every edge until no distance improves. A different algorithm from the
 * queue-based BFS, O(edges · depth), so agreement is evidence, not an echo.
 */
export function referenceBfs(g: Graph, source: number): { dist: Int32Array; edges: number } {
  const dist = new Int32Array(g.vertices).fill(-1);
  if (g.vertices === 0) return { dist, edges: 0 };
  dist[source] = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let u = 0; u < g.vertices; u++) {
      if (dist[u]! < 0) continue;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const v = g.targets[e]!;
        if (dist[v]! < 0 || dist[v]! > dist[u]! + 1) {
          dist[v] = dist[u]! + 1;
          changed = true;
        }
      }
    }
  }
  let edges = 0;
  for (let u = 0; u < g.vertices; u++) {
    if (dist[u]! >= 0) edges += g.offsets[u + 1]! - g.offsets[u]!;
  }
  return { dist, edges };
}

/**
 * N-queens by the textbook method: a list of queen columns, each new square
 * checked against every queen already placed. Same search order and pruning as
 * `countQueens`, so the node counts must match too.
 */
export function referenceQueens(n: number): { solutions: number; nodes: number } {
  const cols: number[] = [];
  let solutions = 0;
  let nodes = 0;
  const safe = (row: number, col: number): boolean =>
    cols.every((c, r) => c !== col && Math.abs(c - col) !== row - r);
  const place = (row: number): void => {
    if (row === n) {
      solutions++;
      return;
    }
    for (let col = 0; col < n; col++) {
      if (!safe(row, col)) continue;
      nodes++;
      cols.push(col);
      place(row + 1);
      cols.pop();
    }
  };
  place(0);
  return { solutions, nodes };
}
