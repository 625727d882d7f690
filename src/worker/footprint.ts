/**
 * The `footprint` job: how many bytes each format really takes, against
 * sparsity, in f32 and f64. Everything is counted on real matrices (the typed
 * arrays' byteLength) and checked against the closed-form size of each format;
 * break-even points are solved from those formulas and then confirmed by
 * building matrices right at them. No timing: this job measures bytes.
 */
import type { Environment } from '../bench/environment';
import { bitmapBytes, bitmapBytesFor, bitmapFromDense } from '../kernels/bitmap';
import { csrBytesFor } from '../kernels/csr';
import { denseAs, type Dense } from '../kernels/dense';
import { targetNnz } from '../kernels/generate';
import { fromDense, storageBytes } from '../kernels/matrix';
import { createRng } from '../kernels/prng';
import { allocFloat, BYTES, type DType } from '../kernels/types';
import { MEMORY_BUDGET_BYTES } from './budget';
import type { JobContext } from './jobs';
import type { Fault } from './protocol';

export type FootprintFormat = 'csr' | 'coo' | 'bsr' | 'bitmap';
export const FOOTPRINT_FORMATS: readonly FootprintFormat[] = ['csr', 'coo', 'bsr', 'bitmap'];
export const FOOTPRINT_DTYPES: readonly DType[] = ['f32', 'f64'];

/** BSR block edge used throughout. */
export const FOOTPRINT_BLOCK = 4;

/** Sparsities of the curve: spread evenly on the "nines" axis the chart uses. */
export const FOOTPRINT_SPARSITIES: readonly number[] = [
  0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9998, 0.9999,
];

export interface FootprintParams {
  n: number;
  seed: number;
  fault?: Fault;
}

/** One matrix of the curve, in one precision, stored in every format. */
export interface FootprintPoint {
  dtype: DType;
  /** Actual share of zeros (1 − nnz / n²). */
  sparsity: number;
  nnz: number;
  /** 4 × 4 blocks holding at least one nonzero, counted on the dense matrix. */
  blocks: number;
  dense: number;
  /** Real bytes: the byteLength of each format's arrays. */
  bytes: Record<FootprintFormat, number>;
  /** Bytes the closed-form formula predicts from nnz (or blocks). */
  formula: Record<FootprintFormat, number>;
}

export interface BreakEven {
  format: FootprintFormat;
  dtype: DType;
  /** What the format's size depends on: nonzeros, or nonzero blocks for BSR. */
  unit: 'nonzeros' | 'blocks';
  /** The largest count at which the format is no bigger than dense, from the formula. */
  count: number;
  /** Entries (n²) or blocks (⌈n/4⌉²) in the matrix. */
  total: number;
  /** 1 − count / total: at this share of zero entries (blocks for BSR) or more, the format saves bytes. */
  sparsity: number;
  /** BSR only: the unstructured sparsity at which about that share of blocks is empty. */
  unstructuredSparsity: number | null;
  dense: number;
  /** Real bytes of a matrix built with `count`, and with `count + 1` (null when count = total). */
  bytesAt: number;
  bytesAbove: number | null;
  /** Real bytes equal the formula at both matrices. */
  formulaAgrees: boolean;
  /** bytesAt ≤ dense < bytesAbove, on the real matrices. */
  confirmed: boolean;
  verified: boolean;
}

export interface FootprintResult {
  params: { n: number; seed: number };
  notes: string[];
  blockSize: number;
  points: FootprintPoint[];
  breakEvens: BreakEven[];
  /** Matrices whose real bytes were compared with the formula. */
  checked: number;
  /** Each disagreement, in words. */
  mismatches: string[];
  verified: boolean;
  env: Environment;
}

// ---------------------------------------------------------------- formulas

