import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/**
 * A dense row-major matrix: element (i, j) is `data[i * cols + j]`.
 *
 *   A = | 5 0 0 |     data = [5, 0, 0,  0, 2, 7,  0, 0, 0]
 *       | 0 2 7 |             row 0     row 1     row 2
 *       | 0 0 0 |
 *
 * Also the shape of the right-hand side X (n × k) and result Y of a product.
 */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  readonly data: FloatArray;
}

export function denseZeros(rows: number, cols: number, dtype: DType): Dense {
  return { rows, cols, dtype, data: allocFloat(dtype, rows * cols) };
}

/** A copy in another precision (or the same: a plain copy). */
export function denseAs(a: Dense, dtype: DType): Dense {
  const data = allocFloat(dtype, a.data.length);
  data.set(a.data);
  return { rows: a.rows, cols: a.cols, dtype, data };
}

/** Bytes the matrix occupies. */
export function denseBytes(a: Dense): number {
  return a.data.byteLength;
}

/** The same footprint from the shape alone. */
export function denseBytesFor(rows: number, cols: number, dtype: DType): number {
  return rows * cols * BYTES[dtype];
}

/** Nonzeros, counted (a dense format stores zeros too; this says how many are not). */
export function denseNnz(a: Dense): number {
  let nnz = 0;
  for (let k = 0; k < a.data.length; k++) if (a.data[k] !== 0) nnz++;
  return nnz;
}

/** Multiply-adds count twice: a dense product does 2·rows·cols FLOPs, zeros included. */
export function gemvFlops(a: Dense): number {
  return 2 * a.rows * a.cols;
}

/** FLOPs of Y = A X with X having `batch` columns (batch 1 is GEMV). */
export function denseFlops(a: Dense, batch: number): number {
  return 2 * a.rows * a.cols * batch;
}

/**
 * Compulsory traffic of Y = A X: A, X and Y each cross the memory bus once
 * (perfect caches). Real kernels move more; this is the roofline's numerator.
 */
export function denseBytesMoved(a: Dense, batch: number): number {
  return (a.rows * a.cols + (a.cols + a.rows) * batch) * BYTES[a.dtype];
}

/**
 * y = A x, the textbook way: one dot product per row.
 * A single accumulator makes every addition wait for the one before it.
 */
export function gemvNaive(a: Dense, x: FloatArray, y: FloatArray): void {
  const { rows, cols, data } = a;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += data[i * cols + j]! * x[j]!;
    y[i] = sum;
  }
}

/**
 * y = A x, tuned for a scalar JIT: four rows at a time share every load of
 * x[j] (a quarter of the x traffic), and four independent accumulators let
 * the CPU overlap the additions instead of chaining them. The column loop is
 * unrolled by two so loop bookkeeping is paid half as often.
 */
export function gemvTuned(a: Dense, x: FloatArray, y: FloatArray): void {
  const { rows, cols, data } = a;
  const even = cols & ~1;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const r0 = i * cols;
    const r1 = r0 + cols;
    const r2 = r1 + cols;
    const r3 = r2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < even; j += 2) {
      const x0 = x[j]!;
      const x1 = x[j + 1]!;
      s0 += data[r0 + j]! * x0 + data[r0 + j + 1]! * x1;
      s1 += data[r1 + j]! * x0 + data[r1 + j + 1]! * x1;
      s2 += data[r2 + j]! * x0 + data[r2 + j + 1]! * x1;
      s3 += data[r3 + j]! * x0 + data[r3 + j + 1]! * x1;
    }
    if (j < cols) {
      const xj = x[j]!;
      s0 += data[r0 + j]! * xj;
      s1 += data[r1 + j]! * xj;
      s2 += data[r2 + j]! * xj;
      s3 += data[r3 + j]! * xj;
    }
    y[i] = s0;
    y[i + 1] = s1;
    y[i + 2] = s2;
    y[i + 3] = s3;
  }
  for (; i < rows; i++) {
    const r = i * cols;
    let s0 = 0;
    let s1 = 0;
    let j = 0;
    for (; j < even; j += 2) {
      s0 += data[r + j]! * x[j]!;
      s1 += data[r + j + 1]! * x[j + 1]!;
    }
    if (j < cols) s0 += data[r + j]! * x[j]!;
    y[i] = s0 + s1;
  }
}

