import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyProduct } from '../../../src/bench/verify';
import { fromDense, spmm, spmv, FORMATS } from '../../../src/kernels/matrix';
import { assertFinite, buildProblem, problemChecksum } from '../../../src/kernels/problem';
import { gemmTuned, gemvTuned, denseZeros } from '../../../src/kernels/dense';
import { referenceGemm, termsPerRow } from '../../../src/kernels/reference';
import { allocFloat } from '../../../src/kernels/types';
import { FC_OPTIONS } from './arb';

describe('buildProblem(problem)', () => {
  it('builds bit-identical inputs for one spec, every time', () => {
    const spec = {
      n: 70,
      batch: 3,
      sparsity: 0.8,
      structure: 'power-law',
      dtype: 'f32',
      seed: 5,
    } as const;
    expect(problemChecksum(buildProblem(spec))).toBe(problemChecksum(buildProblem({ ...spec })));
    expect(problemChecksum(buildProblem({ ...spec, seed: 6 }))).not.toBe(
      problemChecksum(buildProblem(spec)),
    );
  });

  it('reads the matrix size as the size, not as the 2:4 pattern’s N', () => {
    const b = buildProblem({
      n: 64,
      batch: 1,
      sparsity: 0,
      structure: 'nm',
      dtype: 'f64',
      seed: 1,
    });
    expect(b.sparsity).toBeCloseTo(0.5, 10);
    expect(() => fromDense(b.a, 'nm')).not.toThrow();
  });
});

describe('the finite-inputs contract (every format agrees on finite inputs)', () => {
  it('assertFinite names the first NaN or infinity, and passes finite data', () => {
    expect(() => assertFinite('x', [1, 2, Infinity])).toThrow(
      /x\[2\] is Infinity: the kernels take finite inputs only/,
    );
    expect(() => assertFinite('x', [NaN])).toThrow(/x\[0\] is NaN/);
    expect(() => assertFinite('x', [0, -0, 1e308, 5e-324])).not.toThrow();
  });

  it('every format gives the dense product’s answer on finite inputs, including huge and tiny magnitudes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('unstructured', 'block', 'nm', 'banded'),
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom(1e-300, 1, 1e150),
        (n, batch, structure, seed, scale) => {
          const b = buildProblem({ n, batch, sparsity: 0.7, structure, dtype: 'f64', seed });
          for (let i = 0; i < b.x.data.length; i++) b.x.data[i] = b.x.data[i]! * scale;
          assertFinite('A', b.a.data);
          assertFinite('X', b.x.data);
          const ref = referenceGemm(b.a, b.x);
          for (const format of FORMATS) {
            // 2:4 storage holds only 2:4 matrices.
            if (format === 'nm' && structure !== 'nm') continue;
            const m = fromDense(b.a, format);
            const y = allocFloat('f64', n * batch);
            if (batch === 1) (format === 'dense' ? gemvTuned : spmv)(m as never, b.x.data, y);
            else {
              const out = { ...denseZeros(n, batch, 'f64'), data: y };
              (format === 'dense' ? gemmTuned : spmm)(m as never, b.x, out);
            }
            const terms = termsPerRow(m);
            const v = verifyProduct(y, ref, (i) => terms[Math.floor(i / batch)]!, 'f64');
            expect(v.ok, `${format} n=${n} batch=${batch} ${structure} scale=${scale}`).toBe(true);
            for (let i = 0; i < y.length; i++) expect(Number.isFinite(y[i]!)).toBe(true);
          }
        },
      ),
      FC_OPTIONS,
    );
  });
});