/** Closed-form bytes of each format, from the counts alone. */
export function formulaBytes(
  format: FootprintFormat | 'dense',
  n: number,
  dtype: DType,
  nnz: number,
  blocks: number,
): number {
  const w = BYTES[dtype];
  const b = FOOTPRINT_BLOCK;
  switch (format) {
    case 'dense':
      return n * n * w;
    case 'csr':
      return csrBytesFor(n, nnz, dtype); // 4(n + 1) + nnz · (4 + w)
    case 'coo':
      return nnz * (8 + w);
    case 'bsr':
      return 4 * (Math.ceil(n / b) + 1) + blocks * (b * b * w + 4);
    case 'bitmap':
      return bitmapBytesFor(n, n, nnz, dtype); // 4 · n · ⌈n/32⌉ + nnz · w
  }
}

/** The largest count (nonzeros, or blocks for BSR) whose formula size is ≤ dense, capped at the total. */
export function breakEvenCount(format: FootprintFormat, n: number, dtype: DType): number {
  const w = BYTES[dtype];
  const dense = n * n * w;
  const b = FOOTPRINT_BLOCK;
  const nb = Math.ceil(n / b);
  let count: number;
  switch (format) {
    case 'csr':
      count = Math.floor((dense - 4 * (n + 1)) / (4 + w));
      break;
    case 'coo':
      count = Math.floor(dense / (8 + w));
      break;
    case 'bsr':
      count = Math.floor((dense - 4 * (nb + 1)) / (b * b * w + 4));
      break;
    case 'bitmap':
      count = Math.floor((dense - 4 * n * Math.ceil(n / 32)) / w);
      break;
  }
  const total = format === 'bsr' ? nb * nb : n * n;
  return Math.max(0, Math.min(total, count));
}

/** 4 × 4 blocks with at least one nonzero, counted directly on the dense matrix. */
export function countBlocks(a: Dense, b = FOOTPRINT_BLOCK): number {
  const { rows, cols, data } = a;
  const bRows = Math.ceil(rows / b);
  const bCols = Math.ceil(cols / b);
  const seen = new Uint8Array(bRows * bCols);
  let blocks = 0;
  for (let i = 0; i < rows; i++) {
    const I = Math.floor(i / b) * bCols;
    for (let j = 0; j < cols; j++) {
      if (data[i * cols + j] !== 0) {
        const t = I + Math.floor(j / b);
        if (seen[t] === 0) {
          seen[t] = 1;
          blocks++;
        }
      }
    }
  }
  return blocks;
}

function countNonzeros(a: Dense): number {
  let nnz = 0;
  for (let k = 0; k < a.data.length; k++) if (a.data[k] !== 0) nnz++;
  return nnz;
}

/** Real bytes of `a` stored in `format`. */
export function realBytes(a: Dense, format: FootprintFormat): number {
  if (format === 'bitmap') return bitmapBytes(bitmapFromDense(a));
  return storageBytes(fromDense(a, format, { blockSize: FOOTPRINT_BLOCK }));
}

// ---------------------------------------------------------------- matrices

const nonzeroValue = (rng: ReturnType<typeof createRng>): number => rng.next() * 2 - 1 || 1;

/**
 * An n × n matrix with exactly `nnz` nonzeros at uniformly random places. It
 * draws the smaller side (the nonzeros, or the zeros) by rejection: at most half
 * the cells are ever taken, so each pick needs fewer than two draws on average,
 * and a matrix near the break-even costs far less than visiting every cell with
 * a draw.
 */
function withNonzeros(n: number, nnz: number, dtype: DType, seed: number): Dense {
  const total = n * n;
  const rng = createRng(seed, 8);
  const taken = new Uint8Array(total);
  const pickZeros = nnz > total / 2;
  for (let need = pickZeros ? total - nnz : nnz; need > 0;) {
    const k = rng.nextInt(total);
    if (taken[k] === 0) {
      taken[k] = 1;
      need--;
    }
  }
  const data = allocFloat(dtype, total);
  for (let k = 0; k < total; k++) if ((taken[k] === 1) !== pickZeros) data[k] = nonzeroValue(rng);
  const a = { rows: n, cols: n, dtype, data };
  const got = countNonzeros(a);
  if (got !== nnz) throw new Error(`Asked for ${nnz} nonzeros, the generator made ${got}.`);
  return a;
}

