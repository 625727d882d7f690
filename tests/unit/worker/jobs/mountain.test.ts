import { beforeAll, describe, expect, it } from 'vitest';
import { mountainBytes } from '../../../../src/bench/mountain';
import type { SimdKernels } from '../../../../src/kernels/wasm';
import {
  capWorkingSet,
  mountain,
  mountainParams,
  type MountainProgress,
} from '../../../../src/worker/jobs/mountain';
import { countAllocations } from '../../bench/allocations';
import { loadKernelsForTest } from '../../kernels/wasm-fixture';
import { nodeContext } from '../node-context';

const KB = 1024;
const MB = 1024 * KB;

/** 20 ms per clock read: every call looks slow, so each size takes the fewest calls (plumbing, not speed). */
const jumpy = () => {
  let t = 0;
  return { now: () => (t += 20) };
};

let simd: SimdKernels;
beforeAll(async () => {
  simd = await loadKernelsForTest();
}, 60_000);

describe('mountain.run(params, ctx)', () => {
  it('streams each size’s points, verifies every read, finds levels and releases the module memory', async () => {
    const seen: MountainProgress[] = [];
    const ctx = nodeContext<MountainProgress>({
      simd,
      clock: jumpy(),
      progress: (_d, _t, p) => seen.push(p),
    });
    const r = await mountain.run({ mode: 'quick', maxBytes: 256 * KB, seed: 1 }, ctx);
    expect(seen).toHaveLength(7); // 4 KB … 256 KB, one per doubling
    expect(seen.flatMap((p) => p.points)).toEqual(r.points);
    expect(r.points[0]!.kernel).toBe('simd');
    expect(r.verified).toBe(true);
    expect(r.levels.length).toBeGreaterThan(0);
    expect(r.simdUnavailable).toBeNull();
    expect(r.binding).toBeNull();
    // The array lived in a module memory of at least 256 KB; the job left a small one.
    expect(simd.memory.buffer.byteLength).toBeLessThan(simd.overheadBytes + 64 * KB);
  });

  it('without SIMD, measures the JavaScript reads and says why', async () => {
    const r = await mountain.run(
      { mode: 'quick', maxBytes: 16 * KB, seed: 1 },
      nodeContext({ clock: jumpy(), simdUnavailable: 'The kernels could not load (test).' }),
    );
    expect(r.points.every((p) => p.kernel === 'js')).toBe(true);
    expect(r.simdUnavailable).toMatch(/could not load/);
    expect(r.notes[0]).toMatch(/could not load/);
  });

  it('with the corrupt fault (test builds), reports unverified reads', async () => {
    const r = await mountain.run(
      { mode: 'quick', maxBytes: 16 * KB, seed: 1 },
      nodeContext({ simd, clock: jumpy(), fault: 'corrupt' }),
    );
    expect(r.verified).toBe(false);
  });

  it('its memory model covers what it allocates (8 MB, SIMD)', async () => {
    const params = { mode: 'quick' as const, maxBytes: 8 * MB, seed: 1 };
    const ctx = nodeContext({ simd, clock: jumpy() });
    const { bytes, result } = await countAllocations(() => mountain.run(params, ctx));
    expect(result.verified).toBe(true);
    const model = mountainBytes(mountainParams(params), simd.overheadBytes) + simd.overheadBytes;
    expect(model, `allocated ${bytes} bytes`).toBeGreaterThanOrEqual(bytes);
    expect(model).toBeLessThan(bytes * 1.5);
  });
});

describe('capWorkingSet(requested, bytesOf, series, what)', () => {
  it('keeps a request that fits, and lowers one over the memory budget to a power of two, saying so', () => {
    const bytesOf = (b: number) => b * 3; // a job that holds three copies
    expect(capWorkingSet({ mode: 'quick', maxBytes: 64 * MB, seed: 1 }, bytesOf, 3, 'It')).toEqual({
      maxBytes: 64 * MB,
      binding: null,
    });
    const capped = capWorkingSet({ mode: 'full', maxBytes: 128 * MB, seed: 1 }, bytesOf, 7, 'It');
    expect(capped.maxBytes).toBe(64 * MB);
    expect(capped.binding).toBe('memory');
    expect(capped.note).toMatch(/up to 128 MB needs about 384 MB.*up to 64 MB.*memory budget/);
  });
});
