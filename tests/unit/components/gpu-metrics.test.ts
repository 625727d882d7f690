import { describe, expect, it } from 'vitest';
import {
  gpuKernels,
  gpuMetrics,
  gpuVerified,
  uploadCalls,
} from '../../../components/widgets/SparsityLab/gpu-metrics';
import type { GpuKernelRun } from '../../../src/gpu/measure-product';
import type { GpuTierResult } from '../../../src/worker/jobs/gpu-product';

const run = (kernel: string, medianMs: number, verified = true, noisy = false) =>
  ({ kernel, medianMs, verified, noisy, gflops: 1 / medianMs }) as GpuKernelRun;

/** A gpu-product result with only the fields the lab reads; the rest is never looked at. */
function tier(over: Partial<GpuTierResult> = {}, csrVerified = true): GpuTierResult {
  const dense = run('gemv-f32-thread', 20);
  const sparse = run('spmv-csr-thread', 4, csrVerified);
  return {
    dense,
    sparse,
    speedup: csrVerified ? 5 : null,
    gpu: {
      dense: { simple: run('gemv-f32-simple', 30), cooperative: dense },
      sparse: { 'thread-per-row': sparse, 'group-per-row': run('spmv-csr-group', 6) },
      uploads: {
        dense: { bytes: 4e6, medianMs: 2, gbps: 2 },
        csr: { bytes: 1e6, medianMs: 1, gbps: 1 },
        x: { bytes: 4e3, medianMs: 0.1, gbps: 0.04 },
      },
    },
    bestCpu: null,
    versusCpu: null,
    versusCpuProbe: null,
    ...over,
  } as unknown as GpuTierResult;
}

describe('gpuMetrics(result)', () => {
  it('publishes the device times, the speedup, verification and the dense upload', () => {
    expect(gpuMetrics(tier())).toEqual({
      'gpu-dense-ms': { value: 20, verified: true, noisy: false },
      'gpu-sparse-ms': { value: 4, verified: true, noisy: false },
      'gpu-speedup': { value: 5, verified: true, noisy: false },
      'gpu-verified': { value: 1, verified: true },
      'gpu-dense-gflops': { value: 1 / 20, verified: true },
      'gpu-upload-ms': { value: 2 },
      'gpu-upload-gbps': { value: 2 },
    });
  });

  it('leaves the speedup out and records 0 when a GPU kernel disagrees with the reference', () => {
    const m = gpuMetrics(tier({}, false));
    expect(m['gpu-speedup']).toBeUndefined();
    expect(m['gpu-verified']).toEqual({ value: 0, verified: false });
    expect(m['gpu-sparse-ms']?.verified).toBe(false);
  });

  it('adds the CPU’s best sparse time and the race against GPU dense when the job measured them', () => {
    const bestCpu = { medianMs: 0.1, noisy: true } as GpuTierResult['bestCpu'];
    const m = gpuMetrics(
      tier({
        bestCpu,
        versusCpu: 200,
        versusCpuProbe: { noisy: true } as GpuTierResult['versusCpuProbe'],
      }),
    );
    expect(m['gpu-cpu-sparse-ms']).toEqual({ value: 0.1, verified: true, noisy: true });
    expect(m['gpu-vs-cpu-speedup']).toEqual({ value: 200, verified: true, noisy: true });
  });

  it('marks the speedup noisy when either side was', () => {
    const m = gpuMetrics(tier({ sparse: run('spmv-csr-thread', 4, true, true) }));
    expect(m['gpu-speedup']?.noisy).toBe(true);
  });
});

describe('gpuVerified(result) and gpuKernels(result)', () => {
  it('checks all four kernels, not only the faster two', () => {
    const g = tier();
    expect(gpuKernels(g).map((k) => k.kernel)).toEqual([
      'gemv-f32-simple',
      'gemv-f32-thread',
      'spmv-csr-thread',
      'spmv-csr-group',
    ]);
    expect(gpuVerified(g)).toBe(true);
    g.gpu.dense.simple = run('gemv-f32-simple', 30, false);
    expect(gpuVerified(g)).toBe(false);
  });
});

describe('uploadCalls(result)', () => {
  it('counts the dense products one upload of the dense matrix could have run', () => {
    expect(uploadCalls(tier({ dense: run('gemv-f32-thread', 0.5) }))).toBe(4);
    expect(uploadCalls(tier())).toBe(0.1);
  });
});