function checkProduct(a: Dense, x: Dense, y: Dense): void {
  if (x.rows !== a.cols || y.rows !== a.rows || y.cols !== x.cols) {
    throw new RangeError(
      `Shapes do not match: A ${a.rows}×${a.cols}, X ${x.rows}×${x.cols}, Y ${y.rows}×${y.cols}.`,
    );
  }
}

/**
 * Y = A X, the textbook triple loop: Y[i][j] = Σ_p A[i][p] · X[p][j].
 * The inner loop walks down a column of X, a stride of a whole row per step,
 * so nearly every load misses the nearest cache.
 */
export function gemmNaive(a: Dense, x: Dense, y: Dense): void {
  checkProduct(a, x, y);
  const { rows, cols: inner } = a;
  const k = x.cols;
  const A = a.data;
  const X = x.data;
  const Y = y.data;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let p = 0; p < inner; p++) sum += A[i * inner + p]! * X[p * k + j]!;
      Y[i * k + j] = sum;
    }
  }
}

/**
 * Y = A X, tuned for a scalar JIT:
 *  - packing: four columns of X are copied once into a contiguous panel
 *    (interleaved by row), so the inner loop reads memory in order;
 *  - register tiling: a 2 × 4 tile of Y lives in eight local variables for
 *    the whole inner loop — each load of A feeds four multiply-adds and each
 *    panel load feeds two, and the eight sums are independent chains.
 * Edges (rows not a multiple of 2, columns not a multiple of 4) take a
 * simpler path with the same panel.
 */
export function gemmTuned(a: Dense, x: Dense, y: Dense): void {
  checkProduct(a, x, y);
  const { rows, cols: m } = a;
  const k = x.cols;
  const A = a.data;
  const X = x.data;
  const Y = y.data;
  // A small scratch panel per call (m × 4 doubles): negligible next to the product.
  const panel = new Float64Array(m * 4);
  for (let j = 0; j < k; j += 4) {
    const w = Math.min(4, k - j);
    for (let p = 0, q = j, d = 0; p < m; p++, q += k, d += 4) {
      panel[d] = X[q]!;
      panel[d + 1] = w > 1 ? X[q + 1]! : 0;
      panel[d + 2] = w > 2 ? X[q + 2]! : 0;
      panel[d + 3] = w > 3 ? X[q + 3]! : 0;
    }
    let i = 0;
    for (; i + 2 <= rows; i += 2) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      const r0 = i * m;
      const r1 = r0 + m;
      for (let p = 0, d = 0; p < m; p++, d += 4) {
        const a0 = A[r0 + p]!;
        const a1 = A[r1 + p]!;
        const b0 = panel[d]!;
        const b1 = panel[d + 1]!;
        const b2 = panel[d + 2]!;
        const b3 = panel[d + 3]!;
        s00 += a0 * b0;
        s01 += a0 * b1;
        s02 += a0 * b2;
        s03 += a0 * b3;
        s10 += a1 * b0;
        s11 += a1 * b1;
        s12 += a1 * b2;
        s13 += a1 * b3;
      }
      const o = i * k + j;
      if (w === 4) {
        Y[o] = s00;
        Y[o + 1] = s01;
        Y[o + 2] = s02;
        Y[o + 3] = s03;
        Y[o + k] = s10;
        Y[o + k + 1] = s11;
        Y[o + k + 2] = s12;
        Y[o + k + 3] = s13;
      } else {
        const t0 = [s00, s01, s02];
        const t1 = [s10, s11, s12];
        for (let c = 0; c < w; c++) {
          Y[o + c] = t0[c]!;
          Y[o + k + c] = t1[c]!;
        }
      }
    }
    if (i < rows) {
      const r = i * m;
      const o = i * k + j;
      for (let c = 0; c < w; c++) {
        let s = 0;
        for (let p = 0; p < m; p++) s += A[r + p]! * panel[4 * p + c]!;
        Y[o + c] = s;
      }
    }
  }
}
