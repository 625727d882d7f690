import type { Dense } from './dense';
import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/** Block sizes the essay offers. Any positive size works in the kernels. */
export const BSR_BLOCK_SIZES = [2, 4, 8, 16] as const;

/**
 * Block sparse row (BSR): CSR whose entries are dense b × b blocks.
 *
 *   A (b = 2) =  | 1 2 . . |      blockRowPtr = [0, 1, 3]
 *                | 3 4 . . |      blockColIdx = [0,  0, 1]
 *                | 5 . 7 8 |      values      = [1 2 3 4 | 5 0 0 6 | 7 8 0 9]
 *                | . 6 . 9 |                     block(0,0) block(1,0) block(1,1)
 *
 * Each block is stored row-major, zeros inside a kept block included. Blocks at
 * the right and bottom edges are padded with zeros when b does not divide the
 * size. One index per block instead of per nonzero, and b consecutive x values
 * per index: when the nonzeros really come in blocks (pruned tiles), this
 * buys back most of the indirection that CSR pays.
 */
export interface Bsr {
  readonly format: 'bsr';
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  readonly blockSize: number;
  readonly blockRowPtr: Int32Array;
  readonly blockColIdx: Int32Array;
  /** b·b values per block, blocks in blockColIdx order. */
  readonly values: FloatArray;
}

export function bsrBlocks(a: Bsr): number {
  return a.blockColIdx.length;
}

export function bsrBytes(a: Bsr): number {
  return a.blockRowPtr.byteLength + a.blockColIdx.byteLength + a.values.byteLength;
}

/** FLOPs executed, stored zeros inside blocks included (the kernel multiplies them). */
export function bsrFlops(a: Bsr, batch: number): number {
  return 2 * a.values.length * batch;
}

export function bsrBytesMoved(a: Bsr, batch: number): number {
  return bsrBytes(a) + (a.cols + a.rows) * batch * BYTES[a.dtype];
}

/** Whether block (I, J) of a dense matrix holds a nonzero. */
function blockHasNonzero(a: Dense, b: number, I: number, J: number): boolean {
  const { rows, cols, data } = a;
  const h = Math.min(b, rows - I * b);
  const w = Math.min(b, cols - J * b);
  for (let r = 0; r < h; r++) {
    const o = (I * b + r) * cols + J * b;
    for (let c = 0; c < w; c++) if (data[o + c] !== 0) return true;
  }
  return false;
}

/** b × b blocks of a dense matrix that hold at least one nonzero (what BSR will store). */
export function bsrBlockCount(a: Dense, blockSize: number): number {
  const b = checkBlockSize(blockSize);
  let blocks = 0;
  for (let I = 0; I * b < a.rows; I++) {
    for (let J = 0; J * b < a.cols; J++) if (blockHasNonzero(a, b, I, J)) blocks++;
  }
  return blocks;
}

/** The same footprint as `bsrBytes`, from the counts alone: block-row pointers, then an index and b² values per block. */
export function bsrBytesFor(rows: number, blocks: number, blockSize: number, dtype: DType): number {
  const b = blockSize;
  return 4 * (Math.ceil(rows / b) + 1) + blocks * (4 + b * b * BYTES[dtype]);
}

function checkBlockSize(b: number): number {
  if (!Number.isInteger(b) || b < 1)
    throw new RangeError(`Block size must be a positive integer, got ${b}.`);
  return b;
}

/**
 * Keeps every b × b block that holds at least one nonzero. Two passes (count,
 * then fill) so it allocates exactly the arrays it returns.
 */
export function bsrFromDense(a: Dense, blockSize: number): Bsr {
  const b = checkBlockSize(blockSize);
  const { rows, cols, data, dtype } = a;
  const bRows = Math.ceil(rows / b);
  const bCols = Math.ceil(cols / b);
  const blockRowPtr = new Int32Array(bRows + 1);
  for (let I = 0; I < bRows; I++) {
    let kept = 0;
    for (let J = 0; J < bCols; J++) if (blockHasNonzero(a, b, I, J)) kept++;
    blockRowPtr[I + 1] = blockRowPtr[I]! + kept;
  }
  const blocks = blockRowPtr[bRows]!;
  const blockColIdx = new Int32Array(blocks);
  const values = allocFloat(dtype, blocks * b * b);
  for (let I = 0, q = 0; I < bRows; I++) {
    const h = Math.min(b, rows - I * b);
    for (let J = 0; J < bCols; J++) {
      if (!blockHasNonzero(a, b, I, J)) continue;
      blockColIdx[q] = J;
      const w = Math.min(b, cols - J * b);
      for (let r = 0; r < h; r++) {
        const src = (I * b + r) * cols + J * b;
        const dst = q * b * b + r * b;
        for (let c = 0; c < w; c++) values[dst + c] = data[src + c]!;
      }
      q++;
    }
  }
  return { format: 'bsr', rows, cols, dtype, blockSize: b, blockRowPtr, blockColIdx, values };
}

