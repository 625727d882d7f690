import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bsrFromDense } from '../../../src/kernels/bsr';
import { csrFromDense } from '../../../src/kernels/csr';
import { denseZeros } from '../../../src/kernels/dense';
import { randomDense, randomUnstructured, randomVector } from '../../../src/kernels/generate';
import {
  referenceDot,
  referenceSum,
  referenceGemm,
  referenceGemv,
  termsPerRow,
} from '../../../src/kernels/reference';
import { EPSILON } from '../../../src/kernels/types';
import { loadSimdKernels, SimdUnavailableError, type SimdKernels } from '../../../src/kernels/wasm';
import { arbProblem, expectVerified, FC_OPTIONS, matrixFor } from './arb';
import { loadKernelsForTest } from './wasm-fixture';

let simd: SimdKernels;
beforeAll(async () => {
  simd = await loadKernelsForTest();
}, 60_000);

describe('the simd tier (WebAssembly SIMD)', () => {
  it('gemvSimd(a, x) equals the f64 reference for random matrices, any size', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const x = randomVector(p.cols, p.dtype, p.seed + 1);
        const y = new (p.dtype === 'f64' ? Float64Array : Float32Array)(p.rows).fill(Number.NaN);
        simd.gemvSimd(a, x, y);
        expectVerified(y, referenceGemv(a, x), termsPerRow(a), 1, p.dtype);
      }),
      FC_OPTIONS,
    );
  });

  it("gemmSimd(a, X) equals gemmNaive's f64 reference for random matrices, ragged tiles included", () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = matrixFor(p);
        const x = randomDense(p.cols, p.batch, p.dtype, p.seed + 1);
        const y = denseZeros(p.rows, p.batch, p.dtype);
        y.data.fill(Number.NaN);
        simd.gemmSimd(a, x, y);
        expectVerified(y.data, referenceGemm(a, x), termsPerRow(a), p.batch, p.dtype);
      }),
      FC_OPTIONS,
    );
  });

  it('gemmSimd(a, X) is right across cache blocks (rows > 64, inner > 256, cols > 512)', () => {
    for (const [rows, inner, cols, dtype] of [
      [70, 300, 9, 'f64'],
      [5, 513, 7, 'f32'],
      [3, 4, 521, 'f64'],
      [66, 257, 515, 'f32'],
    ] as const) {
      const a = randomUnstructured({ rows, cols: inner, sparsity: 0.2, dtype, seed: rows });
      const x = randomDense(inner, cols, dtype, inner);
      const y = denseZeros(rows, cols, dtype);
      simd.gemmSimd(a, x, y);
      expectVerified(y.data, referenceGemm(a, x), termsPerRow(a), cols, dtype);
    }
  });

  it('spmvCsrSimd(a, x) and spmmCsrSimd(a, X) equal the reference for random sparse matrices', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const dense = matrixFor(p);
        const a = csrFromDense(dense);
        const x = randomVector(p.cols, p.dtype, p.seed + 1);
        const y = new (p.dtype === 'f64' ? Float64Array : Float32Array)(p.rows).fill(Number.NaN);
        simd.spmvCsrSimd(a, x, y);
        expectVerified(y, referenceGemv(dense, x), termsPerRow(a), 1, p.dtype);
        const X = randomDense(p.cols, p.batch, p.dtype, p.seed + 2);
        const Y = denseZeros(p.rows, p.batch, p.dtype);
        Y.data.fill(Number.NaN);
        simd.spmmCsrSimd(a, X, Y);
        expectVerified(Y.data, referenceGemm(dense, X), termsPerRow(a), p.batch, p.dtype);
      }),
      FC_OPTIONS,
    );
  });

  it('spmvBsrSimd(a, x) and spmmBsrSimd(a, X) equal the reference for b in {2, 4, 8, 16}, ragged edges included', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const dense = matrixFor(p);
        const a = bsrFromDense(dense, p.blockSize);
        const x = randomVector(p.cols, p.dtype, p.seed + 1);
        const y = new (p.dtype === 'f64' ? Float64Array : Float32Array)(p.rows).fill(Number.NaN);
        simd.spmvBsrSimd(a, x, y);
        expectVerified(y, referenceGemv(dense, x), termsPerRow(a), 1, p.dtype);
        const X = randomDense(p.cols, p.batch, p.dtype, p.seed + 2);
        const Y = denseZeros(p.rows, p.batch, p.dtype);
        Y.data.fill(Number.NaN);
        simd.spmmBsrSimd(a, X, Y);
        expectVerified(Y.data, referenceGemm(dense, X), termsPerRow(a), p.batch, p.dtype);
      }),
      FC_OPTIONS,
    );
  });

  it('dotSimd(a, b) equals referenceDot(a, b)', () => {
    for (const n of [0, 1, 7, 8, 9, 33, 1000]) {
      for (const dtype of ['f64', 'f32'] as const) {
        const a = randomVector(n, dtype, n);
        const b = randomVector(n, dtype, n + 1);
        const bound =
          4 * Math.max(1, n) * EPSILON[dtype] * referenceDot(a.map(Math.abs), b.map(Math.abs));
        expect(Math.abs(simd.dotSimd(a, b) - referenceDot(a, b))).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('sumSimd(a, passes) equals passes × referenceSum(a), in place or staged', () => {
    for (const n of [0, 1, 15, 16, 17, 33, 1000]) {
      // Small integers: every partial sum is exact, so the sums must be equal.
      const a = Float64Array.from(randomVector(n, 'f64', n), (v) => Math.round(v * 100));
      const resident = simd.arena(simd.arenaBytes(a.byteLength)).copy(a);
      expect(resident.buffer).toBe(simd.memory.buffer);
      for (const passes of [1, 3]) {
        expect(simd.sumSimd(resident, passes)).toBe(passes * referenceSum(a));
        expect(simd.sumSimd(a, passes)).toBe(passes * referenceSum(a));
      }
    }
  });

  it('arena(bytes) arrays are used in place, and results match the staged path', () => {
    const a = randomUnstructured({ rows: 33, cols: 31, sparsity: 0.5, dtype: 'f32', seed: 8 });
    const x = randomVector(31, 'f32', 8);
    const staged = new Float32Array(33);
    simd.gemvSimd(a, x, staged);
    const arena = simd.arena(simd.arenaBytes(a.data.byteLength, x.byteLength, staged.byteLength));
    const ra = arena.dense(a);
    const rx = arena.copy(x);
    const ry = arena.vector('f32', 33);
    expect(ry.buffer).toBe(simd.memory.buffer);
    simd.gemvSimd(ra, rx, ry);
    expect(Array.from(ry)).toEqual(Array.from(staged));
    expect(() => arena.vector('f64', 1)).toThrow(/full/);
  });

  it('arena(bytes) never detaches older arrays: they stay valid and are copied in when used', () => {
    const a = randomUnstructured({ rows: 3, cols: 5, sparsity: 0, dtype: 'f64', seed: 1 });
    const old = simd.arena(simd.arenaBytes(a.data.byteLength, 40, 24));
    const [oa, ox, oy] = [old.dense(a), old.copy(randomVector(5, 'f64', 2)), old.vector('f64', 3)];
    simd.arena(1 << 22);
    expect(oa.data.length).toBe(15); // a grown (detached) buffer would read as length 0
    expect(oy.buffer).not.toBe(simd.memory.buffer);
    simd.gemvSimd(oa, ox, oy);
    expectVerified(oy, referenceGemv(a, ox), termsPerRow(a), 1, 'f64');
  });

  it('a foreign array too big for the staging area still computes correctly', () => {
    const a = randomUnstructured({ rows: 700, cols: 1000, sparsity: 0.5, dtype: 'f64', seed: 3 }); // 5.6 MB
    const x = randomVector(1000, 'f64', 3);
    const y = new Float64Array(700);
    simd.gemvSimd(a, x, y);
    expectVerified(y, referenceGemv(a, x), termsPerRow(a), 1, 'f64');
  });

  it('peakSimd(dtype, steps) runs and returns a finite checksum', () => {
    expect(Number.isFinite(simd.peakSimd('f32', 1000))).toBe(true);
    expect(Number.isFinite(simd.peakSimd('f64', 1000))).toBe(true);
  });

  it('loadSimdKernels(bytes) rejects a module that does not validate with SimdUnavailableError', async () => {
    await expect(
      loadSimdKernels(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99])),
    ).rejects.toBeInstanceOf(SimdUnavailableError);
  });
});
