import { denseNnz, type Dense } from './dense';
import { createRng, type Rng } from './prng';
import { allocFloat, type DType, type FloatArray } from './types';

/**
 * Seeded test matrices with a chosen sparsity and structure. Every generator
 * draws only from prng.ts, so a seed gives the same matrix in every browser
 * and in Node; every one hits the target nonzero count exactly when the
 * structure allows it, and reports what it made.
 */

/** Streams of one seed, so matrix and vector never share random numbers. */
const STREAM = { matrix: 0, vector: 1 } as const;

/** A nonzero value, uniform in [-1, 1) but never exactly 0 (nnz stays exact). */
function nonzeroValue(rng: Rng): number {
  return rng.next() * 2 - 1 || 1;
}

/** How many entries of a rows × cols matrix stay nonzero at this sparsity. */
export function targetNnz(rows: number, cols: number, sparsity: number): number {
  return Math.round(rows * cols * (1 - sparsity));
}

export interface UnstructuredSpec {
  rows: number;
  cols: number;
  /** Fraction of entries that are zero, in [0, 1]. */
  sparsity: number;
  dtype: DType;
  seed: number;
}

/**
 * A dense matrix with exactly `targetNnz` nonzeros placed uniformly at random
 * (unstructured sparsity). Selection sampling (Knuth's Algorithm S) visits each
 * cell once and keeps it with probability needed / remaining, which is exact,
 * uniform, and needs no extra memory.
 */
export function randomUnstructured(spec: UnstructuredSpec): Dense {
  const { rows, cols, sparsity, dtype, seed } = spec;
  const rng = createRng(seed, STREAM.matrix);
  const data = allocFloat(dtype, rows * cols);
  const total = rows * cols;
  let needed = targetNnz(rows, cols, sparsity);
  for (let k = 0; k < total && needed > 0; k++) {
    if (rng.next() * (total - k) < needed) {
      data[k] = nonzeroValue(rng);
      needed--;
    }
  }
  return { rows, cols, dtype, data };
}

/** A dense vector of nonzero values, reproducible from its seed. */
export function randomVector(length: number, dtype: DType, seed: number): FloatArray {
  const rng = createRng(seed, STREAM.vector);
  const v = allocFloat(dtype, length);
  for (let i = 0; i < length; i++) v[i] = nonzeroValue(rng);
  return v;
}

/** A dense rows × cols right-hand side (SpMM's X), reproducible from its seed. */
export function randomDense(rows: number, cols: number, dtype: DType, seed: number): Dense {
  return { rows, cols, dtype, data: randomVector(rows * cols, dtype, seed) };
}

// ------------------------------------------------------------ structures

export type Structure = 'unstructured' | 'block' | 'nm' | 'banded' | 'power-law';
export const STRUCTURES: readonly Structure[] = [
  'unstructured',
  'block',
  'nm',
  'banded',
  'power-law',
];

export interface StructuredSpec extends UnstructuredSpec {
  structure: Structure;
  /** block: tile edge b (default 4). */
  blockSize?: number;
  /** nm: at most n nonzeros in every m consecutive entries of a row (default 2:4). */
  n?: number;
  m?: number;
  /** power-law: row lengths fall off as rank^−alpha (default 1). */
  alpha?: number;
}

export interface Generated {
  dense: Dense;
  structure: Structure;
  /** What the spec asked for… */
  targetNnz: number;
  /** …and what the structure allowed (differs only for nm below 1 − n/m sparsity). */
  nnz: number;
  sparsity: number;
}

/** Chooses `count` distinct indices of [0, total) in increasing order (Algorithm S). */
function sampleSorted(
  rng: Rng,
  total: number,
  count: number,
  visit: (index: number) => void,
): void {
  let needed = count;
  for (let k = 0; k < total && needed > 0; k++) {
    if (rng.next() * (total - k) < needed) {
      visit(k);
      needed--;
    }
  }
}

/**
 * Whole b × b tiles are zero or nonzero. Tiles are taken in a seeded random
 * order and filled until the count is reached; only the last tile taken may be
 * partly filled, so nnz is exact and the block structure is kept.
 */
