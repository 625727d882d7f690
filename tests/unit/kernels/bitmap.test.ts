import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyProduct } from '../../../src/bench/verify';
import {
  bitmapBytes,
  bitmapBytesFor,
  bitmapFromDense,
  bitmapNnz,
  bitmapToDense,
  spmvBitmap,
} from '../../../src/kernels/bitmap';
import { denseNnz } from '../../../src/kernels/dense';
import { randomVector } from '../../../src/kernels/generate';
import { referenceGemv } from '../../../src/kernels/reference';
import { allocFloat } from '../../../src/kernels/types';
import { arbProblem, FC_OPTIONS, matrixFor } from './arb';

describe('bitmapFromDense(a)', () => {
  it('round-trips through bitmapToDense for every structure, odd widths and empty matrices', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const bm = bitmapFromDense(a);
        const back = bitmapToDense(bm);
        expect([back.rows, back.cols, back.dtype]).toEqual([a.rows, a.cols, a.dtype]);
        expect(Array.from(back.data)).toEqual(Array.from(a.data));
        expect(bitmapNnz(bm)).toBe(denseNnz(a));
      }),
      FC_OPTIONS,
    );
  });

  it('stores whole 32-bit words per row: bitmapBytes equals bitmapBytesFor', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const bm = bitmapFromDense(a);
        expect(bitmapBytes(bm)).toBe(bitmapBytesFor(a.rows, a.cols, denseNnz(a), a.dtype));
        expect(bm.mask.length).toBe(a.rows * Math.ceil(a.cols / 32));
      }),
      FC_OPTIONS,
    );
  });

  it('uses bit 31 of a word (column 31, 63, …) like any other', () => {
    const data = new Float64Array(2 * 64);
    data[31] = 1.5;
    data[64 + 63] = -2;
    const bm = bitmapFromDense({ rows: 2, cols: 64, dtype: 'f64', data });
    expect(bm.mask[0]).toBe(2 ** 31);
    expect(bm.mask[3]).toBe(2 ** 31);
    expect(Array.from(bitmapToDense(bm).data)).toEqual(Array.from(data));
  });
});

describe('spmvBitmap(a, x, y)', () => {
  it('equals referenceGemv within the verification bound for random matrices of every structure', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const bm = bitmapFromDense(a);
        const x = randomVector(a.cols, a.dtype, p.seed + 1);
        const y = allocFloat(a.dtype, a.rows);
        y.fill(Number.NaN); // every row must be written, empty ones too
        spmvBitmap(bm, x, y);
        const rowNnz = (i: number): number => {
          let c = 0;
          for (let j = 0; j < a.cols; j++) if (a.data[i * a.cols + j] !== 0) c++;
          return c;
        };
        const v = verifyProduct(y, referenceGemv(a, x), rowNnz, a.dtype);
        expect(v.ok, `worst ratio ${v.worstRatio} at row ${v.worstIndex}`).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});
