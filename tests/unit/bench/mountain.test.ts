import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/bench/clock';
import { directContext } from '../../../src/bench/context';
import {
  measureMountain,
  MOUNTAIN_FULL,
  MOUNTAIN_QUICK,
  mountainBytes,
  summarizeMountain,
  WASM_OVERHEAD_BYTES,
  workingSetSizes,
  type MountainParams,
  type MountainPoint,
} from '../../../src/bench/mountain';
import type { SimdKernels } from '../../../src/kernels/wasm';
import { loadKernelsForTest } from '../kernels/wasm-fixture';

const KB = 1024;
const MB = 1024 * KB;

/**
 * A clock that moves 10 ms per read: every batch "lasts" 10 ms, so measure()
 * settles on one call per batch. These tests check plumbing and verification,
 * never speed.
 */
const ticking = (): Clock => {
  let t = 0;
  return { now: () => (t += 10) };
};

/** A context that counts units and records progress. */
function recording(simd: SimdKernels | null) {
  const progress: { done: number; total: number; point: MountainPoint }[] = [];
  let units = 0;
  const base = directContext<MountainPoint>(ticking(), 0.001, (done, total, point) =>
    progress.push({ done, total, point }),
  );
  const ctx = {
    ...base,
    simd,
    unit: <T>(work: () => T): Promise<T> => {
      units++;
      return base.unit(work);
    },
  };
  return { ctx, progress, units: () => units };
}

const small: MountainParams = {
  ...MOUNTAIN_QUICK,
  minBytes: 4 * KB,
  maxBytes: 64 * KB,
  strides: [1, 8],
  batches: 2,
};

let simd: SimdKernels;
beforeAll(async () => {
  simd = await loadKernelsForTest();
}, 60_000);

describe('workingSetSizes(min, max, perOctave)', () => {
  it('spaces sizes evenly on a log scale, whole cache lines, both ends included', () => {
    expect(workingSetSizes(4 * KB, 64 * KB, 1)).toEqual([4, 8, 16, 32, 64].map((k) => k * KB));
    const half = workingSetSizes(4 * KB, 16 * KB, 2);
    expect(half).toEqual([4096, 5824, 8192, 11584, 16384]);
    for (const s of workingSetSizes(4 * KB, 64 * MB, 3)) expect(s % 64).toBe(0);
  });
});

describe('mountainBytes(params)', () => {
  it('counts the one array, plus the WebAssembly module beside it for the SIMD read', () => {
    expect(mountainBytes({ ...MOUNTAIN_FULL, simd: false })).toBe(64 * MB);
    expect(mountainBytes(MOUNTAIN_FULL)).toBe(64 * MB + WASM_OVERHEAD_BYTES);
    expect(mountainBytes(MOUNTAIN_QUICK)).toBeLessThanOrEqual(256 * MB);
  });
});

describe('measureMountain(params, ctx)', () => {
  it('measures every (size, stride), SIMD stride 1 first, each sum verified, streamed in order', async () => {
    const { ctx, progress } = recording(simd);
    const result = await measureMountain(small, ctx);
    const sizes = workingSetSizes(small.minBytes, small.maxBytes, small.pointsPerOctave);
    expect(result.points).toHaveLength(sizes.length * 3);
    expect(result.points.slice(0, 3).map((p) => `${p.kernel}:${p.stride}`)).toEqual([
      'simd:1',
      'js:1',
      'js:8',
    ]);
    expect(result.verified).toBe(true);
    expect(result.points.every((p) => p.verified && p.gbps > 0)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual(result.points.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === result.points.length)).toBe(true);
    // Past a cache line, each element read costs a whole line.
    const strided = result.points.find((p) => p.stride === 8)!;
    expect(strided.lineGbps / strided.gbps).toBeCloseTo(8, 10);
    const unit = result.points.find((p) => p.stride === 1 && p.kernel === 'js')!;
    expect(unit.lineGbps).toBeCloseTo(unit.gbps, 10);
  });

  it('runs in units (fill, warm-up, one per batch of every point) and says when SIMD is missing', async () => {
    const { ctx, units } = recording(null);
    const result = await measureMountain(small, ctx);
    // allocation + fill (one chunk) + JIT warm-up of each of the 2 series + points × batches
    expect(units()).toBe(2 + 2 + result.points.length * small.batches);
    expect(result.notes.join(' ')).toMatch(/SIMD is not available/);
    expect(result.points.every((p) => p.kernel === 'js')).toBe(true);
  });

  it('flags a read whose sum is wrong as not verified', async () => {
    const wrong = {
      ...simd,
      arena: (bytes: number) => simd.arena(bytes),
      arenaBytes: (...b: number[]) => simd.arenaBytes(...b),
      sumSimd: (a: Float64Array, passes?: number) => simd.sumSimd(a, passes) + 1,
    } as SimdKernels;
    const { ctx } = recording(wrong);
    const result = await measureMountain(small, ctx);
    expect(result.verified).toBe(false);
    expect(result.points.filter((p) => !p.verified).every((p) => p.kernel === 'simd')).toBe(true);
    expect(result.points.filter((p) => p.kernel === 'js').every((p) => p.verified)).toBe(true);
  });
});

describe('summarizeMountain(params, points)', () => {
  const point = (kernel: 'js' | 'simd', stride: number, bytes: number, gbps: number) =>
    ({ kernel, stride, bytes, gbps, verified: true, noisy: false }) as MountainPoint;

  it('takes its levels from the series with the most cliffs, and its headline from stride 1', () => {
    const sizes = workingSetSizes(4 * KB, 64 * MB, 2);
    const step = (bytes: number, levels: number[], edges: number[]): number =>
      levels[edges.filter((e) => bytes > e).length]!;
    const points = sizes.flatMap((b) => [
      point('simd', 1, b, step(b, [100, 60, 20], [1 * MB, 16 * MB])),
      point('js', 1, b, 20),
      point('js', 8, b, step(b, [12, 8, 5, 2], [32 * KB, 1 * MB, 16 * MB])),
    ]);
    const r = summarizeMountain(MOUNTAIN_FULL, points);
    expect(r.levelSeries).toEqual({ kernel: 'js', stride: 8 });
    expect(r.levels.map((l) => l.name)).toEqual(['L1', 'L2', 'L3', 'DRAM']);
    // Headline: the SIMD stride-1 read on the first level's sizes and on the last's.
    expect(r.l1Gbps).toBe(100);
    expect(r.dramGbps).toBe(20);
    expect(r.l1ToDram).toBe(5);
    // JS stride 1 reads 20 GB/s everywhere; stride 8 reads 2 on the DRAM sizes.
    expect(r.strideCost).toBe(10);
    expect(Math.abs(Math.log2(r.llcBytes! / (16 * MB)))).toBeLessThan(0.5);
    expect(r.levelsBySeries.find((s) => s.kernel === 'js' && s.stride === 1)!.levels[0]!.name).toBe(
      'all',
    );
  });

  it('falls back to the smallest and largest sizes, with a note, when no cliff stands out', () => {
    const points = workingSetSizes(4 * KB, 1 * MB, 1).map((b, i) =>
      point('js', 1, b, 20 - i * 0.1),
    );
    const r = summarizeMountain(MOUNTAIN_QUICK, points);
    expect(r.levels).toHaveLength(1);
    expect(r.l1Gbps).toBe(20);
    expect(r.dramGbps).toBeCloseTo(20 - 8 * 0.1, 10);
    expect(r.notes.join(' ')).toMatch(/No cliff/);
  });
});
