import { describe, expect, it } from 'vitest';
import { latencyBytes } from '../../../../src/bench/latency';
import { latency, latencyParams } from '../../../../src/worker/jobs/latency';
import { countAllocations } from '../../bench/allocations';
import { nodeContext } from '../node-context';

const KB = 1024;
const MB = 1024 * KB;

const jumpy = () => {
  let t = 0;
  return { now: () => (t += 20) };
};

describe('latency.run(params, ctx)', () => {
  it('streams a point per size, in order and chased, both verified', async () => {
    const seen: number[] = [];
    const r = await latency.run(
      { mode: 'quick', maxBytes: 64 * KB, seed: 3 },
      nodeContext<{ point: { bytes: number } }>({
        clock: jumpy(),
        progress: (_d, _t, p) => seen.push(p.point.bytes),
      }),
    );
    expect(seen).toEqual([4, 8, 16, 32, 64].map((k) => k * KB));
    expect(r.verified).toBe(true);
    expect(r.points.every((p) => p.chase.ns > 0 && p.inOrder.ns > 0)).toBe(true);
  });

  it('with the corrupt fault (test builds), reports an unverified chase', async () => {
    const r = await latency.run(
      { mode: 'quick', maxBytes: 16 * KB, seed: 3 },
      nodeContext({ clock: jumpy(), fault: 'corrupt' }),
    );
    expect(r.verified).toBe(false);
  });

  it('its memory model covers what it allocates (8 MB)', async () => {
    const params = { mode: 'quick' as const, maxBytes: 8 * MB, seed: 1 };
    const { bytes, result } = await countAllocations(() =>
      latency.run(params, nodeContext({ clock: jumpy() })),
    );
    expect(result.verified).toBe(true);
    const model = latencyBytes(latencyParams(params));
    expect(model, `allocated ${bytes} bytes`).toBeGreaterThanOrEqual(bytes);
    expect(model).toBeLessThan(bytes * 1.5);
  });
});