export function randomBlock(spec: UnstructuredSpec & { blockSize?: number }): Dense {
  const { rows, cols, sparsity, dtype, seed } = spec;
  const b = spec.blockSize ?? 4;
  const rng = createRng(seed, STREAM.matrix);
  const data = allocFloat(dtype, rows * cols);
  const bRows = Math.ceil(rows / b);
  const bCols = Math.ceil(cols / b);
  const tiles = new Int32Array(bRows * bCols);
  for (let t = 0; t < tiles.length; t++) tiles[t] = t;
  let needed = targetNnz(rows, cols, sparsity);
  for (let t = 0; t < tiles.length && needed > 0; t++) {
    // Partial Fisher–Yates: the next tile is uniform among those not yet taken.
    const pick = t + rng.nextInt(tiles.length - t);
    const tile = tiles[pick]!;
    tiles[pick] = tiles[t]!;
    tiles[t] = tile;
    const r0 = Math.floor(tile / bCols) * b;
    const c0 = (tile % bCols) * b;
    const h = Math.min(b, rows - r0);
    const w = Math.min(b, cols - c0);
    for (let r = 0; r < h && needed > 0; r++) {
      for (let c = 0; c < w && needed > 0; c++) {
        data[(r0 + r) * cols + c0 + c] = nonzeroValue(rng);
        needed--;
      }
    }
  }
  return { rows, cols, dtype, data };
}

/**
 * N:M semi-structured (2:4 by default): at most n nonzeros in each group of m
 * consecutive entries of a row. The kept slots are a uniform choice among all
 * n-per-group slots, and positions inside a group are uniform too. Below
 * 1 − n/m sparsity the pattern cannot hold the target: it is then full.
 */
export function randomNm(spec: UnstructuredSpec & { n?: number; m?: number }): Dense {
  const { rows, cols, sparsity, dtype, seed } = spec;
  const n = spec.n ?? 2;
  const m = spec.m ?? 4;
  const rng = createRng(seed, STREAM.matrix);
  const data = allocFloat(dtype, rows * cols);
  const groups = Math.ceil(cols / m);
  const lastWidth = cols - (groups - 1) * m;
  const slotsPerRow = (groups - 1) * n + Math.min(n, lastWidth);
  const totalSlots = cols === 0 ? 0 : rows * slotsPerRow;
  let needed = Math.min(targetNnz(rows, cols, sparsity), totalSlots);
  let remaining = totalSlots;
  for (let i = 0; i < rows; i++) {
    for (let g = 0; g < groups; g++) {
      const w = Math.min(m, cols - g * m);
      const slots = Math.min(n, w);
      let keep = 0;
      for (let s = 0; s < slots; s++, remaining--) {
        if (needed > 0 && rng.next() * remaining < needed) {
          keep++;
          needed--;
        }
      }
      if (keep > 0) {
        const base = i * cols + g * m;
        sampleSorted(rng, w, keep, (c) => {
          data[base + c] = nonzeroValue(rng);
        });
      }
    }
  }
  return { rows, cols, dtype, data };
}

/**
 * Banded: nonzeros hug the main diagonal. Diagonals are filled outward in the
 * order 0, +1, −1, +2, −2, …; the last one needed is filled at random places,
 * so nnz is exact and the band is as narrow as the count allows.
 */
export function randomBanded(spec: UnstructuredSpec): Dense {
  const { rows, cols, sparsity, dtype, seed } = spec;
  const rng = createRng(seed, STREAM.matrix);
  const data = allocFloat(dtype, rows * cols);
  let needed = targetNnz(rows, cols, sparsity);
  // Diagonal d holds the cells (i, i + d).
  const diagLength = (d: number): number => Math.max(0, Math.min(rows, cols - d) - Math.max(0, -d));
  const lastT = 2 * Math.max(rows, cols);
  for (let t = 0; needed > 0 && t <= lastT; t++) {
    const d = t === 0 ? 0 : t % 2 === 1 ? (t + 1) / 2 : -t / 2;
    const len = diagLength(d);
    if (len === 0) continue;
    const i0 = Math.max(0, -d);
    const take = Math.min(len, needed);
    sampleSorted(rng, len, take, (k) => {
      data[(i0 + k) * cols + i0 + k + d] = nonzeroValue(rng);
    });
    needed -= take;
  }
  return { rows, cols, dtype, data };
}

/**
 * Power-law row lengths, as in graphs and word co-occurrence: the row of rank
 * r gets a length ∝ (r + 1)^−alpha (capped at the row width), rows are ranked
 * in a seeded random order, and each row's columns are uniform. Lengths are
 * apportioned so their sum is exactly the target.
 */
