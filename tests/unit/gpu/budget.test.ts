import { describe, expect, it } from 'vitest';
import { capGpuProblem, gpuProductBytes } from '../../../src/gpu/budget';
import { foldGrid } from '../../../src/gpu/grid';
import type { GpuLimits } from '../../../src/gpu/open';
import { MEMORY_BUDGET_BYTES } from '../../../src/bench/budget';

/** WebGPU's guaranteed minimum limits (what the weakest adapter offers). */
const DEFAULT_LIMITS: GpuLimits = {
  maxStorageBufferBindingSize: 128 * 2 ** 20,
  maxBufferSize: 256 * 2 ** 20,
  maxComputeWorkgroupsPerDimension: 65535,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupStorageSize: 16384,
};

describe('gpuProductBytes(problem)', () => {
  it('counts host and device bytes that grow with n² and n·k, and less device memory with half storage', () => {
    const p = { n: 1024, k: 8, dtype: 'f64' as const };
    const b = gpuProductBytes(p);
    expect(b.total).toBe(b.host + b.device);
    // Device: dense A (4 B/entry) + CSR at 0 % sparsity (8 B/entry) at least.
    expect(b.device).toBeGreaterThan(1024 * 1024 * 12);
    // Host: the f64 matrix and its CSR twin (8 + 12 B/entry) at least.
    expect(b.host).toBeGreaterThan(1024 * 1024 * 20);
    expect(gpuProductBytes({ ...p, half: true }).device).toBeLessThan(b.device);
    expect(gpuProductBytes({ ...p, dtype: 'f32' }).host).toBeLessThan(b.host);
    expect(b.largestBuffer).toBe(1024 * 1024 * 4);
  });
});

describe('capGpuProblem(problem, limits)', () => {
  it('leaves a problem that fits alone', () => {
    expect(capGpuProblem({ n: 512, k: 1, dtype: 'f32' }, DEFAULT_LIMITS)).toEqual({
      n: 512,
      notes: [],
    });
  });

  it('caps n to the memory budget and says so', () => {
    const c = capGpuProblem({ n: 4096, k: 1, dtype: 'f64' }, DEFAULT_LIMITS);
    expect(c.n % 16).toBe(0);
    expect(gpuProductBytes({ n: c.n, k: 1, dtype: 'f64' }).total).toBeLessThanOrEqual(
      MEMORY_BUDGET_BYTES,
    );
    expect(gpuProductBytes({ n: c.n + 16, k: 1, dtype: 'f64' }).total).toBeGreaterThan(
      MEMORY_BUDGET_BYTES,
    );
    expect(c.notes.join(' ')).toContain('memory budget');
  });

  it('caps n to a small maxStorageBufferBindingSize and names the limit', () => {
    const small = { ...DEFAULT_LIMITS, maxStorageBufferBindingSize: 2 ** 20 };
    const c = capGpuProblem({ n: 1024, k: 1, dtype: 'f32' }, small);
    expect(c.n).toBe(512); // 512² · 4 B = 1 MB
    expect(c.notes.join(' ')).toContain('maxStorageBufferBindingSize');
  });

  it('caps n when the dispatch would need more workgroups than the device allows', () => {
    const tiny = { ...DEFAULT_LIMITS, maxComputeWorkgroupsPerDimension: 16 };
    const c = capGpuProblem({ n: 1024, k: 1, dtype: 'f32' }, tiny);
    expect(c.n).toBe(256); // one workgroup per row: 256 = 16 × 16
    expect(c.notes.join(' ')).toContain('maxComputeWorkgroupsPerDimension');
  });
});

describe('foldGrid(groups, max)', () => {
  it('folds into x × y with x ≤ max, covering every group, or null when it cannot', () => {
    expect(foldGrid(0, 65535)).toEqual([1, 1]);
    expect(foldGrid(100, 65535)).toEqual([100, 1]);
    expect(foldGrid(100_000, 65535)).toEqual([65535, 2]);
    expect(foldGrid(15, 4)).toEqual([4, 4]); // one spare group, skipped by the kernel
    expect(foldGrid(16, 4)).toEqual([4, 4]);
    expect(foldGrid(17, 4)).toBeNull();
  });
});
