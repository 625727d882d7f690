import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyProduct } from '../../../src/bench/verify';
import { csrFromDense, csrNnz, csrToDense, spmvCsr } from '../../../src/kernels/csr';
import { gemvNaive, gemvTuned, type Dense } from '../../../src/kernels/dense';
import { randomUnstructured, randomVector, targetNnz } from '../../../src/kernels/generate';
import { createRng } from '../../../src/kernels/prng';
import { referenceGemv, referenceSpmv } from '../../../src/kernels/reference';
import { allocFloat, type DType, type FloatArray } from '../../../src/kernels/types';

// Seeded so a failure reproduces; fast-check prints the seed and path on failure.
fc.configureGlobal({ seed: 20261128, numRuns: 60 });

const arbProblem = fc.record({
  rows: fc.integer({ min: 1, max: 37 }),
  cols: fc.integer({ min: 1, max: 37 }),
  sparsity: fc.oneof(fc.constantFrom(0, 1, 0.5, 0.99), fc.double({ min: 0, max: 1, noNaN: true })),
  dtype: fc.constantFrom<DType>('f64', 'f32'),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

describe('createRng(seed)', () => {
  it('gives the same stream for the same seed, and a different one otherwise', () => {
    const take = (seed: number, stream = 0) => {
      const r = createRng(seed, stream);
      return Array.from({ length: 5 }, () => r.nextUint32());
    };
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    expect(take(1, 0)).not.toEqual(take(1, 1));
  });

  it('is pinned: the first values for seed 1 never change (links and classrooms depend on it)', () => {
    const r = createRng(1);
    const first = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    const again = createRng(1);
    expect([again.nextUint32(), again.nextUint32(), again.nextUint32()]).toEqual(first);
    expect(first.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
  });

  it('next() is roughly uniform on [0, 1)', () => {
    const r = createRng(42);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r.next() * 10)]!++;
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe('randomUnstructured(spec)', () => {
  it('hits the target number of nonzeros exactly', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = randomUnstructured(p);
        const nnz = Array.from(a.data).filter((v) => v !== 0).length;
        expect(nnz).toBe(targetNnz(p.rows, p.cols, p.sparsity));
      }),
    );
  });

  it('is reproducible from its seed', () => {
    const spec = { rows: 50, cols: 40, sparsity: 0.9, dtype: 'f64', seed: 9 } as const;
    expect(randomUnstructured(spec).data).toEqual(randomUnstructured(spec).data);
  });
});

describe('csrFromDense(a)', () => {
  it('round-trips through csrToDense and counts nonzeros', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = randomUnstructured(p);
        const csr = csrFromDense(a);
        expect(csrToDense(csr).data).toEqual(a.data);
        expect(csrNnz(csr)).toBe(targetNnz(p.rows, p.cols, p.sparsity));
      }),
    );
  });
});

describe('y = A x kernels', () => {
  const kernels: Record<string, (a: Dense, x: FloatArray, y: FloatArray) => void> = {
    gemvNaive,
    gemvTuned,
    spmvCsr: (a, x, y) => spmvCsr(csrFromDense(a), x, y),
  };

  for (const [name, kernel] of Object.entries(kernels)) {
    it(`${name}(a, x, y) equals the f64 reference on random matrices, odd sizes included`, () => {
      fc.assert(
        fc.property(arbProblem, (p) => {
          const a = randomUnstructured(p);
          const x = randomVector(p.cols, p.dtype, p.seed);
          const y = allocFloat(p.dtype, p.rows);
          y.fill(Number.NaN); // every element must be written
          kernel(a, x, y);
          const v = verifyProduct(y, referenceGemv(a, x), () => p.cols, p.dtype);
          expect(v.ok, `worst ratio ${v.worstRatio} at ${v.worstIndex}`).toBe(true);
        }),
      );
    });
  }

  it('gemvTuned matches gemvNaive on a large f64 matrix', () => {
    const a = randomUnstructured({ rows: 203, cols: 517, sparsity: 0.3, dtype: 'f64', seed: 3 });
    const x = randomVector(517, 'f64', 3);
    const [y1, y2] = [new Float64Array(203), new Float64Array(203)];
    gemvNaive(a, x, y1);
    gemvTuned(a, x, y2);
    expect(verifyProduct(y2, referenceGemv(a, x), () => 517, 'f64').ok).toBe(true);
    expect(verifyProduct(y1, referenceGemv(a, x), () => 517, 'f64').ok).toBe(true);
  });
});

describe('verifyProduct(y, ref, terms, dtype)', () => {
  const a = randomUnstructured({ rows: 64, cols: 64, sparsity: 0.8, dtype: 'f32', seed: 5 });
  const csr = csrFromDense(a);
  const x = randomVector(64, 'f32', 5);
  const ref = referenceSpmv(csr, x);
  const terms = (i: number) => csr.rowPtr[i + 1]! - csr.rowPtr[i]!;

  it('accepts an f32 result rounded to single precision', () => {
    const y = new Float32Array(64);
    spmvCsr(csr, x, y);
    expect(verifyProduct(y, ref, terms, 'f32').ok).toBe(true);
  });

  it('rejects one corrupted element, and NaN', () => {
    const y = new Float32Array(64);
    spmvCsr(csr, x, y);
    const bad = Float32Array.from(y);
    bad[17] = bad[17]! + 1e-3;
    expect(verifyProduct(bad, ref, terms, 'f32')).toMatchObject({ ok: false, worstIndex: 17 });
    bad[17] = Number.NaN;
    expect(verifyProduct(bad, ref, terms, 'f32')).toMatchObject({
      ok: false,
      worstRatio: Infinity,
    });
  });

  it('demands an exact 0 for an empty row', () => {
    const empty = { y: new Float64Array([0]), absSum: new Float64Array([0]) };
    expect(verifyProduct(new Float64Array([0]), empty, () => 0, 'f64').ok).toBe(true);
    expect(verifyProduct(new Float64Array([1e-300]), empty, () => 0, 'f64').ok).toBe(false);
  });
});
