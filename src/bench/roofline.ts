/**
 * The roofline: a kernel doing I FLOPs per byte moved can run no faster than
 * min(peak compute, I × memory bandwidth) (Williams, Waterman & Patterson
 * 2009). Below the ridge point I* = peak / bandwidth a kernel waits on memory;
 * above it, on arithmetic.
 *
 * `placeKernels` is pure: measured kernels in, their intensity (the kernel
 * library's own FLOP and compulsory-byte counts, src/kernels/matrix.ts), the
 * attainable bound and what bounds them out. `measureRoofline` measures the
 * inputs on this machine: the peak probes (scalar JS and WebAssembly SIMD),
 * the memory roof (the mountain's stride-1 read at the largest working set),
 * and GEMV, CSR SpMV, GEMM and CSR SpMM through runProblem.
 */
import { PEAK_SCALAR_FLOPS_PER_STEP, peakScalar } from '../kernels/peak';
import { targetNnz } from '../kernels/generate';
import { BYTES, type DType } from '../kernels/types';
import { PEAK_SIMD_FLOPS_PER_STEP, type SimdKernels } from '../kernels/wasm';
import type { MeasurementContext } from './context';
import { measure } from './measure';
import {
  measureMountain,
  mountainBytes,
  WASM_OVERHEAD_BYTES,
  type MountainParams,
} from './mountain';
import { parseKernelId, runProblem, type RunResult } from './runner';

export interface ComputeRoof {
  /** `scalar` (plain JS), `simd` (WebAssembly SIMD128), or a reference machine's label. */
  tier: string;
  gflops: number;
  source: 'measured' | 'reference';
}

export interface MemoryRoof {
  /** What was read: `simd` or `js` stride-1 at `bytes`, or a reference machine's label. */
  tier: string;
  gbps: number;
  /** Working set the bandwidth was measured at (0 for a reference figure). */
  bytes: number;
  source: 'measured' | 'reference';
}

export type RooflineOp = 'gemv' | 'gemm' | 'spmv' | 'spmm';

/** What placement needs from a measured kernel (a RunResult has all of it). */
export interface RooflineKernelInput {
  kernel: string;
  op: RooflineOp;
  flops: number;
  bytesMoved: number;
  gflops: number;
  verified: boolean;
  noisy?: boolean;
}

export interface PlacedKernel extends RooflineKernelInput {
  /** FLOPs per compulsory byte. */
  intensity: number;
  /** min(peak, intensity × bandwidth), GFLOP/s. */
  attainable: number;
  /** Left of the ridge: memory-bound; right: compute-bound. */
  bound: 'memory' | 'compute';
  /** gflops / attainable: how much of its roof the kernel reached. */
  ofAttainable: number;
  /**
   * Faster than the memory roof allows (by more than 10 %): its data partly
   * fitted in cache, so the DRAM roof does not bind it.
   */
  aboveRoof: boolean;
}

export const attainableGflops = (intensity: number, peakGflops: number, gbps: number): number =>
  Math.min(peakGflops, intensity * gbps);

/** The intensity where the two roofs meet, FLOPs per byte. */
export const ridgeIntensity = (peakGflops: number, gbps: number): number => peakGflops / gbps;

/** Places each kernel under one compute roof and one memory roof. */
export function placeKernels(
  kernels: readonly RooflineKernelInput[],
  peakGflops: number,
  gbps: number,
): PlacedKernel[] {
  const ridge = ridgeIntensity(peakGflops, gbps);
  return kernels.map((k) => {
    const intensity = k.flops / k.bytesMoved;
    const attainable = attainableGflops(intensity, peakGflops, gbps);
    return {
      ...k,
      intensity,
      attainable,
      bound: intensity < ridge ? 'memory' : 'compute',
      ofAttainable: k.gflops / attainable,
      aboveRoof: intensity < ridge && k.gflops > 1.1 * intensity * gbps,
    };
  });
}

/** The two segments of a roof between intensities lo and hi, for drawing (log axes). */
export function roofSegments(
  peakGflops: number,
  gbps: number,
  lo: number,
  hi: number,
): { intensity: number; gflops: number }[] {
  const ridge = ridgeIntensity(peakGflops, gbps);
  const pts = [{ intensity: lo, gflops: attainableGflops(lo, peakGflops, gbps) }];
  if (ridge > lo && ridge < hi) pts.push({ intensity: ridge, gflops: peakGflops });
  pts.push({ intensity: hi, gflops: attainableGflops(hi, peakGflops, gbps) });
  return pts;
}

