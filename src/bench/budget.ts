/**
 * The budgets every measuring job lives within, in one place (DESIGN.md):
 * memory — a job may allocate at most 256 MB, every buffer counted — and time —
 * one measurement (warm-up, calibration and every batch of every kernel) should
 * take a few seconds at most. A request over either is capped before it runs,
 * and the note says which budget set the cap.
 */
import { bsrBytesFor } from '../kernels/bsr';
import { cooBytesFor } from '../kernels/coo';
import { csrBytesFor } from '../kernels/csr';
import { denseBytesFor } from '../kernels/dense';
import { nmBytesFor } from '../kernels/nm';
import type { Problem } from '../kernels/problem';
import { BYTES, type DType } from '../kernels/types';
import type { RateBook } from './rates';
import { kernelName, type KernelId } from './runner';

export const MEMORY_BUDGET_BYTES = 256 * 2 ** 20;

/** A measurement should take about this long at most (see measureSteps' budgetMs). */
export const TIME_BUDGET_MS = 3_000;

/** Rounds of calls a measurement makes at least (one warm-up and three batches, when shortened). */
const ROUNDS = 4;

export type Binding = 'memory' | 'time';

export interface Capped {
  n: number;
  /** Which budget lowered n, if any. */
  binding: Binding | null;
  note?: string;
}

/** Bytes in MB, for notes. */
export const MB = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

/** Nonzeros a structure can hold at its densest (2:4 keeps at most half). */
function maxNnz(p: Pick<Problem, 'n' | 'structure'>): number {
  return p.structure === 'nm' ? Math.ceil((p.n * p.n) / 2) : p.n * p.n;
}

/** Bytes of a kernel's matrix at its worst (0 % sparsity): what the runner's format cache holds. */
function formatBytes(id: KernelId, p: Problem): number {
  const { n, dtype } = p;
  switch (id.format) {
    case 'dense':
      return 0; // the problem's own A
    case 'csr':
      return csrBytesFor(n, maxNnz(p), dtype);
    case 'coo':
      return cooBytesFor(maxNnz(p), dtype);
    case 'bsr': {
      const b = id.blockSize ?? 4;
      return bsrBytesFor(n, Math.ceil(n / b) ** 2, b, dtype);
    }
    case 'nm':
      return nmBytesFor(n, n, dtype);
  }
}

/** Scratch the generators allocate while building A (see generate.ts). */
function generatorBytes(p: Problem): number {
  switch (p.structure) {
    case 'block':
      return 4 * Math.ceil(p.n / (p.blockSize ?? 4)) ** 2; // the shuffled tile list
    case 'power-law':
      return 8 * p.n + 64 * p.n; // row order and lengths, and a {row, share} object per row
    default:
      return 0;
  }
}

/**
 * Every buffer a run of `kernels` on `p` allocates (src/bench/runner.ts), at
 * the worst sparsity: the problem's A and X, the generator's scratch, each
 * format's copy of A, each output, the f64 reference and its error sums, the
 * per-row term counts, and for the simd tier a WebAssembly memory holding
 * copies of the matrix and vectors plus its fixed overhead.
 */
export function productBytes(
  p: Problem,
  kernels: readonly KernelId[],
  simdOverheadBytes = 8 * 2 ** 20,
): number {
  const e = BYTES[p.dtype];
  const vector = p.n * p.batch * e;
  let bytes = denseBytesFor(p.n, p.n, p.dtype) + vector + generatorBytes(p);
  const seen = new Set<string>();
  let arena = 0;
  for (const id of kernels) {
    const name = kernelName(id);
    const key = name.split(':')[0]!;
    if (!seen.has(key)) bytes += formatBytes(id, p); // one copy per format (the runner's cache)
    seen.add(key);
    bytes += 4 * p.n; // termsPerRow
    if (id.tier === 'simd') {
      const matrix = id.format === 'dense' ? denseBytesFor(p.n, p.n, p.dtype) : formatBytes(id, p);
      arena += matrix + 64 + 2 * vector + 64; // matrix, X and Y copies, 16-byte alignment
    } else {
      bytes += vector; // the output
    }
  }
  if (arena > 0) bytes += arena + simdOverheadBytes;
  bytes += 16 * p.n * p.batch; // referenceGemm: y and Σ|a·x| in f64
  // The engine's own growth beyond the arrays (heap, compiled code, the calibration run's
  // garbage): up to 6 MB of resident memory with scripts/memory-peak.ts on the heaviest jobs.
  return bytes + 8 * 2 ** 20;
}

/** FLOPs one call of a kernel executes at the worst sparsity. */
function worstFlops(id: KernelId, p: Problem): number {
  if (id.format === 'dense') return 2 * p.n * p.n * p.batch;
  if (id.format === 'nm') return 2 * Math.ceil((p.n * p.n) / 2) * p.batch;
  if (id.format === 'bsr') {
    const b = id.blockSize ?? 4;
    return 2 * Math.ceil(p.n / b) ** 2 * b * b * p.batch;
  }
  return 2 * maxNnz(p) * p.batch;
}

