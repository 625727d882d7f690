import { BYTES, type DType } from '../kernels/types';
import { MEMORY_BUDGET_BYTES } from '../bench/budget';

/** Multiply-adds one dense call may do on the GPU (n²·k): the software adapter runs at ~0.4 GFLOP/s. */
export const WORK_BUDGET = 2 ** 28;
import { foldGrid } from './grid';
import type { GpuLimits } from './open';
import { GEMM_SIMPLE_LANES, GEMM_TILE } from './shaders/gemm';
import { GEMV_THREAD_LANES } from './shaders/gemv';
import { SPMM_THREAD_LANES } from './shaders/spmm';
import { SPMV_THREAD_LANES } from './shaders/spmv';

export interface GpuProblem {
  n: number;
  k: number;
  /** The problem's precision on the host (the GPU computes in f32 either way). */
  dtype: DType;
  /** Half storage of the dense operands halves their device bytes. */
  half?: boolean;
}

export interface GpuBytes {
  /** Typed arrays in the worker: the matrix, its CSR twin, f32/f16 copies, X, reference, readbacks. */
  host: number;
  /** GPU buffers: dense A, CSR arrays, X (twice with half storage), four outputs, staging. */
  device: number;
  /** The largest single GPU buffer (checked against maxBufferSize and maxStorageBufferBindingSize). */
  largestBuffer: number;
  total: number;
}

/**
 * Bytes a dense-vs-CSR GPU measurement allocates at its worst, 0 % sparsity
 * (every entry stored in CSR), counting every array and buffer it makes.
 */
export function gpuProductBytes(p: GpuProblem): GpuBytes {
  const { n, k } = p;
  const b = BYTES[p.dtype];
  const entries = n * n;
  const aBytes = entries * (p.half ? 2 : 4);
  const xBytes = n * k * 4;
  const xHalf = p.half ? n * k * 2 : 0;
  const host =
    entries * b + // the generated dense matrix
    entries * (b + 4) +
    4 * (n + 1) + // its CSR twin (values + column indices, row pointers)
    aBytes + // dense A converted for the device
    (p.dtype === 'f32' ? 0 : entries * 4) + // CSR values converted to f32 (f32 problems reuse theirs)
    4 * n + // row lengths for verification
    n * k * b +
    xBytes +
    xHalf + // X, its f32 copy, its half copy
    2 * n * k * 8 + // reference y and Σ|a·x|
    4 * n * k * 4; // four readbacks
  const device =
    aBytes +
    entries * 8 +
    4 * (n + 1) + // CSR column indices and values, row pointers
    xBytes +
    xHalf +
    4 * (n * k * 4 + 16) + // four kernels' outputs and parameter blocks
    n * k * 4 + // readback staging
    32; // timestamp resolve and readback
  const largestBuffer = Math.max(aBytes, entries * 4, xBytes);
  return { host, device, largestBuffer, total: host + device };
}

export interface GpuCapped {
  n: number;
  notes: string[];
}

const MB = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

/** Workgroups each kernel dispatches for this problem, against maxComputeWorkgroupsPerDimension. */
function dispatchFits(n: number, k: number, maxPerDimension: number): boolean {
  const groups =
    k === 1
      ? [n, Math.ceil(n / GEMV_THREAD_LANES), Math.ceil(n / SPMV_THREAD_LANES)]
      : [
          Math.ceil(n / GEMM_TILE) * Math.ceil(k / GEMM_TILE),
          Math.ceil((n * k) / GEMM_SIMPLE_LANES),
          Math.ceil((n * k) / SPMM_THREAD_LANES),
          n,
        ];
  return groups.every((g) => foldGrid(g, maxPerDimension) !== null);
}

/**
 * The largest n (a multiple of 16, at most the request) that fits the memory
 * budget (host and device together), the work budget, and this device's
 * buffer and dispatch limits. Each reason for lowering n becomes a note.
 */