// ------------------------------------------------------------ measurement

export interface RooflineParams {
  dtype: DType;
  /** GEMV and SpMV: an n × n matrix times one vector (large enough to outgrow most caches). */
  nVector: number;
  /** GEMM and SpMM: an n × n matrix times `batch` columns. */
  nMatrix: number;
  batch: number;
  /** Share of zeros in the (one, seeded) matrix of each size; GEMV and GEMM multiply it densely. */
  sparsity: number;
  seed: number;
  /** Measure the SIMD tier (peak and dense kernels) when the module is loaded. */
  simd: boolean;
  /** Working set of the memory-roof read; 0 skips it (then `bandwidthGbps` must be given). */
  memoryBytes: number;
  /** A bandwidth already measured (e.g. by the mountain): used instead of measuring one. */
  bandwidthGbps?: number;
  /** Steps of each peak probe call. */
  peakSteps: number;
}

export const ROOFLINE_DEFAULTS: RooflineParams = {
  dtype: 'f64',
  // 1536² × 8 B = 18.9 MB: past most laptops' last-level cache, while one
  // runProblem call (generate, reference, timing) stays near 100 ms.
  nVector: 1536,
  nMatrix: 512,
  batch: 64,
  sparsity: 0.9,
  seed: 1,
  simd: true,
  memoryBytes: 64 * 1024 * 1024,
  peakSteps: 1 << 18,
};

export type RooflineProgress =
  | { kind: 'peak'; roof: ComputeRoof }
  | { kind: 'memory'; roof: MemoryRoof }
  | { kind: 'kernel'; run: RunResult };

export interface RooflineResult {
  params: RooflineParams;
  compute: ComputeRoof[];
  memory: MemoryRoof[];
  /** The top measured roofs the kernels are placed under (the compute roof is raised to any faster verified kernel). */
  peakGflops: number;
  bandwidthGbps: number;
  ridge: number;
  runs: RunResult[];
  kernels: PlacedKernel[];
  verified: boolean;
  noisy: boolean;
  notes: string[];
}

export type RooflineContext = MeasurementContext<RooflineProgress> & {
  simd: SimdKernels | null;
};

/** The memory-roof read: the mountain at one working set, stride 1. */
const memoryRoofParams = (p: RooflineParams): MountainParams => ({
  minBytes: p.memoryBytes,
  maxBytes: p.memoryBytes,
  pointsPerOctave: 1,
  strides: [1],
  simd: p.simd,
  batches: 3,
  seed: p.seed,
});

/** The four kernels (and the SIMD dense tier), in the order they are measured. */
export function rooflineKernels(
  p: RooflineParams,
  simd: boolean,
): { id: string; n: number; batch: number }[] {
  const dense = simd ? ['dense:tuned', 'dense:simd'] : ['dense:tuned'];
  return [
    ...dense.map((id) => ({ id, n: p.nVector, batch: 1 })),
    { id: 'csr:tuned', n: p.nVector, batch: 1 },
    ...dense.map((id) => ({ id, n: p.nMatrix, batch: p.batch })),
    { id: 'csr:tuned', n: p.nMatrix, batch: p.batch },
  ];
}

/**
 * Bytes one runProblem call holds: the dense matrix, X, Y and the f64
 * reference (y and Σ|a·x|), the CSR twin, and for the SIMD tier a copy of
 * everything in module memory.
 */
export function problemBytes(
  n: number,
  batch: number,
  dtype: DType,
  kernel: string,
  sparsity: number,
): number {
  const e = BYTES[dtype];
  const id = parseKernelId(kernel);
  const dense = n * n * e;
  const vectors = n * batch * (2 * e + 16);
  const csr =
    id.format === 'csr' ? 4 * (n + 1) + targetNnz(n, n, sparsity) * (e + 4) + n * batch * e : 0;
  const wasm = id.tier === 'simd' ? dense + 2 * n * batch * e + WASM_OVERHEAD_BYTES : 0;
  return dense + vectors + csr + wasm;
}

/** Bytes the roofline job allocates: the memory-roof read, then the largest single problem. */
export function rooflineBytes(p: RooflineParams): number {
  const read =
    p.memoryBytes > 0 && p.bandwidthGbps === undefined ? mountainBytes(memoryRoofParams(p)) : 0;
  const largest = Math.max(
    ...rooflineKernels(p, p.simd).map((k) => problemBytes(k.n, k.batch, p.dtype, k.id, p.sparsity)),
  );
  return read + largest;
}

