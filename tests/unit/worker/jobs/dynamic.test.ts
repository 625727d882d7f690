import { describe, expect, it } from 'vitest';
import { dynamic } from '../../../../src/worker/jobs/dynamic';
import { nodeContext } from '../node-context';

describe('dynamic.run(params, ctx)', () => {
  it('times dense, convert and gather per k, verifies each, and streams a row per k', async () => {
    const seen: number[] = [];
    const r = await dynamic.run(
      { n: 128, dtype: 'f32', seed: 2, fractions: [0.02, 0.5] },
      nodeContext({ progress: (done) => seen.push(done) }),
    );
    expect(seen).toEqual([1, 2]);
    expect(r.rows.map((row) => row.k)).toEqual([3, 64]);
    expect(r.verified).toBe(true);
    for (const row of r.rows) {
      for (const run of [row.dense, row.convert, row.gather, row.fixed]) {
        expect(run.verified).toBe(true);
        expect(run.medianMs).toBeGreaterThan(0);
      }
      expect(row.gatherSpeedup).toBeCloseTo(row.dense.medianMs / row.gather.medianMs, 10);
    }
  });

  it('with the corrupt fault (test builds), fails gather and shows no gather speedup', async () => {
    const r = await dynamic.run(
      { n: 64, dtype: 'f64', seed: 1, fractions: [0.05] },
      nodeContext({ fault: 'corrupt' }),
    );
    expect(r.rows[0]!.gather.verified).toBe(false);
    expect(r.rows[0]!.gatherSpeedup).toBeNull();
    expect(r.rows[0]!.dense.verified).toBe(true);
    expect(r.verified).toBe(false);
  });
});