/**
 * Estimated ms for one measurement at the worst sparsity, from the rates seen
 * here: four rounds of calls of every kernel (a shortened measurement's least),
 * plus the double-precision reference that checks the answers.
 */
export function measurementMs(p: Problem, kernels: readonly KernelId[], rates: RateBook): number {
  const matrixBytes = denseBytesFor(p.n, p.n, p.dtype);
  const key = (kernel: string) => ({ kernel, dtype: p.dtype, batch: p.batch, matrixBytes });
  const calls = kernels.reduce(
    (ms, id) => ms + rates.estimateMs(key(kernelName(id)), worstFlops(id, p)),
    0,
  );
  return ROUNDS * calls + rates.estimateMs(key(REFERENCE_KERNEL), 2 * maxNnz(p) * p.batch);
}

/** The rate book's name for the f64 reference product (its rate is recorded like a kernel's). */
export const REFERENCE_KERNEL = 'reference';

/**
 * The largest n (a multiple of 16, at most the one asked for) whose problem fits
 * both budgets, and in words which budget bound. `bytesAt` and `msAt` give a
 * problem's cost at a trial n.
 */
export function capN(
  n: number,
  bytesAt: (n: number) => number,
  msAt: (n: number) => number,
  what: string,
): Capped {
  const overMemory = (m: number) => bytesAt(m) > MEMORY_BUDGET_BYTES;
  const overTime = (m: number) => msAt(m) > TIME_BUDGET_MS;
  if (!overMemory(n) && !overTime(n)) return { n, binding: null };
  let m = n - (n % 16);
  while (m > 16 && (overMemory(m) || overTime(m))) m -= 16;
  // Name the budget that binds at the answer's next step up, not whichever was over at n.
  const memoryCap = (() => {
    let k = n - (n % 16);
    while (k > 16 && overMemory(k)) k -= 16;
    return k;
  })();
  const binding: Binding = memoryCap <= m ? 'memory' : 'time';
  const note =
    binding === 'memory'
      ? `${what} needs about ${MB(bytesAt(n))} here; capped to n = ${m} to stay within the ${MB(MEMORY_BUDGET_BYTES)} memory budget.`
      : `${what} would take about ${seconds(msAt(n))} per measurement on this device; capped to n = ${m} so that each measurement takes a few seconds (the time budget; memory alone would allow n = ${memoryCap}).`;
  return { n: m, binding, note };
}

const seconds = (ms: number): string =>
  ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;

/** Caps a product problem to both budgets (see capN). */
export function capProduct(
  p: Problem,
  kernels: readonly KernelId[],
  rates: RateBook,
  simdOverheadBytes?: number,
): Capped {
  const what = `n = ${p.n}${p.batch > 1 ? ` with a batch of ${p.batch}` : ''}`;
  return capN(
    p.n,
    (n) => productBytes({ ...p, n }, kernels, simdOverheadBytes),
    (n) => measurementMs({ ...p, n }, kernels, rates),
    what,
  );
}

/**
 * Every buffer the storage-footprint job holds at its worst moment: an f64
 * matrix, the generator's one-byte-per-cell scratch, its f32 copy, and the
 * largest format built from them (COO of the f64 matrix at 0 % sparsity), plus
 * the copy with one more nonzero made at a break-even.
 */
export function footprintBytes(n: number): number {
  const cells = n * n;
  return (
    denseBytesFor(n, n, 'f64') + // the f64 matrix
    cells + // withExactNonzeros' scratch
    denseBytesFor(n, n, 'f32') + // its f32 copy
    cooBytesFor(cells, 'f64') + // the biggest format, built and dropped in turn
    denseBytesFor(n, n, 'f64') + // withOneMoreNonzero's copy at a break-even
    2 ** 20
  );
}

/**
 * Every buffer the dynamic-sparsity job holds: W, the activations of every
 * step, the CSR workspace and the fixed pattern's CSR copy (both sized for the
 * most winners), and the per-step vectors and verification sums.
 */
export function dynamicBytes(n: number, dtype: DType, maxWinners: number, steps: number): number {
  const w = BYTES[dtype];
  const csr = csrBytesFor(n, n * maxWinners, dtype);
  return (
    denseBytesFor(n, n, dtype) + // W
    steps * n * w + // activations
    2 * csr + // workspace and the fixed pattern's copy
    n * (8 + 4 + 6 * w) + // selection scratch, winner list, x, four outputs, fixed x
    steps * 16 * n * 2 + // f64 references (y and Σ|a·x|) per verified step, twice over
    2 ** 20
  );
}