/** The same matrix with one more nonzero (in the first zero cell from a random start), or null if full. */
function plusOneNonzero(a: Dense, seed: number): Dense | null {
  const total = a.data.length;
  const start = createRng(seed, 9).nextInt(total);
  for (let step = 0; step < total; step++) {
    const k = (start + step) % total;
    if (a.data[k] === 0) {
      const data = a.data.slice();
      data[k] = 0.5;
      return { ...a, data };
    }
  }
  return null;
}

/** An n × n matrix with exactly `blocks` nonzero 4 × 4 blocks, one nonzero in each. */
function withBlocks(n: number, blocks: number, dtype: DType, seed: number): Dense {
  const b = FOOTPRINT_BLOCK;
  const nb = Math.ceil(n / b);
  const rng = createRng(seed, 7);
  const tiles = new Int32Array(nb * nb);
  for (let t = 0; t < tiles.length; t++) tiles[t] = t;
  const data = allocFloat(dtype, n * n);
  for (let t = 0; t < blocks; t++) {
    // Partial Fisher–Yates: each next tile is uniform among those not yet taken.
    const pick = t + rng.nextInt(tiles.length - t);
    const tile = tiles[pick]!;
    tiles[pick] = tiles[t]!;
    tiles[t] = tile;
    const r0 = Math.floor(tile / nb) * b;
    const c0 = (tile % nb) * b;
    const r = r0 + rng.nextInt(Math.min(b, n - r0));
    const c = c0 + rng.nextInt(Math.min(b, n - c0));
    data[r * n + c] = rng.next() * 2 - 1 || 1;
  }
  return { rows: n, cols: n, dtype, data };
}

/** The same matrix with one more nonzero 4 × 4 block (one nonzero in the first empty block from a random start). */
function plusOneBlock(a: Dense, seed: number): Dense | null {
  const b = FOOTPRINT_BLOCK;
  const n = a.rows;
  const nb = Math.ceil(n / b);
  const start = createRng(seed, 10).nextInt(nb * nb);
  for (let step = 0; step < nb * nb; step++) {
    const t = (start + step) % (nb * nb);
    const r0 = Math.floor(t / nb) * b;
    const c0 = (t % nb) * b;
    let empty = true;
    for (let r = r0; r < Math.min(n, r0 + b) && empty; r++) {
      for (let c = c0; c < Math.min(n, c0 + b); c++) if (a.data[r * n + c] !== 0) empty = false;
    }
    if (empty) {
      const data = a.data.slice();
      data[r0 * n + c0] = 0.5;
      return { ...a, data };
    }
  }
  return null;
}

/** Bytes the job holds at its worst: an f64 and an f32 matrix, plus COO of the f64 one at 0 %. */
export function footprintJobBytes(n: number): number {
  return n * n * (8 + 4 + 16);
}

function capN(n: number): { n: number; notes: string[] } {
  if (footprintJobBytes(n) <= MEMORY_BUDGET_BYTES) return { n, notes: [] };
  let capped = n;
  while (capped > 16 && footprintJobBytes(capped) > MEMORY_BUDGET_BYTES) capped -= 16;
  return {
    n: capped,
    notes: [`n = ${n} would need more than the memory budget; capped to n = ${capped}.`],
  };
}

// ---------------------------------------------------------------- the job

