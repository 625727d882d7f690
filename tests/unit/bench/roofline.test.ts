import { beforeAll, describe, expect, it } from 'vitest';
import { directContext } from '../../../src/bench/context';
import {
  attainableGflops,
  measureRoofline,
  placeKernels,
  problemBytes,
  ridgeIntensity,
  ROOFLINE_DEFAULTS,
  rooflineBytes,
  rooflineKernels,
  roofSegments,
  type RooflineProgress,
} from '../../../src/bench/roofline';
import type { SimdKernels } from '../../../src/kernels/wasm';
import { loadKernelsForTest } from '../kernels/wasm-fixture';

let simd: SimdKernels;
beforeAll(async () => {
  simd = await loadKernelsForTest();
}, 60_000);

describe('placeKernels(kernels, peak, bandwidth)', () => {
  const k = (
    op: 'gemv' | 'gemm' | 'spmv' | 'spmm',
    flops: number,
    bytes: number,
    gflops: number,
  ) => ({
    kernel: op,
    op,
    flops,
    bytesMoved: bytes,
    gflops,
    verified: true,
  });

  it('puts a kernel left of the ridge under the slope and one right of it under the flat roof', () => {
    // Peak 20 GFLOP/s, 10 GB/s: ridge at 2 FLOP/byte.
    expect(ridgeIntensity(20, 10)).toBe(2);
    const [gemv, gemm] = placeKernels([k('gemv', 2e6, 8e6, 1.5), k('gemm', 64e6, 2e6, 10)], 20, 10);
    expect(gemv!.intensity).toBe(0.25);
    expect(gemv!.attainable).toBe(2.5);
    expect(gemv!.bound).toBe('memory');
    expect(gemv!.ofAttainable).toBeCloseTo(0.6, 12);
    expect(gemm!.intensity).toBe(32);
    expect(gemm!.attainable).toBe(20);
    expect(gemm!.bound).toBe('compute');
    expect(gemm!.ofAttainable).toBe(0.5);
  });

  it('flags a memory-bound kernel that beat the DRAM roof (its data fitted in cache)', () => {
    const [spmv] = placeKernels([k('spmv', 1e6, 6e6, 4)], 20, 10);
    expect(spmv!.aboveRoof).toBe(true);
    expect(attainableGflops(1 / 6, 20, 10)).toBeCloseTo(10 / 6, 12);
  });

  it('roofSegments draws the slope, the ridge and the flat roof', () => {
    expect(roofSegments(20, 10, 0.1, 100)).toEqual([
      { intensity: 0.1, gflops: 1 },
      { intensity: 2, gflops: 20 },
      { intensity: 100, gflops: 20 },
    ]);
    expect(roofSegments(20, 10, 4, 100)).toHaveLength(2);
  });
});

describe('rooflineBytes(params)', () => {
  it('stays within the 256 MB budget at the defaults, in f64 and f32', () => {
    expect(rooflineBytes(ROOFLINE_DEFAULTS)).toBeLessThanOrEqual(256 * 2 ** 20);
    expect(rooflineBytes({ ...ROOFLINE_DEFAULTS, dtype: 'f32' })).toBeLessThan(
      rooflineBytes(ROOFLINE_DEFAULTS),
    );
    // The dense matrix alone is n² × 8 bytes.
    expect(problemBytes(1536, 1, 'f64', 'dense:tuned', 0.9)).toBeGreaterThan(1536 * 1536 * 8);
    expect(problemBytes(1536, 1, 'f64', 'csr:tuned', 0.9)).toBeGreaterThan(
      problemBytes(1536, 1, 'f64', 'dense:tuned', 0.9),
    );
  });
});

describe('measureRoofline(params, ctx)', () => {
  it('measures the roofs and GEMV, SpMV, GEMM and SpMM, verified, and places them', async () => {
    let t = 0;
    const progress: RooflineProgress[] = [];
    const ctx = {
      ...directContext<RooflineProgress>({ now: () => (t += 10) }, 0.001, (_d, _t, p) =>
        progress.push(p),
      ),
      simd,
    };
    const params = {
      ...ROOFLINE_DEFAULTS,
      nVector: 96,
      nMatrix: 48,
      batch: 4,
      memoryBytes: 64 * 1024,
      peakSteps: 256,
    };
    const r = await measureRoofline(params, ctx);
    expect(r.compute.map((c) => c.tier)).toEqual(['scalar', 'simd']);
    expect(r.memory.map((m) => m.tier)).toEqual(['simd', 'js']);
    expect(r.runs.map((x) => `${x.op} ${x.kernel}`)).toEqual([
      'gemv dense:tuned',
      'gemv dense:simd',
      'spmv csr:tuned',
      'gemm dense:tuned',
      'gemm dense:simd',
      'spmm csr:tuned',
    ]);
    expect(r.verified).toBe(true);
    expect(r.kernels.every((k) => k.intensity === k.flops / k.bytesMoved)).toBe(true);
    expect(r.peakGflops).toBe(
      Math.max(...r.compute.map((c) => c.gflops), ...r.runs.map((x) => x.gflops)),
    );
    expect(progress.map((p) => p.kind)).toEqual([
      'peak',
      'peak',
      'memory',
      ...rooflineKernels(params, true).map(() => 'kernel'),
    ]);
  });

  it('uses a bandwidth it is given instead of measuring one, and skips SIMD when it is missing', async () => {
    let t = 0;
    const ctx = { ...directContext<RooflineProgress>({ now: () => (t += 10) }, 0.001), simd: null };
    const r = await measureRoofline(
      {
        ...ROOFLINE_DEFAULTS,
        nVector: 32,
        nMatrix: 16,
        batch: 2,
        peakSteps: 64,
        bandwidthGbps: 12,
      },
      ctx,
    );
    expect(r.bandwidthGbps).toBe(12);
    expect(r.compute.map((c) => c.tier)).toEqual(['scalar']);
    expect(r.runs.some((x) => x.tier === 'simd')).toBe(false);
    expect(r.notes.join(' ')).toMatch(/SIMD is not available/);
  });
});
