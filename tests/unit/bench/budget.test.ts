import { beforeAll, describe, expect, it } from 'vitest';
import {
  measurementMs,
  capProduct,
  TIME_BUDGET_MS,
  MEMORY_BUDGET_BYTES,
  productBytes,
} from '../../../src/bench/budget';
import { RateBook } from '../../../src/bench/rates';
import type { KernelId } from '../../../src/bench/runner';
import type { SimdKernels } from '../../../src/kernels/wasm';
import { product, type ProductParams } from '../../../src/worker/jobs/product';
import { loadKernelsForTest } from '../kernels/wasm-fixture';
import { nodeContext } from '../worker/node-context';
import { countAllocations } from './allocations';

let simd: SimdKernels;
beforeAll(async () => {
  simd = await loadKernelsForTest();
});

/** A clock that jumps 20 ms per read: every call looks slow, so each measurement takes the fewest calls (we count bytes, not time). */
const jumpy = () => {
  let t = 0;
  return { now: () => (t += 20) };
};

const kernelsOf = (p: ProductParams): KernelId[] => [
  { format: 'dense', tier: p.tier },
  p.format === 'bsr'
    ? { format: 'bsr', tier: 'tuned', blockSize: 4 }
    : { format: p.format, tier: 'tuned' },
];

describe('productBytes(problem, kernels): the memory model counts every buffer a job allocates', () => {
  const grid: ProductParams[] = [];
  for (const dtype of ['f64', 'f32'] as const) {
    for (const [structure, format] of [
      ['unstructured', 'csr'],
      ['power-law', 'coo'],
      ['block', 'bsr'],
      ['nm', 'nm'],
      ['banded', 'csr'],
    ] as const) {
      for (const tier of ['naive', 'simd'] as const) {
        for (const batch of [1, 16]) {
          grid.push({ n: 512, batch, sparsity: 0, structure, format, dtype, tier, seed: 3 });
        }
      }
    }
  }

  it('covers the reported case (n = 4096, naive, BSR of 4 × 4 blocks, 0 %) once capped', async () => {
    const params: ProductParams = {
      n: 4096,
      batch: 1,
      sparsity: 0,
      structure: 'block',
      format: 'bsr',
      dtype: 'f64',
      tier: 'naive',
      seed: 1,
    };
    // A device fast enough that only memory binds (time budgets are tested below).
    const rates = new RateBook();
    for (const kernel of ['dense:naive', 'bsr4:tuned', 'reference']) {
      for (const matrixBytes of [1, 2 ** 30]) {
        rates.record({ kernel, dtype: 'f64', batch: 1, matrixBytes }, 1e12, 1);
      }
    }
    const ctx = nodeContext({ simd, rates });
    const { bytes, result } = await countAllocations(() => product.run(params, ctx));
    expect(result.params.n).toBeLessThan(4096);
    expect(result.binding, result.notes.join(' ')).toBe('memory');
    expect(bytes).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    expect(
      productBytes({ ...params, n: result.params.n }, kernelsOf(params), simd.overheadBytes),
    ).toBeGreaterThanOrEqual(bytes);
  }, 60_000);

  it.each(grid)(
    'covers what product.run allocates: $structure/$format, $tier, batch $batch, $dtype',
    async (params) => {
      const ctx = nodeContext({ simd, clock: jumpy() });
      // A first run calibrates this worker's rates, so the counted run allocates only its own problem.
      await product.run({ ...params, n: 64 }, ctx);
      const { bytes, result } = await countAllocations(() => product.run(params, ctx));
      expect(result.speedup).not.toBeNull();
      const model = productBytes(params, kernelsOf(params), simd.overheadBytes);
      expect(model, `allocated ${bytes} bytes`).toBeGreaterThanOrEqual(bytes);
      // …and not wildly more: a model that overcounts caps readers' problems for nothing.
      expect(model).toBeLessThan(bytes * 2.5 + 12 * 2 ** 20);
    },
  );
});

describe('capProduct(problem, kernels, rates): the time budget', () => {
  const p: ProductParams = {
    n: 1024,
    batch: 256,
    sparsity: 0,
    structure: 'unstructured',
    format: 'coo',
    dtype: 'f32',
    tier: 'naive',
    seed: 1,
  };

  it('caps a problem whose calls would take too long, and says the time budget bound', () => {
    const cap = capProduct(p, kernelsOf(p), new RateBook());
    expect(cap.n).toBeLessThan(1024);
    expect(cap.binding).toBe('time');
    expect(cap.note).toMatch(/time budget; memory alone would allow n = \d+/);
    expect(measurementMs({ ...p, n: cap.n }, kernelsOf(p), new RateBook())).toBeLessThanOrEqual(
      TIME_BUDGET_MS,
    );
  });

  it('uses the rates measured on this device: a fast device keeps more of the problem', () => {
    const fast = new RateBook();
    for (const kernel of ['dense:naive', 'coo:tuned']) {
      fast.record({ kernel, dtype: 'f32', batch: 256, matrixBytes: 4 * 1024 ** 2 + 1 }, 1e9, 1);
      fast.record(
        { kernel: 'reference', dtype: 'f32', batch: 256, matrixBytes: 4 * 1024 ** 2 + 1 },
        1e9,
        1,
      );
    }
    expect(capProduct(p, kernelsOf(p), fast).n).toBeGreaterThan(
      capProduct(p, kernelsOf(p), new RateBook()).n,
    );
  });

  it('names memory, not time, when memory binds (n = 4096, batch 64)', () => {
    const q: ProductParams = {
      ...p,
      n: 4096,
      batch: 64,
      format: 'csr',
      tier: 'tuned',
      dtype: 'f64',
    };
    const fast = new RateBook();
    for (const kernel of ['dense:tuned', 'csr:tuned', 'reference']) {
      fast.record({ kernel, dtype: 'f64', batch: 64, matrixBytes: 8 * 4096 ** 2 }, 1e12, 1);
    }
    const cap = capProduct(q, kernelsOf(q), fast);
    expect(cap.binding).toBe('memory');
    expect(cap.note).toMatch(/memory budget/);
  });

  it('leaves problems that fit alone', () => {
    const small: ProductParams = { ...p, n: 256, batch: 1, format: 'csr', tier: 'tuned' };
    expect(capProduct(small, kernelsOf(small), new RateBook())).toEqual({ n: 256, binding: null });
  });
});
