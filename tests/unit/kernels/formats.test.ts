import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsrBlocks, bsrBytes, bsrFromDense, bsrToDense } from '../../../src/kernels/bsr';
import { cooFromDense, cooNnz, cooToDense } from '../../../src/kernels/coo';
import { csrBytesMoved, csrFromDense, csrNnz, csrToDense } from '../../../src/kernels/csr';
import { denseBytesMoved, denseNnz, type Dense } from '../../../src/kernels/dense';
import { randomNm, randomUnstructured } from '../../../src/kernels/generate';
import {
  bytesMoved,
  flops,
  formatOf,
  FORMATS,
  fromDense,
  storageBytes,
  toDense,
} from '../../../src/kernels/matrix';
import { nmBytes, nmFromDense, nmToDense } from '../../../src/kernels/nm';
import { arbProblem, FC_OPTIONS, matrixFor } from './arb';

const sameDense = (a: Dense, b: Dense): void => {
  expect([b.rows, b.cols, b.dtype]).toEqual([a.rows, a.cols, a.dtype]);
  expect(Array.from(b.data)).toEqual(Array.from(a.data));
};

describe('format conversions', () => {
  it('csrToDense(csrFromDense(a)) equals a for random matrices of every structure', () => {
    fc.assert(
      fc.property(arbProblem, (p) =>
        sameDense(matrixFor(p), csrToDense(csrFromDense(matrixFor(p)))),
      ),
      FC_OPTIONS,
    );
  });

  it('cooToDense(cooFromDense(a)) equals a, with triples sorted by row then column', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const coo = cooFromDense(a);
        sameDense(a, cooToDense(coo));
        expect(cooNnz(coo)).toBe(denseNnz(a));
        for (let q = 1; q < coo.values.length; q++) {
          const before = coo.rowIdx[q - 1]! * a.cols + coo.colIdx[q - 1]!;
          expect(coo.rowIdx[q]! * a.cols + coo.colIdx[q]!).toBeGreaterThan(before);
        }
      }),
      FC_OPTIONS,
    );
  });

  it('bsrToDense(bsrFromDense(a, b)) equals a for b in {2, 4, 8, 16}, ragged edges included', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const bsr = bsrFromDense(a, p.blockSize);
        sameDense(a, bsrToDense(bsr));
        expect(bsr.values.length).toBe(bsrBlocks(bsr) * p.blockSize ** 2);
      }),
      FC_OPTIONS,
    );
  });

  it('bsrFromDense(a, b) keeps exactly the tiles of a block-structured matrix', () => {
    const a = matrixFor({
      rows: 64,
      cols: 64,
      sparsity: 0.75,
      dtype: 'f64',
      seed: 7,
      structure: 'block',
      blockSize: 8,
      batch: 1,
    });
    expect(bsrBlocks(bsrFromDense(a, 8))).toBe(16); // 64·64·0.25 nonzeros / 64 per tile
  });

  it('nmToDense(nmFromDense(a)) equals a for 2:4 matrices', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = randomNm(p);
        const nm = nmFromDense(a);
        sameDense(a, nmToDense(nm));
        expect(nm.values.length).toBe(p.rows * Math.ceil(p.cols / 4) * 2);
      }),
      FC_OPTIONS,
    );
  });

  it('nmFromDense(a) rejects a group with three nonzeros, and prunes it to the two largest when asked', () => {
    const a: Dense = { rows: 1, cols: 4, dtype: 'f64', data: Float64Array.from([0.5, -3, 0, 2]) };
    expect(() => nmFromDense(a)).toThrow(/allows 2/);
    expect(Array.from(nmToDense(nmFromDense(a, { prune: true })).data)).toEqual([0, -3, 0, 2]);
  });

  it('fromDense(a, format) and toDense round-trip for every format', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = randomNm(p); // a 2:4 matrix is valid input for every format
        for (const format of FORMATS) {
          const m = fromDense(a, format, { blockSize: p.blockSize });
          expect(formatOf(m)).toBe(format);
          sameDense(a, toDense(m));
        }
      }),
      FC_OPTIONS,
    );
  });
});

describe('storage and work counts', () => {
  const a = randomUnstructured({ rows: 10, cols: 8, sparsity: 0.75, dtype: 'f32', seed: 1 }); // 20 nonzeros

  it('storageBytes(a) is what each format’s arrays occupy', () => {
    expect(storageBytes(a)).toBe(10 * 8 * 4);
    expect(storageBytes(fromDense(a, 'csr'))).toBe(11 * 4 + 20 * (4 + 4));
    expect(storageBytes(fromDense(a, 'coo'))).toBe(20 * (4 + 4 + 4));
    const bsr = bsrFromDense(a, 2);
    expect(storageBytes(bsr)).toBe(bsrBytes(bsr));
    expect(bsrBytes(bsr)).toBe(6 * 4 + bsrBlocks(bsr) * 4 + bsrBlocks(bsr) * 4 * 4);
    const nm = nmFromDense(randomNm({ rows: 10, cols: 8, sparsity: 0.5, dtype: 'f32', seed: 1 }));
    expect(nmBytes(nm)).toBe(10 * 2 * 2 * (4 + 1));
  });

  it('flops(a, batch) counts a multiply-add per stored entry per column; dense counts zeros', () => {
    expect(flops(a, 3)).toBe(2 * 80 * 3);
    expect(flops(fromDense(a, 'csr'), 3)).toBe(2 * 20 * 3);
    expect(flops(fromDense(a, 'coo'), 1)).toBe(40);
    const bsr = bsrFromDense(a, 4);
    expect(flops(bsr, 2)).toBe(2 * bsrBlocks(bsr) * 16 * 2);
  });

  it('bytesMoved(a, batch) is the matrix plus X and Y once', () => {
    expect(bytesMoved(a, 1)).toBe(denseBytesMoved(a, 1));
    expect(denseBytesMoved(a, 2)).toBe((80 + (8 + 10) * 2) * 4);
    const csr = csrFromDense(a);
    expect(bytesMoved(csr, 4)).toBe(csrBytesMoved(csr, 4));
    expect(csrBytesMoved(csr, 4)).toBe(11 * 4 + 20 * 8 + (8 + 10) * 4 * 4);
    expect(csrNnz(csr)).toBe(20);
  });
});
