import type { Csr } from './csr';
import type { Dense } from './dense';
import { createRng } from './prng';
import type { ReferenceProduct } from './reference';
import { allocFloat, type DType, type FloatArray } from './types';

/**
 * k-winners-take-all (k-WTA) and three ways to push its output through a
 * dense layer y = W x. The winners change with every input, so whatever a
 * kernel builds from the pattern, it builds again on every step.
 *
 *   a = [ 0.1 −0.9  0.3  0.8 ]   k = 2   →   idx = [1, 3]   x = [ 0 −0.9 0 0.8 ]
 *
 * Ties in |a_j| go to the lower index, so the winners are one well-defined set.
 */

/** Streams of createRng used here; generate.ts uses 0 (matrices) and 1 (vectors). */
const ACTIVATION_STREAM = 16;

/** Activations for `steps` steps: a fresh seeded vector per step, uniform in [−1, 1). */
export function activations(n: number, dtype: DType, seed: number, steps: number): FloatArray[] {
  return Array.from({ length: steps }, (_, s) => {
    const rng = createRng(seed, ACTIVATION_STREAM + s);
    const a = allocFloat(dtype, n);
    for (let j = 0; j < n; j++) a[j] = rng.next() * 2 - 1;
    return a;
  });
}

/** How many winners a fraction of n active means (at least one). */
export function winnersFor(n: number, fraction: number): number {
  return Math.min(n, Math.max(1, Math.round(fraction * n)));
}

/**
 * Moves the element that belongs at position `k` (ascending) there, smaller
 * ones before it and larger ones after: Floyd and Rivest's selection (1975),
 * which samples a narrow range around k first, so it needs about n + k
 * comparisons on average instead of a full sort's n log n.
 */
function select(arr: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(
        arr,
        k,
        Math.max(left, Math.floor(k - (m * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)),
      );
    }
    const t = arr[k]!;
    let i = left;
    let j = right;
    swap(arr, left, k);
    if (arr[right]! > t) swap(arr, left, right);
    while (i < j) {
      swap(arr, i, j);
      i++;
      j--;
      while (arr[i]! < t) i++;
      while (arr[j]! > t) j--;
    }
    if (arr[left] === t) swap(arr, left, j);
    else {
      j++;
      swap(arr, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(arr: Float64Array, i: number, j: number): void {
  const t = arr[i]!;
  arr[i] = arr[j]!;
  arr[j] = t;
}

/**
 * Indices of the k largest |a_j|, written to `idx[0..k)` in increasing order.
 * Selection finds the k-th largest magnitude (the threshold) in linear time;
 * one pass then keeps everything above it and, in index order, just enough
 * entries equal to it. `scratch` holds n magnitudes (allocated by the caller,
 * outside any timed region).
 */
export function topK(a: FloatArray, k: number, idx: Int32Array, scratch: Float64Array): void {
  const n = a.length;
  if (k <= 0) return;
  if (k >= n) {
    for (let j = 0; j < n; j++) idx[j] = j;
    return;
  }
  for (let j = 0; j < n; j++) scratch[j] = Math.abs(a[j]!);
  select(scratch, n - k, 0, n - 1);
  const threshold = scratch[n - k]!;
  // Entries strictly above the threshold all win; ties fill the remaining places.
  let above = 0;
  for (let j = n - k + 1; j < n; j++) if (scratch[j]! > threshold) above++;
  let ties = k - above;
  let c = 0;
  for (let j = 0; j < n; j++) {
    const m = Math.abs(a[j]!);
    if (m > threshold || (m === threshold && ties-- > 0)) idx[c++] = j;
  }
}

/**
 * k-WTA: x keeps the k largest-magnitude entries of a and is zero elsewhere;
 * `idx` receives the winners in increasing order. Every way of computing W x
 * below starts here, so selection is paid by all of them.
 */
export function kWinners(
  a: FloatArray,
  k: number,
  idx: Int32Array,
  x: FloatArray,
  scratch: Float64Array,
): void {
  topK(a, k, idx, scratch);
  x.fill(0);
  for (let t = 0; t < k; t++) {
    const j = idx[t]!;
    x[j] = a[j]!;
  }
}

/**
 * Format-free: y_i = Σ_t W[i, idx_t] · x[idx_t] over the k winners only.
 * It reads W where the winners are, in place, and builds nothing. Four rows at
 * a time share each index and x load (as gemvTuned shares x[j]), with four
 * independent sums.
 */
export function gatherGemv(
  w: Dense,
  idx: Int32Array,
  k: number,
  x: FloatArray,
  y: FloatArray,
): void {
  const { rows, cols, data } = w;
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
    for (let t = 0; t < k; t++) {
      const j = idx[t]!;
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
    let s = 0;
    for (let t = 0; t < k; t++) {
      const j = idx[t]!;
      s += data[r + j]! * x[j]!;
    }
    y[i] = s;
  }
}

/**
 * Room for the CSR that `buildActiveCsr` writes each step, sized for at most
 * `maxK` winners. Allocated once, outside the timed region: a real framework
 * would also allocate every step, so this favours the convert path.
 */
export interface ActiveCsrWorkspace {
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: FloatArray;
}

export function activeCsrWorkspace(w: Dense, maxK: number): ActiveCsrWorkspace {
  return {
    rowPtr: new Int32Array(w.rows + 1),
    colIdx: new Int32Array(w.rows * maxK),
    values: allocFloat(w.dtype, w.rows * maxK),
  };
}

/**
 * Converts "W with only the winners' columns" to CSR from scratch, as a
 * sparse framework does when the pattern changes: walk each row over the
 * candidate columns, keep the nonzeros, and write each with its column index.
 * The result is an ordinary Csr, multiplied by the essay's spmvCsr.
 */
export function buildActiveCsr(w: Dense, idx: Int32Array, k: number, ws: ActiveCsrWorkspace): Csr {
  const { rows, cols, data, dtype } = w;
  const { rowPtr, colIdx, values } = ws;
  let p = 0;
  rowPtr[0] = 0;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let t = 0; t < k; t++) {
      const j = idx[t]!;
      const v = data[r + j]!;
      if (v !== 0) {
        colIdx[p] = j;
        values[p] = v;
        p++;
      }
    }
    rowPtr[i + 1] = p;
  }
  return {
    rows,
    cols,
    dtype,
    rowPtr,
    colIdx: colIdx.subarray(0, p),
    values: values.subarray(0, p),
  };
}

// ------------------------------------------------------ reference twins

/** The winners by sorting: magnitude descending, index ascending on ties; returned in index order. */
export function referenceTopK(a: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: a.length }, (_, j) => j);
  order.sort((p, q) => Math.abs(a[q]!) - Math.abs(a[p]!) || p - q);
  return order.slice(0, Math.max(0, Math.min(k, a.length))).sort((p, q) => p - q);
}

/** y = W x over the winners, in double precision, with Σ|w_ij x_j| for the verification bound. */
export function referenceActiveGemv(
  w: Dense,
  idx: ArrayLike<number>,
  k: number,
  x: FloatArray,
): ReferenceProduct {
  const y = new Float64Array(w.rows);
  const absSum = new Float64Array(w.rows);
  for (let i = 0; i < w.rows; i++) {
    let s = 0;
    let m = 0;
    for (let t = 0; t < k; t++) {
      const j = idx[t]!;
      const term = w.data[i * w.cols + j]! * x[j]!;
      s += term;
      m += Math.abs(term);
    }
    y[i] = s;
    absSum[i] = m;
  }
  return { y, absSum };
}