export function bsrToDense(a: Bsr): Dense {
  const { rows, cols, blockSize: b } = a;
  const data = allocFloat(a.dtype, rows * cols);
  for (let I = 0; I * b < rows; I++) {
    const h = Math.min(b, rows - I * b);
    for (let q = a.blockRowPtr[I]!; q < a.blockRowPtr[I + 1]!; q++) {
      const J = a.blockColIdx[q]!;
      const w = Math.min(b, cols - J * b);
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++)
          data[(I * b + r) * cols + J * b + c] = a.values[q * b * b + r * b + c]!;
      }
    }
  }
  return { rows, cols, dtype: a.dtype, data };
}

/**
 * y = A x, one block row at a time: the b partial sums of that block row live
 * in a small scratch array, and each block is a tiny dense GEMV over b
 * consecutive x values (one index load per b² multiply-adds).
 */
export function spmvBsr(a: Bsr, x: FloatArray, y: FloatArray): void {
  const { rows, cols, blockSize: b, blockRowPtr, blockColIdx, values } = a;
  const acc = new Float64Array(b);
  for (let I = 0; I * b < rows; I++) {
    acc.fill(0);
    const h = Math.min(b, rows - I * b);
    for (let q = blockRowPtr[I]!; q < blockRowPtr[I + 1]!; q++) {
      const x0 = blockColIdx[q]! * b;
      const w = Math.min(b, cols - x0);
      let v = q * b * b;
      for (let r = 0; r < h; r++, v += b) {
        let s = 0;
        for (let c = 0; c < w; c++) s += values[v + c]! * x[x0 + c]!;
        acc[r] = acc[r]! + s;
      }
    }
    for (let r = 0; r < h; r++) y[I * b + r] = acc[r]!;
  }
}

/**
 * Y = A X, X dense (cols × k). For each block row, a (b × k) slab of Y is
 * accumulated: every block entry scales a contiguous row of X, four output
 * columns per pass so partial sums stay in registers.
 */
export function spmmBsr(a: Bsr, x: Dense, y: Dense): void {
  const { rows, cols, blockSize: b, blockRowPtr, blockColIdx, values } = a;
  const k = x.cols;
  const X = x.data;
  const Y = y.data;
  Y.fill(0);
  const k4 = k & ~3;
  for (let I = 0; I * b < rows; I++) {
    const h = Math.min(b, rows - I * b);
    for (let q = blockRowPtr[I]!; q < blockRowPtr[I + 1]!; q++) {
      const x0 = blockColIdx[q]! * b;
      const w = Math.min(b, cols - x0);
      for (let r = 0; r < h; r++) {
        const vo = q * b * b + r * b;
        const yo = (I * b + r) * k;
        let j = 0;
        for (; j < k4; j += 4) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let c = 0, xo = x0 * k + j; c < w; c++, xo += k) {
            const v = values[vo + c]!;
            s0 += v * X[xo]!;
            s1 += v * X[xo + 1]!;
            s2 += v * X[xo + 2]!;
            s3 += v * X[xo + 3]!;
          }
          Y[yo + j] = Y[yo + j]! + s0;
          Y[yo + j + 1] = Y[yo + j + 1]! + s1;
          Y[yo + j + 2] = Y[yo + j + 2]! + s2;
          Y[yo + j + 3] = Y[yo + j + 3]! + s3;
        }
        for (; j < k; j++) {
          let s = 0;
          for (let c = 0; c < w; c++) s += values[vo + c]! * X[(x0 + c) * k + j]!;
          Y[yo + j] = Y[yo + j]! + s;
        }
      }
    }
  }
}