export function capGpuProblem(
  p: GpuProblem,
  limits: GpuLimits,
  budgetBytes: number = MEMORY_BUDGET_BYTES,
): GpuCapped {
  const bufferLimit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const checks = [
    {
      fits: (n: number) => gpuProductBytes({ ...p, n }).total <= budgetBytes,
      note: (n: number) =>
        `n = ${p.n} needs ${MB(gpuProductBytes(p).total)} (host and GPU, CSR at 0 % sparsity); ` +
        `capped to n = ${n} to stay within the ${MB(budgetBytes)} memory budget.`,
    },
    {
      fits: (n: number) => n * n * p.k <= WORK_BUDGET,
      note: (n: number) =>
        `n = ${p.n} with k = ${p.k} is ${Math.round((p.n * p.n * p.k) / 1e6)} million multiply-adds per dense call; capped to n = ${n}.`,
    },
    {
      fits: (n: number) => gpuProductBytes({ ...p, n }).largestBuffer <= bufferLimit,
      note: (n: number) =>
        `this GPU allows buffers of at most ${MB(bufferLimit)} ` +
        `(maxStorageBufferBindingSize / maxBufferSize); n = ${p.n} needs ${MB(gpuProductBytes(p).largestBuffer)}, capped to n = ${n}.`,
    },
    {
      fits: (n: number) => dispatchFits(n, p.k, limits.maxComputeWorkgroupsPerDimension),
      note: (n: number) =>
        `this GPU dispatches at most ${limits.maxComputeWorkgroupsPerDimension} workgroups per dimension ` +
        `(maxComputeWorkgroupsPerDimension); capped to n = ${n}.`,
    },
  ];
  const fitsAll = (n: number) => checks.every((c) => c.fits(n));
  if (fitsAll(p.n)) return { n: p.n, notes: [] };
  let n = p.n - (p.n % 16);
  while (n > 16 && !fitsAll(n)) n -= 16;
  return { n, notes: checks.filter((c) => !c.fits(p.n)).map((c) => c.note(n)) };
}

// ------------------------------------------------------- the lab's GPU tier

/** The four GPU kernels of a measurement, as rate-book ids (src/bench/rates.ts). */
export const GPU_RATE_KERNELS = [
  'gpu:dense-simple',
  'gpu:dense-cooperative',
  'gpu:csr-thread-per-row',
  'gpu:csr-group-per-row',
] as const;
export type GpuRateKernel = (typeof GPU_RATE_KERNELS)[number];

/**
 * GFLOP/s to assume before a kernel has run on this adapter. A software
 * adapter's are what SwiftShader managed here (docs/gpu.md: barriers make the
 * cooperative kernels 4 to 15 times slower); a hardware GPU's are a phone's
 * GEMV, low on purpose, so the first measurement on a weak GPU is not too big.
 */
export const GPU_DEFAULT_GFLOPS: Readonly<
  Record<'software' | 'hardware', Record<GpuRateKernel, number>>
> = {
  software: {
    'gpu:dense-simple': 0.15,
    'gpu:dense-cooperative': 0.015,
    'gpu:csr-thread-per-row': 0.1,
    'gpu:csr-group-per-row': 0.03,
  },
  hardware: {
    'gpu:dense-simple': 5,
    'gpu:dense-cooperative': 5,
    'gpu:csr-thread-per-row': 5,
    'gpu:csr-group-per-row': 5,
  },
};

/**
 * Milliseconds one call of each of the four kernels takes together at the
 * worst sparsity (CSR at 0 % does dense's work plus its indices), from the
 * rates `gflops` gives: measured ones where there are, the defaults otherwise.
 */
export function gpuCallMs(
  n: number,
  k: number,
  gflops: (kernel: GpuRateKernel, matrixBytes: number) => number,
): number {
  const flops = 2 * n * n * k;
  return GPU_RATE_KERNELS.reduce((ms, id) => ms + flops / (gflops(id, n * n * 4) * 1e6), 0);
}

/**
 * Bytes the GPU tier's measurement holds at its worst: the GPU side's host and
 * device bytes, then the CPU's sparse kernels on the same problem. The two run
 * one after the other, but nothing guarantees the first side's arrays are
 * collected before the second allocates, so the model adds them.
 */
export function gpuTierBytes(gpuSide: GpuBytes, cpuSideBytes: number): number {
  return gpuSide.total + cpuSideBytes;
}
