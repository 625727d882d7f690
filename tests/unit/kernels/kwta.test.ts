import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyProduct } from '../../../src/bench/verify';
import { csrToDense, spmvCsr } from '../../../src/kernels/csr';
import { gemvTuned } from '../../../src/kernels/dense';
import { randomDense, randomUnstructured } from '../../../src/kernels/generate';
import {
  activations,
  activeCsrWorkspace,
  buildActiveCsr,
  gatherGemv,
  kWinners,
  referenceActiveGemv,
  referenceTopK,
  topK,
  winnersFor,
} from '../../../src/kernels/kwta';
import { referenceGemv } from '../../../src/kernels/reference';
import { allocFloat, type DType, type FloatArray } from '../../../src/kernels/types';

// Seeded so a failure reproduces; fast-check prints the seed and path on failure.
const FC = { seed: Number(process.env['FC_SEED'] ?? 20261128), numRuns: 100 };

const arbDType = fc.constantFrom<DType>('f64', 'f32');

/** Activation vectors with awkward values: ties, zeros, negatives, tiny lengths. */
const arbActivations = fc
  .record({
    dtype: arbDType,
    values: fc.oneof(
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 700 }),
      // Few distinct magnitudes: many ties, and ± of the same magnitude.
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 200 }),
    ),
  })
  .chain(({ dtype, values }) => {
    const a = allocFloat(dtype, values.length);
    a.set(values);
    return fc.record({ a: fc.constant(a), k: fc.integer({ min: 0, max: values.length }) });
  });

function runTopK(a: FloatArray, k: number): number[] {
  const idx = new Int32Array(a.length);
  topK(a, k, idx, new Float64Array(a.length));
  return Array.from(idx.subarray(0, k));
}

describe('topK(a, k, idx, scratch)', () => {
  it('equals referenceTopK (sort by |a| descending, ties to the lower index) for any input', () => {
    fc.assert(
      fc.property(arbActivations, ({ a, k }) => {
        expect(runTopK(a, k)).toEqual(referenceTopK(a, k));
      }),
      FC,
    );
  });

  it('returns the winners in increasing index order, each once', () => {
    fc.assert(
      fc.property(arbActivations, ({ a, k }) => {
        const idx = runTopK(a, k);
        for (let t = 1; t < idx.length; t++) expect(idx[t]!).toBeGreaterThan(idx[t - 1]!);
      }),
      FC,
    );
  });

  it('selects correctly on long vectors (the sampled Floyd–Rivest path, n > 600)', () => {
    for (const [n, k] of [
      [4096, 41],
      [2048, 1024],
      [1000, 1],
      [1000, 999],
    ] as const) {
      const a = activations(n, 'f32', 3, 1)[0]!;
      expect(runTopK(a, k)).toEqual(referenceTopK(a, k));
    }
  });
});

describe('kWinners(a, k, idx, x, scratch)', () => {
  it('keeps exactly the k winners of a and zeroes the rest', () => {
    fc.assert(
      fc.property(arbActivations, ({ a, k }) => {
        const idx = new Int32Array(a.length);
        const x = allocFloat(a instanceof Float32Array ? 'f32' : 'f64', a.length);
        x.fill(7); // stale values from a previous step must not survive
        kWinners(a, k, idx, x, new Float64Array(a.length));
        const winners = new Set(referenceTopK(a, k));
        for (let j = 0; j < a.length; j++) expect(x[j]).toBe(winners.has(j) ? a[j] : 0);
      }),
      FC,
    );
  });
});

/** A layer and one step of k-WTA, seeded. */
const arbLayer = fc.record({
  rows: fc.integer({ min: 1, max: 37 }),
  cols: fc.integer({ min: 1, max: 53 }),
  fraction: fc.oneof(fc.constantFrom(0.01, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })),
  dtype: arbDType,
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  sparseW: fc.boolean(),
});

