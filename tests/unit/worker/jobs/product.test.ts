import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { race } from '../../../../src/bench/race';
import { parseKernelId, type RunResult } from '../../../../src/bench/runner';
import { atlas } from '../../../../src/worker/jobs/atlas';
import { crossover } from '../../../../src/worker/jobs/crossover';
import { product, type CurveParams, type ProductResult } from '../../../../src/worker/jobs/product';
import { sweep } from '../../../../src/worker/jobs/sweep';
import { Scheduler } from '../../../../src/worker/scheduler';
import { RateBook } from '../../../../src/bench/rates';
import { systemClock } from '../../../../src/bench/clock';
import { nodeContext } from '../node-context';

/** A rate book that has seen these kernels run at a teraflop, at every size: no time budget binds. */
function fastRates(kernels: string[], dtype: 'f32' | 'f64', batch = 1): RateBook {
  const rates = new RateBook();
  for (const kernel of [...kernels, 'reference']) {
    for (const matrixBytes of [1, 2 ** 30])
      rates.record({ kernel, dtype, batch, matrixBytes }, 1e12, 1);
  }
  return rates;
}

const base: CurveParams = {
  n: 96,
  batch: 1,
  structure: 'unstructured',
  format: 'csr',
  dtype: 'f32',
  tier: 'tuned',
  seed: 4,
};

describe('product.run(params, ctx)', () => {
  it('measures both kernels on the same matrix and verifies both answers', async () => {
    const r = await product.run({ ...base, sparsity: 0.9 }, nodeContext());
    expect(r.nnz).toBe(Math.round(96 * 96 * 0.1));
    expect(r.builtSparsity).toBeCloseTo(0.9, 3);
    expect(r.dense.verified).toBe(true);
    expect(r.sparse.verified).toBe(true);
    expect(r.dense.medianMs).toBeGreaterThan(0);
    expect(r.speedup).toBeCloseTo(r.dense.medianMs / r.sparse.medianMs, 10);
    expect(r.probe!.low).toBeLessThanOrEqual(r.probe!.speedup);
    expect(r.probe!.high).toBeGreaterThanOrEqual(r.probe!.speedup);
    expect(r.bytes.dense).toBe(96 * 96 * 4);
    expect(r.dense.inputs).toBe(r.sparse.inputs);
  });

  it.each([
    ['csr', 'unstructured', 1],
    ['coo', 'power-law', 3],
    ['bsr', 'block', 8],
    ['nm', 'nm', 5],
    ['csr', 'banded', 1],
  ] as const)(
    'verifies %s on a %s matrix with batch %i, in f64 and f32',
    async (format, structure, batch) => {
      for (const dtype of ['f64', 'f32'] as const) {
        const r = await product.run(
          { ...base, n: 67, batch, format, structure, dtype, tier: 'naive', sparsity: 0.8 },
          nodeContext(),
        );
        expect(r.speedup, `${format} ${structure} ${dtype}`).not.toBeNull();
        expect(r.params.batch).toBe(batch);
      }
    },
  );

  it('falls back from simd to tuned, names what ran, and says what it measured instead', async () => {
    const r = await product.run(
      { ...base, tier: 'simd', sparsity: 0.5 },
      nodeContext({ simdUnavailable: 'The WebAssembly SIMD kernels could not load (HTTP 404).' }),
    );
    expect(r.params.tier).toBe('tuned');
    expect(r.dense.fn).toBe('gemvTuned');
    expect(r.notes.join(' ')).toMatch(
      /HTTP 404\)\. Measured the tuned TypeScript kernel instead\./,
    );
  });

  it('says the 2:4 matrix it built below 50 % is half zeros, and reports the sparsity built', async () => {
    const r = await product.run(
      { ...base, format: 'nm', structure: 'nm', sparsity: 0 },
      nodeContext(),
    );
    expect(r.builtSparsity).toBeCloseTo(0.5, 2);
    expect(r.notes.join(' ')).toMatch(/built at 50 % zeros/);
  });

  it('refuses 2:4 storage for a matrix that is not 2:4', async () => {
    await expect(
      product.run({ ...base, format: 'nm', sparsity: 0.6 }, nodeContext()),
    ).rejects.toThrow(/2:4 structure/);
  });

  it('caps a problem over the memory budget, and says the memory budget bound', async () => {
    const r = await product.run(
      {
        ...base,
        n: 4096,
        batch: 1,
        dtype: 'f64',
        format: 'bsr',
        structure: 'block',
        tier: 'naive',
        sparsity: 0.9999,
      },
      // A device fast enough that only memory binds.
      nodeContext({ rates: fastRates(['dense:naive', 'bsr4:tuned'], 'f64') }),
    );
    expect(r.params.n).toBeLessThan(4096);
    expect(r.binding).toBe('memory');
    expect(r.notes.join(' ')).toMatch(/memory budget/);
  });

  it('with the corrupt fault (test builds), shows a failed check and no speedup', async () => {
    const r = await product.run(
      { ...base, n: 64, sparsity: 0.5, dtype: 'f64' },
      nodeContext({ fault: 'corrupt' }),
    );
    expect(r.sparse.verified).toBe(false);
    expect(r.speedup).toBeNull();
  });

  it('streams its measurement steps as progress', async () => {
    const steps: number[] = [];
    await product.run(
      { ...base, sparsity: 0.9 },
      nodeContext({ progress: (done) => steps.push(done) }),
    );
    expect(steps.length).toBeGreaterThanOrEqual(5);
  });
});

