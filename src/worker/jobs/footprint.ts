/**
 * The `footprint` job: how many bytes each format really takes, against
 * sparsity, in f32 and f64. Everything is counted on real matrices (the typed
 * arrays' byteLength) and checked against the closed-form size of each format;
 * break-even points are solved from those formulas and then confirmed by
 * building matrices right at them. No timing: this job measures bytes.
 */
import { capN, footprintBytes } from '../../bench/budget';
import type { Environment } from '../../bench/environment';
import { bitmapBytes, bitmapBytesFor, bitmapFromDense } from '../../kernels/bitmap';
import { bsrBlockCount, bsrBytesFor } from '../../kernels/bsr';
import { cooBytesFor } from '../../kernels/coo';
import { csrBytesFor } from '../../kernels/csr';
import { denseAs, denseBytesFor, denseNnz, type Dense } from '../../kernels/dense';
import {
  targetNnz,
  withExactBlocks,
  withExactNonzeros,
  withOneMoreBlock,
  withOneMoreNonzero,
} from '../../kernels/generate';
import { fromDense, storageBytes } from '../../kernels/matrix';
import { BYTES, type DType } from '../../kernels/types';
import { defineJob } from '../context';

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

/** Closed-form bytes of each format, from the counts alone (each format file's own formula). */
export function formulaBytes(
  format: FootprintFormat | 'dense',
  n: number,
  dtype: DType,
  nnz: number,
  blocks: number,
): number {
  switch (format) {
    case 'dense':
      return denseBytesFor(n, n, dtype);
    case 'csr':
      return csrBytesFor(n, nnz, dtype);
    case 'coo':
      return cooBytesFor(nnz, dtype);
    case 'bsr':
      return bsrBytesFor(n, blocks, FOOTPRINT_BLOCK, dtype);
    case 'bitmap':
      return bitmapBytesFor(n, n, nnz, dtype);
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

/** Real bytes of `a` stored in `format`. */
export function realBytes(a: Dense, format: FootprintFormat): number {
  if (format === 'bitmap') return bitmapBytes(bitmapFromDense(a));
  return storageBytes(fromDense(a, format, { blockSize: FOOTPRINT_BLOCK }));
}

export const footprint = defineJob<FootprintParams, FootprintResult, { points: FootprintPoint[] }>({
  priority: 1,
  async run(requested, ctx) {
    // No timing here, so only the memory budget can bind.
    const cap = capN(requested.n, footprintBytes, () => 0, `n = ${requested.n}`);
    const n = cap.n;
    const notes = cap.note ? [cap.note] : [];
    const seed = requested.seed;
    const corrupt = ctx.fault === 'corrupt';
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
            f64 = withExactNonzeros(n, nnz, 'f64', seed);
            blocks = bsrBlockCount(f64, FOOTPRINT_BLOCK);
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
            const nnz = denseNnz(a);
            const blocks = isBsr ? bsrBlockCount(a, FOOTPRINT_BLOCK) : 0;
            return {
              real: realBytes(a, format),
              formula: formulaBytes(format, n, dtype, nnz, blocks),
            };
          };
          const matrix = isBsr
            ? withExactBlocks(n, count, FOOTPRINT_BLOCK, dtype, seed)
            : withExactNonzeros(n, count, dtype, seed);
          const more = isBsr
            ? withOneMoreBlock(matrix, FOOTPRINT_BLOCK, seed)
            : withOneMoreNonzero(matrix, seed);
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
  },
});