function layer(p: {
  rows: number;
  cols: number;
  fraction: number;
  dtype: DType;
  seed: number;
  sparseW: boolean;
}) {
  const W = p.sparseW
    ? randomUnstructured({
        rows: p.rows,
        cols: p.cols,
        sparsity: 0.7,
        dtype: p.dtype,
        seed: p.seed,
      })
    : randomDense(p.rows, p.cols, p.dtype, p.seed);
  const a = activations(p.cols, p.dtype, p.seed, 1)[0]!;
  const k = winnersFor(p.cols, p.fraction);
  const idx = new Int32Array(p.cols);
  const x = allocFloat(p.dtype, p.cols);
  kWinners(a, k, idx, x, new Float64Array(p.cols));
  return { W, k, idx, x, ref: referenceActiveGemv(W, idx, k, x) };
}

describe('gatherGemv(w, idx, k, x, y)', () => {
  it('equals referenceActiveGemv within the verification bound (k terms per row)', () => {
    fc.assert(
      fc.property(arbLayer, (p) => {
        const { W, k, idx, x, ref } = layer(p);
        const y = allocFloat(p.dtype, p.rows);
        gatherGemv(W, idx, k, x, y);
        const v = verifyProduct(y, ref, () => k, p.dtype);
        expect(v.ok, `worst ratio ${v.worstRatio}`).toBe(true);
      }),
      FC,
    );
  });

  it('agrees with the dense product of the masked x (zeros add nothing)', () => {
    fc.assert(
      fc.property(arbLayer, (p) => {
        const { W, k, idx, x } = layer(p);
        const y = allocFloat(p.dtype, p.rows);
        gatherGemv(W, idx, k, x, y);
        const yDense = allocFloat(p.dtype, p.rows);
        gemvTuned(W, x, yDense);
        const v = verifyProduct(y, referenceGemv(W, x), () => p.cols, p.dtype);
        expect(v.ok).toBe(true);
        expect(verifyProduct(yDense, referenceGemv(W, x), () => p.cols, p.dtype).ok).toBe(true);
      }),
      FC,
    );
  });
});

describe('buildActiveCsr(w, idx, k, workspace)', () => {
  it('holds exactly the nonzeros of W in the active columns', () => {
    fc.assert(
      fc.property(arbLayer, (p) => {
        const { W, k, idx } = layer(p);
        const csr = buildActiveCsr(W, idx, k, activeCsrWorkspace(W, k));
        const active = new Set(Array.from(idx.subarray(0, k)));
        const back = csrToDense(csr).data;
        for (let i = 0; i < p.rows; i++) {
          for (let j = 0; j < p.cols; j++) {
            expect(back[i * p.cols + j]).toBe(active.has(j) ? W.data[i * p.cols + j] : 0);
          }
        }
      }),
      FC,
    );
  });

  it('then spmvCsr(csr, x) equals referenceActiveGemv, and a reused workspace leaves no trace', () => {
    fc.assert(
      fc.property(arbLayer, (p) => {
        const { W, k, idx, x, ref } = layer(p);
        const ws = activeCsrWorkspace(W, p.cols);
        // A previous, bigger step wrote the whole workspace.
        const all = Int32Array.from({ length: p.cols }, (_, j) => j);
        buildActiveCsr(W, all, p.cols, ws);
        const y = allocFloat(p.dtype, p.rows);
        spmvCsr(buildActiveCsr(W, idx, k, ws), x, y);
        expect(verifyProduct(y, ref, () => k, p.dtype).ok).toBe(true);
      }),
      FC,
    );
  });
});

describe('activations(n, dtype, seed, steps)', () => {
  it('gives a different vector each step and the same ones for the same seed', () => {
    const [a0, a1] = activations(64, 'f64', 5, 2);
    expect(Array.from(a0!)).not.toEqual(Array.from(a1!));
    expect(Array.from(activations(64, 'f64', 5, 2)[1]!)).toEqual(Array.from(a1!));
    expect(referenceTopK(a0!, 5)).not.toEqual(referenceTopK(a1!, 5));
  });
});

describe('winnersFor(n, fraction)', () => {
  it('rounds, and keeps at least one winner and at most n', () => {
    expect(winnersFor(2048, 0.01)).toBe(20);
    expect(winnersFor(256, 0.001)).toBe(1);
    expect(winnersFor(10, 2)).toBe(10);
  });
});