describe('one product engine: the CLI and the widget job measure the same problem', () => {
  it('npm run bench and the product job build bit-identical inputs for one spec', async () => {
    const spec = {
      n: 80,
      batch: 3,
      sparsity: 0.85,
      structure: 'power-law',
      dtype: 'f32',
      seed: 9,
    } as const;
    const widget = await product.run({ ...spec, format: 'csr', tier: 'tuned' }, nodeContext());
    const out = execFileSync(
      'npx',
      [
        'tsx',
        'scripts/bench.ts',
        '--kernels',
        'dense:tuned,csr',
        '--n',
        '80',
        '--batch',
        '3',
        '--sparsity',
        '0.85',
        '--structure',
        'power-law',
        '--dtype',
        'f32',
        '--seed',
        '9',
        '--json',
        '--batches',
        '3',
        '--min-batch-ms',
        '1',
        '--no-simd',
      ],
      { encoding: 'utf8' },
    );
    const cli = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunResult & { type?: string })
      .filter((r) => r.type !== 'environment');
    expect(cli.map((r) => r.kernel)).toEqual(['dense:tuned', 'csr:tuned']);
    expect(cli[0]!.inputs).toMatch(/^[0-9a-f]{8}$/);
    expect(cli[0]!.inputs).toBe(widget.dense.inputs);
    expect(cli[1]!.inputs).toBe(widget.sparse.inputs);
    expect(cli[0]!.nnz).toBe(widget.nnz);
  }, 60_000);

  it('a different seed gives different inputs', async () => {
    const ctx = { clock: systemClock, resolutionMs: 0.001, simd: null, measure: { batches: 3 } };
    const a = race(
      { ...base, sparsity: 0.5 },
      parseKernelId('dense:tuned'),
      parseKernelId('csr'),
      ctx,
    );
    const b = race(
      { ...base, sparsity: 0.5, seed: 5 },
      parseKernelId('dense:tuned'),
      parseKernelId('csr'),
      ctx,
    );
    expect(a.baseline.inputs).not.toBe(b.baseline.inputs);
  });
});

describe('crossover.run(params, ctx)', () => {
  it('brackets the crossover on real kernels and streams each probe', async () => {
    const probes: number[] = [];
    const r = await crossover.run(
      { ...base, n: 128, dtype: 'f64', lo: 0, hi: 0.999 },
      nodeContext({ progress: (done) => probes.push(done) }),
    );
    expect(r.probes.length).toBe(probes.length);
    // At 0 % CSR does strictly more work than dense; at 99.9 % almost none.
    expect(r.probes[0]!.speedup).toBeLessThan(1);
    expect(r.kind).toBe('inside');
    if (r.kind === 'inside') expect(r.band[0]).toBeLessThanOrEqual(r.sparsity);
  });

  it('labels what ran: a SIMD search without SIMD says tuned', async () => {
    const r = await crossover.run(
      { ...base, n: 64, tier: 'simd', lo: 0, hi: 0.99 },
      nodeContext({ simdUnavailable: 'No SIMD here.' }),
    );
    expect(r.params.tier).toBe('tuned');
    expect(r.notes.join(' ')).toMatch(/Measured the tuned TypeScript kernel instead/);
  });
});

describe('sweep.run(params, ctx)', () => {
  it('measures every sparsity asked for, in order, streaming each', async () => {
    const streamed: number[] = [];
    const results: ProductResult[] = await sweep.run(
      { ...base, n: 64, sparsities: [0, 0.5, 0.99] },
      nodeContext({ progress: (done) => streamed.push(done) }),
    );
    expect(results.map((r) => r.params.sparsity)).toEqual([0, 0.5, 0.99]);
    expect(streamed).toEqual([1, 2, 3]);
  });
});

describe('atlas.run(params, ctx)', () => {
  it('searches each case in turn and streams each outcome', async () => {
    const done: number[] = [];
    const outcomes = await atlas.run(
      {
        n: 64,
        batch: 1,
        dtype: 'f32',
        seed: 1,
        lo: 0,
        hi: 0.99,
        cases: [
          { tier: 'tuned', structure: 'unstructured', format: 'csr' },
          { tier: 'tuned', structure: 'nm', format: 'nm' },
        ],
      },
      nodeContext({ progress: (d, _t, detail) => detail.outcome && done.push(d) }),
    );
    expect(outcomes).toHaveLength(2);
    expect(outcomes[1]!.params.format).toBe('nm');
    expect(done).toEqual([1, 2]);
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
