import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/bench/clock';
import { describeEnvironment } from '../../src/bench/environment';
import { crossoverSearch, measureProduct, sweep, type JobContext } from '../../src/worker/jobs';
import type { CurveParams } from '../../src/worker/protocol';
import { Scheduler } from '../../src/worker/scheduler';

const env = describeEnvironment(systemClock);
const ctx = (faults = false): JobContext => ({
  clock: systemClock,
  env,
  simd: null,
  faults,
  unit: async (work) => work(),
  progress: () => {},
});

const base: CurveParams = {
  n: 96,
  k: 1,
  structure: 'unstructured',
  format: 'csr',
  dtype: 'f32',
  tier: 'tuned',
  seed: 4,
};

describe('measureProduct(params, ctx)', () => {
  it('measures both kernels on the same matrix and verifies both answers', () => {
    const r = measureProduct({ ...base, sparsity: 0.9 }, ctx());
    expect(r.nnz).toBe(Math.round(96 * 96 * 0.1));
    expect(r.dense.verified).toBe(true);
    expect(r.sparse.verified).toBe(true);
    expect(r.dense.medianMs).toBeGreaterThan(0);
    expect(r.speedup).toBeCloseTo(r.dense.medianMs / r.sparse.medianMs, 10);
    expect(r.bytes.dense).toBe(96 * 96 * 4);
  });

  it.each([
    ['csr', 'unstructured', 1],
    ['coo', 'power-law', 3],
    ['bsr', 'block', 8],
    ['nm', 'nm', 5],
    ['csr', 'banded', 1],
  ] as const)('verifies %s on a %s matrix with k = %i, in f64 and f32', (format, structure, k) => {
    for (const dtype of ['f64', 'f32'] as const) {
      const r = measureProduct(
        { ...base, n: 67, k, format, structure, dtype, tier: 'naive', sparsity: 0.8 },
        ctx(),
      );
      expect(r.speedup, `${format} ${structure} ${dtype}`).not.toBeNull();
      expect(r.params.k).toBe(k);
    }
  });

  it('falls back from simd to tuned, and says so, where WebAssembly SIMD is missing', () => {
    const r = measureProduct(
      { ...base, tier: 'simd', sparsity: 0.5 },
      { ...ctx(), simdUnavailable: 'no SIMD here' },
    );
    expect(r.params.tier).toBe('tuned');
    expect(r.notes).toContain('no SIMD here');
  });

  it('refuses 2:4 storage for a matrix that is not 2:4', () => {
    expect(() => measureProduct({ ...base, format: 'nm', sparsity: 0.6 }, ctx())).toThrow(
      /2:4 structure/,
    );
  });

  it('caps a problem over the memory budget and says why', () => {
    const r = measureProduct(
      { ...base, n: 4096, k: 1, dtype: 'f64', format: 'coo', tier: 'simd', sparsity: 0.9999 },
      ctx(),
    );
    expect(r.params.n).toBeLessThan(4096);
    expect(r.notes.join(' ')).toMatch(/memory budget/);
  });

  it('with the corrupt fault (test builds), shows a failed check and no speedup', () => {
    const r = measureProduct(
      { ...base, n: 64, sparsity: 0.5, dtype: 'f64', fault: 'corrupt' },
      ctx(true),
    );
    expect(r.sparse.verified).toBe(false);
    expect(r.speedup).toBeNull();
  });

  it('ignores fault params outside test builds', () => {
    const r = measureProduct(
      { ...base, n: 64, sparsity: 0.5, dtype: 'f64', fault: 'corrupt' },
      ctx(false),
    );
    expect(r.sparse.verified).toBe(true);
  });
});

describe('crossoverSearch(params, ctx)', () => {
  it('brackets the crossover on real kernels and streams each probe', async () => {
    const probes: number[] = [];
    const r = await crossoverSearch(
      { ...base, n: 128, dtype: 'f64', lo: 0, hi: 0.999 },
      { ...ctx(), progress: (done) => probes.push(done) },
    );
    expect(r.probes.length).toBe(probes.length);
    // At 0 % CSR does strictly more work than dense; at 99.9 % almost none.
    expect(r.probes[0]!.speedup).toBeLessThan(1);
    expect(r.kind).toBe('inside');
  });
});

describe('sweep(params, ctx)', () => {
  it('measures every sparsity asked for, in order, streaming each', async () => {
    const streamed: number[] = [];
    const results = await sweep(
      { ...base, n: 64, sparsities: [0, 0.5, 0.99] },
      { ...ctx(), progress: (done) => streamed.push(done) },
    );
    expect(results.map((r) => r.params.sparsity)).toEqual([0, 0.5, 0.99]);
    expect(streamed).toEqual([1, 2, 3]);
  });
});

describe('Scheduler', () => {
  it('gives the next turn to the highest priority waiting', async () => {
    const s = new Scheduler();
    const order: string[] = [];
    const queued: Promise<unknown>[] = [];
    // While a sweep unit runs, a low and a high priority unit ask for a turn.
    await s.run(0, () => {
      order.push('sweep-1');
      queued.push(s.run(0, () => order.push('sweep-2')));
      queued.push(s.run(1, () => order.push('slider')));
    });
    await Promise.all(queued);
    expect(order).toEqual(['sweep-1', 'slider', 'sweep-2']);
  });
});