export async function measureFootprint(
  requested: FootprintParams,
  ctx: Pick<JobContext, 'env' | 'faults' | 'unit' | 'progress'>,
): Promise<FootprintResult> {
  const { n, notes } = capN(requested.n);
  const seed = requested.seed;
  const corrupt = ctx.faults && requested.fault === 'corrupt';
  const mismatches: string[] = [];
  let checked = 0;

  /** Compares real bytes with the formula; counts the matrix as checked. */
  const check = (what: string, real: number, formula: number): boolean => {
    checked++;
    if (real === formula) return true;
    mismatches.push(`${what}: ${real} bytes stored, formula says ${formula}.`);
    return false;
  };

  const total = FOOTPRINT_SPARSITIES.length + FOOTPRINT_FORMATS.length * FOOTPRINT_DTYPES.length;
  let done = 0;
  const points: FootprintPoint[] = [];

  for (const s of FOOTPRINT_SPARSITIES) {
    // One unit per precision, so no unit holds the worker for long.
    let f64: Dense | undefined;
    let nnz = 0;
    let blocks = 0;
    const made: FootprintPoint[] = [];
    for (const dtype of FOOTPRINT_DTYPES) {
      const point = await ctx.unit((): FootprintPoint | null => {
        if (!f64) {
          nnz = targetNnz(n, n, s);
          f64 = withNonzeros(n, nnz, 'f64', seed);
          blocks = countBlocks(f64);
        }
        if (nnz === 0) return null; // nothing stored: a ratio of 0 has no place on a log axis
        const a = dtype === 'f64' ? f64 : denseAs(f64, dtype);
        const p: FootprintPoint = {
          dtype,
          sparsity: 1 - nnz / (n * n),
          nnz,
          blocks,
          dense: storageBytes(a),
          bytes: { csr: 0, coo: 0, bsr: 0, bitmap: 0 },
          formula: { csr: 0, coo: 0, bsr: 0, bitmap: 0 },
        };
        check(`dense ${dtype}`, p.dense, formulaBytes('dense', n, dtype, nnz, blocks));
        for (const format of FOOTPRINT_FORMATS) {
          p.bytes[format] = realBytes(a, format);
          p.formula[format] = formulaBytes(format, n, dtype, nnz, blocks);
          check(`${format} ${dtype}, nnz ${nnz}`, p.bytes[format], p.formula[format]);
        }
        return p;
      });
      if (point) made.push(point);
    }
    points.push(...made);
    ctx.progress(++done, total, { points: made });
  }

  const breakEvens: BreakEven[] = [];
  for (const dtype of FOOTPRINT_DTYPES) {
    for (const format of FOOTPRINT_FORMATS) {
      const be = await ctx.unit((): BreakEven => {
        const count = breakEvenCount(format, n, dtype);
        const isBsr = format === 'bsr';
        const nb = Math.ceil(n / FOOTPRINT_BLOCK);
        const all = isBsr ? nb * nb : n * n;
        const dense = formulaBytes('dense', n, dtype, 0, 0);
        const sizeOf = (a: Dense): { real: number; formula: number } => {
          const nnz = countNonzeros(a);
          const blocks = isBsr ? countBlocks(a) : 0;
          return {
            real: realBytes(a, format),
            formula: formulaBytes(format, n, dtype, nnz, blocks),
          };
        };
        const matrix = isBsr
          ? withBlocks(n, count, dtype, seed)
          : withNonzeros(n, count, dtype, seed);
        const more = isBsr ? plusOneBlock(matrix, seed) : plusOneNonzero(matrix, seed);
        const at = sizeOf(matrix);
        if (corrupt && format === 'csr' && dtype === 'f32') at.real += 1;
        const above = count < all && more ? sizeOf(more) : null;
        const label = `${format} ${dtype} at the break-even`;
        const agreesAt = check(label, at.real, at.formula);
        const agreesAbove = above === null || check(`${label} + 1`, above.real, above.formula);
        const confirmed = at.real <= dense && (above === null || above.real > dense);
        const share = 1 - count / all;
        return {
          format,
          dtype,
          unit: isBsr ? 'blocks' : 'nonzeros',
          count,
          total: all,
          sparsity: share,
          // A 4 × 4 block of unstructured zeros at sparsity s is empty with probability s¹⁶.
          unstructuredSparsity: isBsr ? share ** (1 / FOOTPRINT_BLOCK ** 2) : null,
          dense,
          bytesAt: at.real,
          bytesAbove: above?.real ?? null,
          formulaAgrees: agreesAt && agreesAbove,
          confirmed,
          verified: agreesAt && agreesAbove && confirmed,
        };
      });
      breakEvens.push(be);
      ctx.progress(++done, total, { points: [] });
    }
  }

  return {
    params: { n, seed },
    notes,
    blockSize: FOOTPRINT_BLOCK,
    points,
    breakEvens,
    checked,
    mismatches,
    verified: mismatches.length === 0 && breakEvens.every((b) => b.verified),
    env: ctx.env,
  };
}
