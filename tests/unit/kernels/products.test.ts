import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsrFromDense, spmmBsr, spmvBsr } from '../../../src/kernels/bsr';
import { cooFromDense, spmmCoo, spmvCoo } from '../../../src/kernels/coo';
import { csrFromDense, spmmCsr, spmvCsr } from '../../../src/kernels/csr';
import {
  denseZeros,
  gemmNaive,
  gemmTuned,
  gemvNaive,
  gemvTuned,
  type Dense,
} from '../../../src/kernels/dense';
import { randomDense, randomNm, randomVector } from '../../../src/kernels/generate';
import { spmm, spmv, fromDense, FORMATS, type Matrix } from '../../../src/kernels/matrix';
import { nmFromDense, spmmNm, spmvNm } from '../../../src/kernels/nm';
import {
  referenceGemm,
  referenceGemv,
  referenceProduct,
  termsPerRow,
} from '../../../src/kernels/reference';
import { allocFloat, type FloatArray } from '../../../src/kernels/types';
import { arbProblem, expectVerified, FC_OPTIONS, matrixFor, type Problem } from './arb';

type Vec = (a: Matrix, x: FloatArray, y: FloatArray) => void;
type Mat = (a: Matrix, x: Dense, y: Dense) => void;

/** Each kernel with the conversion that feeds it. */
const vectorKernels: [string, (a: Dense, p: Problem) => Matrix, Vec][] = [
  ['gemvNaive(a, x)', (a) => a, gemvNaive as Vec],
  ['gemvTuned(a, x)', (a) => a, gemvTuned as Vec],
  ['spmvCsr(a, x)', csrFromDense, spmvCsr as Vec],
  ['spmvCoo(a, x)', cooFromDense, spmvCoo as Vec],
  ['spmvBsr(a, x)', (a, p) => bsrFromDense(a, p.blockSize), spmvBsr as Vec],
  ['spmvNm(a, x)', (a) => nmFromDense(a), spmvNm as Vec],
];

const matrixKernels: [string, (a: Dense, p: Problem) => Matrix, Mat][] = [
  ['gemmNaive(a, X)', (a) => a, gemmNaive as Mat],
  ['gemmTuned(a, X)', (a) => a, gemmTuned as Mat],
  ['spmmCsr(a, X)', csrFromDense, spmmCsr as Mat],
  ['spmmCoo(a, X)', cooFromDense, spmmCoo as Mat],
  ['spmmBsr(a, X)', (a, p) => bsrFromDense(a, p.blockSize), spmmBsr as Mat],
  ['spmmNm(a, X)', (a) => nmFromDense(a), spmmNm as Mat],
];

/** 2:4 kernels need 2:4 input; every other kernel gets every structure. */
const denseFor = (name: string, p: Problem): Dense =>
  name.startsWith('spmvNm') || name.startsWith('spmmNm') ? randomNm(p) : matrixFor(p);

describe('y = A x for every format', () => {
  for (const [name, convert, kernel] of vectorKernels) {
    it(`${name} equals gemvNaive's f64 reference for random matrices of every structure, f32 and f64`, () => {
      fc.assert(
        fc.property(arbProblem, (p) => {
          const dense = denseFor(name, p);
          const a = convert(dense, p);
          const x = randomVector(p.cols, p.dtype, p.seed + 1);
          const y = allocFloat(p.dtype, p.rows).fill(Number.NaN); // every element must be written
          kernel(a, x, y);
          expectVerified(y, referenceGemv(dense, x), termsPerRow(a), 1, p.dtype);
        }),
        FC_OPTIONS,
      );
    });
  }
});

describe('Y = A X for every format', () => {
  for (const [name, convert, kernel] of matrixKernels) {
    it(`${name} equals gemmNaive's f64 reference for random sparse matrices, odd batch sizes included`, () => {
      fc.assert(
        fc.property(arbProblem, (p) => {
          const dense = denseFor(name, p);
          const a = convert(dense, p);
          const x = randomDense(p.cols, p.batch, p.dtype, p.seed + 1);
          const y = denseZeros(p.rows, p.batch, p.dtype);
          y.data.fill(Number.NaN);
          kernel(a, x, y);
          expectVerified(y.data, referenceGemm(dense, x), termsPerRow(a), p.batch, p.dtype);
        }),
        FC_OPTIONS,
      );
    });
  }

  it('gemmTuned(a, X) equals the reference on a product larger than its panels (f64 and f32)', () => {
    for (const dtype of ['f64', 'f32'] as const) {
      const a = matrixFor({
        rows: 67,
        cols: 130,
        sparsity: 0,
        dtype,
        seed: 2,
        structure: 'unstructured',
        blockSize: 4,
        batch: 1,
      });
      const x = randomDense(130, 23, dtype, 3);
      const y = denseZeros(67, 23, dtype);
      gemmTuned(a, x, y);
      expectVerified(y.data, referenceGemm(a, x), termsPerRow(a), 23, dtype);
    }
  });

  it('gemmNaive(a, X) rejects mismatched shapes', () => {
    const a = denseZeros(3, 4, 'f64');
    expect(() => gemmNaive(a, denseZeros(5, 2, 'f64'), denseZeros(3, 2, 'f64'))).toThrow(/Shapes/);
  });
});

describe('spmv(a, x) and spmm(a, X) dispatch', () => {
  it('agree with referenceProduct for every format', () => {
    const dense = randomNm({ rows: 19, cols: 23, sparsity: 0.7, dtype: 'f64', seed: 5 });
    const x = randomDense(23, 3, 'f64', 6);
    const ref = referenceProduct(dense, x);
    for (const format of FORMATS) {
      const a = fromDense(dense, format, { blockSize: 4 });
      const y = denseZeros(19, 3, 'f64');
      spmm(a, x, y);
      expectVerified(y.data, ref, termsPerRow(a), 3, 'f64');
      const yv = new Float64Array(19);
      spmv(
        a,
        x.data.subarray(0, 23).map((_, j) => x.data[j * 3]!),
        yv,
      );
      expectVerified(
        yv,
        referenceGemv(
          dense,
          Float64Array.from({ length: 23 }, (_, j) => x.data[j * 3]!),
        ),
        termsPerRow(a),
        1,
        'f64',
      );
    }
  });
});
