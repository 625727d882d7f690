import { beforeAll, describe, expect, it } from 'vitest';
import { productBytes } from '../../../src/bench/budget';
import { drain } from '../../../src/bench/measure';
import {
  attainableGflops,
  placeKernels,
  ridgeIntensity,
  ROOFLINE_DEFAULTS,
  rooflineBytes,
  rooflineKernels,
  rooflineSteps,
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
    // The read, plus the products: GEMV's matrix alone is n² × 8 bytes.
    const product = productBytes(
      { n: 1536, batch: 1, dtype: 'f64', sparsity: 0, structure: 'unstructured', seed: 1 },
      rooflineKernels(true),
    );
    expect(product).toBeGreaterThan(1536 * 1536 * 8);
    expect(rooflineBytes(ROOFLINE_DEFAULTS)).toBeGreaterThan(64 * 2 ** 20 + product);
    expect(rooflineBytes({ ...ROOFLINE_DEFAULTS, memoryBytes: 0 })).toBeLessThan(
      rooflineBytes(ROOFLINE_DEFAULTS) - 64 * 2 ** 20,
    );
  });
});

const tiny = {
  ...ROOFLINE_DEFAULTS,
  nVector: 96,
  nMatrix: 48,
  batch: 4,
  memoryBytes: 64 * 1024,
  peakSteps: 256,
};

describe('rooflineSteps(params, ctx)', () => {
  it('measures the roofs and GEMV, SpMV, GEMM and SpMM, verified, and places each under its tier’s roof', () => {
    let t = 0;
    const stages: RooflineProgress[] = [];
    const gen = rooflineSteps(tiny, { clock: { now: () => (t += 10) }, resolutionMs: 0.001, simd });
    let r;
    for (;;) {
      const next = gen.next();
      if (next.done) {
        r = next.value;
        break;
      }
      if (next.value.phase === 'stage') stages.push(next.value.detail);
    }
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
    // Each roof bounds the verified kernels of its tier.
    const roof = (tier: string) => r.compute.find((c) => c.tier === tier)!.gflops;
    for (const k of r.kernels) {
      expect(k.peakGflops).toBe(roof(k.kernel.endsWith(':simd') ? 'simd' : 'scalar'));
      expect(k.gflops).toBeLessThanOrEqual(k.peakGflops);
    }
    expect(r.peakGflops).toBe(Math.max(roof('scalar'), roof('simd')));
    expect(stages.map((p) => p.kind)).toEqual(['peak', 'memory', 'kernels', 'kernels']);
  });

  it('skips the read when asked, and the SIMD tier when it is missing', () => {
    let t = 0;
    const r = drain(
      rooflineSteps(
        { ...tiny, nVector: 32, nMatrix: 16, batch: 2, peakSteps: 64, memoryBytes: 0 },
        { clock: { now: () => (t += 10) }, resolutionMs: 0.001, simd: null },
      ),
    );
    expect(r.memory).toEqual([]);
    expect(r.bandwidthGbps).toBeNaN();
    expect(r.kernels).toEqual([]);
    expect(r.compute.map((c) => c.tier)).toEqual(['scalar']);
    expect(r.runs.some((x) => x.tier === 'simd')).toBe(false);
    expect(r.notes.join(' ')).toMatch(/SIMD is not available/);
  });

  it('with the corrupt fault, fails SpMV alone', () => {
    let t = 0;
    const r = drain(
      rooflineSteps(tiny, {
        clock: { now: () => (t += 10) },
        resolutionMs: 0.001,
        simd,
        corrupt: true,
      }),
    );
    expect(r.runs.filter((x) => !x.verified).map((x) => x.op)).toEqual(['spmv']);
    expect(r.verified).toBe(false);
  });

  it('measures a product again when another job replaced the module memory between its steps', () => {
    let t = 0;
    const gen = rooflineSteps(
      { ...tiny, memoryBytes: 0 },
      { clock: { now: () => (t += 10) }, resolutionMs: 0.001, simd },
    );
    let r;
    let i = 0;
    for (;;) {
      const next = gen.next();
      if (next.done) {
        r = next.value;
        break;
      }
      if (++i === 12) simd.arena(1024); // after the first product was built (9 probe steps, their stage, the build)
    }
    expect(r.verified).toBe(true);
    expect(r.notes.join(' ')).toMatch(/measured again/);
  });
});
