import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/bench/clock';
import { drain } from '../../../src/bench/measure';
import {
  MOUNTAIN_FULL,
  MOUNTAIN_QUICK,
  mountainBytes,
  mountainSeries,
  mountainSteps,
  summarizeMountain,
  WASM_OVERHEAD_BYTES,
  workingSetSizes,
  type MountainParams,
  type MountainPoint,
  type MountainRunContext,
  type MountainStep,
} from '../../../src/bench/mountain';
import type { SimdKernels } from '../../../src/kernels/wasm';
import { loadKernelsForTest } from '../kernels/wasm-fixture';

const KB = 1024;
const MB = 1024 * KB;

/**
 * A clock that moves 10 ms per read: every batch "lasts" 10 ms, so the
 * protocol settles on one call per batch. These tests check plumbing and
 * verification, never speed.
 */
const ticking = (): Clock => {
  let t = 0;
  return { now: () => (t += 10) };
};

const context = (simd: SimdKernels | null, corrupt = false): MountainRunContext => ({
  clock: ticking(),
  resolutionMs: 0.001,
  simd,
  corrupt,
});

/** Every step of a run, and its result. */
function run(params: MountainParams, ctx: MountainRunContext) {
  const steps: MountainStep[] = [];
  const gen = mountainSteps(params, ctx);
  for (;;) {
    const next = gen.next();
    if (next.done) return { steps, result: next.value };
    steps.push(next.value);
  }
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

describe('mountainBytes(params, overhead)', () => {
  it('counts the one array, plus the WebAssembly module beside it for the SIMD read', () => {
    const bookkeeping = 2 ** 16;
    expect(mountainBytes({ ...MOUNTAIN_FULL, simd: false })).toBe(64 * MB + bookkeeping);
    expect(mountainBytes(MOUNTAIN_FULL)).toBe(64 * MB + WASM_OVERHEAD_BYTES + bookkeeping);
    expect(mountainBytes(MOUNTAIN_FULL, 1 * MB)).toBe(65 * MB + bookkeeping);
    expect(mountainBytes(MOUNTAIN_QUICK)).toBeLessThanOrEqual(256 * MB);
  });
});

describe('mountainSteps(params, ctx)', () => {
  it('measures every (size, series), SIMD stride 1 first, each sum verified, one size step per size', () => {
    const { steps, result } = run(small, context(simd));
    const sizes = workingSetSizes(small.minBytes, small.maxBytes, small.pointsPerOctave);
    expect(result.points).toHaveLength(sizes.length * 3);
    expect(result.points.slice(0, 3).map((p) => `${p.kernel}:${p.stride}`)).toEqual([
      'simd:1',
      'js:1',
      'js:8',
    ]);
    expect(result.verified).toBe(true);
    expect(result.points.every((p) => p.verified && p.gbps > 0)).toBe(true);
    const bySize = steps.filter((s) => s.phase === 'size');
    expect(bySize.map((s) => s.done)).toEqual(sizes.map((_, i) => i + 1));
    expect(bySize.flatMap((s) => (s.phase === 'size' ? s.points : []))).toEqual(result.points);
    // Past a cache line, each element read costs a whole line.
    const strided = result.points.find((p) => p.stride === 8)!;
    expect(strided.lineGbps / strided.gbps).toBeCloseTo(8, 10);
    const unit = result.points.find((p) => p.stride === 1 && p.kernel === 'js')!;
    expect(unit.lineGbps).toBeCloseTo(unit.gbps, 10);
    expect(result.bandwidths.length).toBe(result.levels.length);
    expect(result.headline).toBe('simd');
  });

  it('says when SIMD is missing, and measures only the JavaScript reads', () => {
    const { result } = run(small, context(null));
    expect(result.notes.join(' ')).toMatch(/SIMD is not available/);
    expect(result.points.every((p) => p.kernel === 'js')).toBe(true);
    expect(mountainSeries(small, false)).toHaveLength(2);
  });

  it('flags a read whose sum is wrong as not verified', () => {
    const wrong = {
      ...simd,
      arena: (bytes: number) => simd.arena(bytes),
      arenaBytes: (...b: number[]) => simd.arenaBytes(...b),
      get memory() {
        return simd.memory;
      },
      sumSimd: (a: Float64Array, passes?: number) => simd.sumSimd(a, passes) + 1,
    } as SimdKernels;
    const { result } = run(small, context(wrong));
    expect(result.verified).toBe(false);
    expect(result.points.filter((p) => !p.verified).every((p) => p.kernel === 'simd')).toBe(true);
    expect(result.points.filter((p) => p.kernel === 'js').every((p) => p.verified)).toBe(true);
  });

  it('with the corrupt fault, fails every read of the first size and no other', () => {
    const { result } = run(small, context(simd, true));
    const first = result.points.filter((p) => p.bytes === 4 * KB);
    expect(first.every((p) => !p.verified)).toBe(true);
    expect(result.points.filter((p) => p.bytes > 4 * KB).every((p) => p.verified)).toBe(true);
  });

  it('moves the array back into module memory when another job replaced it between steps', () => {
    const gen = mountainSteps(small, context(simd));
    let result;
    let i = 0;
    for (;;) {
      const next = gen.next();
      if (next.done) {
        result = next.value;
        break;
      }
      // Another job's arena, now and then, as the worker would interleave it.
      if (++i % 7 === 0) simd.arena(1024);
    }
    expect(result.verified).toBe(true);
    expect(result.notes.join(' ')).toMatch(/moved back/);
    expect(drain(mountainSteps(small, context(simd))).notes.join(' ')).not.toMatch(/moved back/);
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
