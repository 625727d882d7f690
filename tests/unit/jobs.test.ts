import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/bench/clock';
import { describeEnvironment } from '../../src/bench/environment';
import { crossoverSearch, measurePair, type JobContext } from '../../src/worker/jobs';
import { Scheduler } from '../../src/worker/scheduler';

const env = describeEnvironment(systemClock);
const ctx = (faults = false): JobContext => ({
  clock: systemClock,
  env,
  faults,
  unit: async (work) => work(),
  progress: () => {},
});

describe('measurePair(params, ctx)', () => {
  it('measures both kernels on the same matrix and verifies both answers', () => {
    const r = measurePair({ n: 96, sparsity: 0.9, dtype: 'f32', tier: 'tuned', seed: 4 }, ctx());
    expect(r.nnz).toBe(Math.round(96 * 96 * 0.1));
    expect(r.dense.verified).toBe(true);
    expect(r.sparse.verified).toBe(true);
    expect(r.dense.medianMs).toBeGreaterThan(0);
    expect(r.speedup).toBeCloseTo(r.dense.medianMs / r.sparse.medianMs, 10);
    expect(r.bytes.dense).toBe(96 * 96 * 4);
  });

  it('with the corrupt fault (test builds), shows a failed check and no speedup', () => {
    const r = measurePair({ n: 64, sparsity: 0.5, dtype: 'f64', tier: 'naive', seed: 1, fault: 'corrupt' }, ctx(true));
    expect(r.sparse.verified).toBe(false);
    expect(r.speedup).toBeNull();
  });

  it('ignores fault params outside test builds', () => {
    const r = measurePair({ n: 64, sparsity: 0.5, dtype: 'f64', tier: 'naive', seed: 1, fault: 'corrupt' }, ctx(false));
    expect(r.sparse.verified).toBe(true);
  });
});

describe('crossoverSearch(params, ctx)', () => {
  it('brackets the crossover on real kernels and streams each probe', async () => {
    const probes: number[] = [];
    const r = await crossoverSearch(
      { n: 128, dtype: 'f64', tier: 'tuned', seed: 1, lo: 0, hi: 0.999 },
      { ...ctx(), progress: (done) => probes.push(done) },
    );
    expect(r.probes.length).toBe(probes.length);
    // At 0 % CSR does strictly more work than dense; at 99.9 % almost none.
    expect(r.probes[0]!.speedup).toBeLessThan(1);
    expect(r.kind).toBe('inside');
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