export function randomPowerLaw(spec: UnstructuredSpec & { alpha?: number }): Dense {
  const { rows, cols, sparsity, dtype, seed } = spec;
  const alpha = spec.alpha ?? 1;
  const rng = createRng(seed, STREAM.matrix);
  const data = allocFloat(dtype, rows * cols);
  const lengths = powerLawLengths(rows, cols, targetNnz(rows, cols, sparsity), alpha);
  // Rank → row: a seeded shuffle, so the long rows are not all at the top.
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  for (let r = 0; r < rows; r++) {
    const base = order[r]! * cols;
    sampleSorted(rng, cols, lengths[r]!, (c) => {
      data[base + c] = nonzeroValue(rng);
    });
  }
  return { rows, cols, dtype, data };
}

/** Integer lengths ∝ (r+1)^−alpha, each ≤ cap, summing to total (water-filling + largest remainder). */
export function powerLawLengths(
  rows: number,
  cap: number,
  total: number,
  alpha: number,
): Int32Array {
  const lengths = new Int32Array(rows);
  if (rows === 0 || cap === 0) return lengths;
  total = Math.min(total, rows * cap);
  // Division is correctly rounded in every engine; Math.pow is not guaranteed to be, so the
  // default alpha = 1 avoids it and stays bit-identical across browsers.
  const weight = (r: number): number => (alpha === 1 ? 1 / (r + 1) : (r + 1) ** -alpha);
  // Rows past `capped` are below the cap; the first `capped` (heaviest) are full.
  let capped = 0;
  let rest = 0;
  for (let r = 0; r < rows; r++) rest += weight(r);
  for (;;) {
    const budget = total - capped * cap;
    if (capped < rows && (budget * weight(capped)) / rest >= cap) {
      rest -= weight(capped);
      capped++;
    } else break;
  }
  const budget = total - capped * cap;
  const shares: { r: number; frac: number }[] = [];
  let assigned = capped * cap;
  for (let r = 0; r < rows; r++) {
    if (r < capped) {
      lengths[r] = cap;
      continue;
    }
    const ideal = rest > 0 ? (budget * weight(r)) / rest : 0;
    const whole = Math.min(cap, Math.floor(ideal));
    lengths[r] = whole;
    assigned += whole;
    shares.push({ r, frac: ideal - whole });
  }
  shares.sort((p, q) => q.frac - p.frac || p.r - q.r);
  for (let s = 0; assigned < total && shares.length > 0; s = (s + 1) % shares.length) {
    const r = shares[s]!.r;
    if (lengths[r]! < cap) {
      lengths[r] = lengths[r]! + 1;
      assigned++;
    }
  }
  return lengths;
}

/** One entry point for every structure; reports the nonzeros actually placed. */
export function generate(spec: StructuredSpec): Generated {
  let dense: Dense;
  switch (spec.structure) {
    case 'unstructured':
      dense = randomUnstructured(spec);
      break;
    case 'block':
      dense = randomBlock(spec);
      break;
    case 'nm':
      dense = randomNm(spec);
      break;
    case 'banded':
      dense = randomBanded(spec);
      break;
    case 'power-law':
      dense = randomPowerLaw(spec);
      break;
  }
  const total = spec.rows * spec.cols;
  const nnz = denseNnz(dense);
  return {
    dense,
    structure: spec.structure,
    targetNnz: targetNnz(spec.rows, spec.cols, spec.sparsity),
    nnz,
    sparsity: total === 0 ? 0 : 1 - nnz / total,
  };
}

// ------------------------------------------------- exact counts, for byte counting

/**
 * An n × n matrix with exactly `nnz` nonzeros at uniformly random places. It
 * draws the smaller side (the nonzeros, or the zeros) by rejection: at most half
 * the cells are ever taken, so each pick needs fewer than two draws on average,
 * and a matrix near a break-even costs far less than visiting every cell with a
 * draw. Scratch: one byte per cell.
 */
export function withExactNonzeros(n: number, nnz: number, dtype: DType, seed: number): Dense {
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
  return { rows: n, cols: n, dtype, data };
}

/** The same matrix with one more nonzero (in the first zero cell from a seeded start), or null if full. */
export function withOneMoreNonzero(a: Dense, seed: number): Dense | null {
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

/** An n × n matrix with exactly `blocks` nonzero b × b blocks, one nonzero in each. */
export function withExactBlocks(
  n: number,
  blocks: number,
  blockSize: number,
  dtype: DType,
  seed: number,
): Dense {
  const b = blockSize;
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
    data[r * n + c] = nonzeroValue(rng);
  }
  return { rows: n, cols: n, dtype, data };
}

/** The same matrix with one more nonzero b × b block (one nonzero in the first empty block from a seeded start). */
export function withOneMoreBlock(a: Dense, blockSize: number, seed: number): Dense | null {
  const b = blockSize;
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
