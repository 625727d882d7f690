import { denseNnz, type Dense } from './dense';
import { allocFloat, BYTES, type DType, type FloatArray } from './types';

/**
 * Bitmap: one bit per entry says "nonzero here", and the nonzero values follow
 * packed in row-major order, with no indices at all.
 *
 *   A = | 5 0 0 |     mask   = [0b001, 0b110, 0b000]   (bit j of row i's word = column j)
 *       | 0 2 7 |     values = [5, 2, 7]
 *       | 0 0 0 |
 *
 * Each row owns whole 32-bit words (ceil(cols / 32) of them), so a row's bits
 * never share a word with the next row's; the padding bits stay zero.
 * Storage: 4 · rows · ceil(cols / 32) bytes of mask (n²/8 when 32 divides n)
 * plus nnz values. It beats every indexed format once more than a few percent
 * of entries are zero, but a kernel must walk the bits to learn where each
 * value sits: cheap to store, not free to use.
 */
export interface Bitmap {
  readonly format: 'bitmap';
  readonly rows: number;
  readonly cols: number;
  readonly dtype: DType;
  /** Words per row: ceil(cols / 32). */
  readonly wordsPerRow: number;
  /** rows × wordsPerRow words; bit (j mod 32) of word j >> 5 of row i marks entry (i, j). */
  readonly mask: Uint32Array;
  /** The nonzeros in row-major order. */
  readonly values: FloatArray;
}

export function bitmapNnz(a: Bitmap): number {
  return a.values.length;
}

/** Bytes the two arrays occupy (what memory actually holds). */
export function bitmapBytes(a: Bitmap): number {
  return a.mask.byteLength + a.values.byteLength;
}

/** The same footprint from the counts alone: whole words of mask per row, plus the values. */
export function bitmapBytesFor(rows: number, cols: number, nnz: number, dtype: DType): number {
  return 4 * rows * Math.ceil(cols / 32) + nnz * BYTES[dtype];
}

export function bitmapFromDense(a: Dense): Bitmap {
  const { rows, cols, data, dtype } = a;
  const wordsPerRow = Math.ceil(cols / 32);
  const mask = new Uint32Array(rows * wordsPerRow);
  const values = allocFloat(dtype, denseNnz(a));
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    const w0 = i * wordsPerRow;
    for (let j = 0; j < cols; j++) {
      const v = data[r + j]!;
      if (v !== 0) {
        mask[w0 + (j >>> 5)]! |= 1 << (j & 31);
        values[p++] = v;
      }
    }
  }
  return { format: 'bitmap', rows, cols, dtype, wordsPerRow, mask, values };
}

export function bitmapToDense(a: Bitmap): Dense {
  const { rows, cols, wordsPerRow, mask, values } = a;
  const data = allocFloat(a.dtype, rows * cols);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    for (let w = 0; w < wordsPerRow; w++) {
      let bits = mask[i * wordsPerRow + w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        data[i * cols + w * 32 + (31 - Math.clz32(low))] = values[p++]!;
        bits ^= low;
      }
    }
  }
  return { rows, cols, dtype: a.dtype, data };
}

/**
 * y = A x, walking each row's bits: `bits & -bits` isolates the lowest set bit
 * and `31 − clz32` turns it into a column, so the loop runs once per nonzero
 * (plus once per word) and the values stream in order, with no index array.
 */
export function spmvBitmap(a: Bitmap, x: FloatArray, y: FloatArray): void {
  const { rows, wordsPerRow, mask, values } = a;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const w0 = i * wordsPerRow;
    for (let w = 0; w < wordsPerRow; w++) {
      let bits = mask[w0 + w]!;
      const base = w << 5;
      while (bits !== 0) {
        const low = bits & -bits;
        s += values[p++]! * x[base + 31 - Math.clz32(low)]!;
        bits ^= low;
      }
    }
    y[i] = s;
  }
}