export async function measureRoofline(
  params: RooflineParams,
  ctx: RooflineContext,
): Promise<RooflineResult> {
  const notes: string[] = [];
  const simd = params.simd ? ctx.simd : null;
  if (params.simd && !simd) {
    notes.push('WebAssembly SIMD is not available here: the SIMD roof and kernels were skipped.');
  }
  const kernels = rooflineKernels(params, simd !== null);
  const total = (simd ? 2 : 1) + (params.bandwidthGbps === undefined ? 1 : 0) + kernels.length;
  let done = 0;
  const timing = {
    clock: ctx.clock,
    resolutionMs: ctx.resolutionMs,
    batches: 3,
    warmupMs: 5,
  };

  // Compute roofs: each probe in its own unit.
  const compute: ComputeRoof[] = [];
  const probes: { tier: string; flops: number; run: () => number }[] = [
    {
      tier: 'scalar',
      flops: params.peakSteps * PEAK_SCALAR_FLOPS_PER_STEP,
      run: () => peakScalar(params.peakSteps),
    },
  ];
  if (simd) {
    probes.push({
      tier: 'simd',
      flops: params.peakSteps * PEAK_SIMD_FLOPS_PER_STEP[params.dtype],
      run: () => simd.peakSimd(params.dtype, params.peakSteps),
    });
  }
  let sink = 0;
  for (const probe of probes) {
    const roof = await ctx.unit((): ComputeRoof => {
      const m = measure(() => {
        sink += probe.run();
      }, timing);
      return { tier: probe.tier, gflops: probe.flops / (m.medianMs * 1e6), source: 'measured' };
    });
    compute.push(roof);
    ctx.progress(++done, total, { kind: 'peak', roof });
  }
  if (!Number.isFinite(sink)) notes.push('A peak probe returned a non-finite checksum.');

  // Memory roof: the mountain's stride-1 read at one large working set.
  const memory: MemoryRoof[] = [];
  if (params.bandwidthGbps !== undefined) {
    memory.push({ tier: 'given', gbps: params.bandwidthGbps, bytes: 0, source: 'measured' });
  } else {
    const read = await measureMountain(memoryRoofParams(params), {
      ...ctx,
      progress: () => {},
    });
    for (const point of read.points) {
      memory.push({ tier: point.kernel, gbps: point.gbps, bytes: point.bytes, source: 'measured' });
    }
    if (!read.verified) notes.push('The memory-roof read did not verify.');
    ctx.progress(++done, total, { kind: 'memory', roof: memory[0]! });
  }

  const runs: RunResult[] = [];
  for (const k of kernels) {
    const [run] = await ctx.unit(() =>
      runProblem(
        {
          structure: 'unstructured',
          dtype: params.dtype,
          n: k.n,
          batch: k.batch,
          sparsity: params.sparsity,
          seed: params.seed,
        },
        [parseKernelId(k.id)],
        { clock: ctx.clock, resolutionMs: ctx.resolutionMs, simd, measure: timing },
      ),
    );
    runs.push(run!);
    ctx.progress(++done, total, { kind: 'kernel', run: run! });
  }

  // A roof must bound what ran: if a verified kernel beat the probes (a busy
  // moment during a probe, or a kernel the probe does not capture), raise it.
  const probePeak = Math.max(...compute.map((r) => r.gflops));
  const fastest = runs
    .filter((r) => r.verified)
    .reduce((a, r) => (r.gflops > a.gflops ? r : a), {
      kernel: '',
      gflops: 0,
    } as Pick<RunResult, 'kernel' | 'gflops'>);
  const peakGflops = Math.max(probePeak, fastest.gflops);
  if (fastest.gflops > probePeak) {
    notes.push(
      `${fastest.kernel} ran at ${fastest.gflops.toFixed(1)} GFLOP/s, faster than the peak probes ` +
        `(${probePeak.toFixed(1)}): the compute roof is drawn at the kernel's speed.`,
    );
  }
  const bandwidthGbps = Math.max(...memory.map((r) => r.gbps));
  return {
    params,
    compute,
    memory,
    peakGflops,
    bandwidthGbps,
    ridge: ridgeIntensity(peakGflops, bandwidthGbps),
    runs,
    kernels: placeKernels(runs, peakGflops, bandwidthGbps),
    verified: runs.every((r) => r.verified),
    noisy: runs.some((r) => r.noisy),
    notes,
  };
}
