/**
 * The GPU tier's one measurement: dense Y = A·X against CSR Y = A·X on the
 * reader's GPU, for one seeded problem, two kernels a side (the faster of each
 * is compared, so neither side is a straw man on an unusual adapter), every
 * answer read back and checked against the f64 reference. The lab's crossover search calls it once per
 * sparsity, exactly as it calls the CPU's measureProduct.
 */
import type { Clock } from '../bench/clock';
import { csrFromDense, type Csr } from '../kernels/csr';
import type { Dense } from '../kernels/dense';
import { generate, randomDense, randomVector, type Structure } from '../kernels/generate';
import { referenceSpmm, referenceSpmv } from '../kernels/reference';
import type { DType } from '../kernels/types';
import { readFloats } from './buffers';
import { capGpuProblem, gpuProductBytes, type GpuBytes } from './budget';
import { csrKernel, denseKernel, type DenseStrategy, type GpuKernel } from './kernels';
import { adapterLabel, type AdapterDescription, type Gpu } from './open';
import { csrOperand, denseOperand, type Operand } from './operands';
import type { Storage } from './shaders/common';
import type { CsrStrategy } from './shaders/spmv';
import {
  measureGpuKernels,
  type GpuMeasureOptions,
  type GpuMeasurement,
  type GpuTimingMethod,
} from './timing';
import { timeUpload, type GpuUpload } from './upload';
import { boundFor, verifyGpuProduct, type GpuBound } from './verify-gpu';

export const CSR_STRATEGIES: readonly CsrStrategy[] = ['thread-per-row', 'group-per-row'];

export interface GpuProductParams {
  n: number;
  /** Columns of X: 1 = GEMV vs SpMV, more = GEMM vs SpMM. */
  k: number;
  sparsity: number;
  structure: Structure;
  /** The problem's precision; the GPU computes in f32 (an f64 problem is rounded, and a note says so). */
  dtype: DType;
  seed: number;
  /**
   * How the dense side stores A and X: 'f32' (default), 'f16' (needs shader-f16;
   * without it the run falls back to f32 with a note), or 'f16-packed' (the same
   * half values in u32 words, works everywhere: tests use it).
   */
  precision?: Storage;
}

export interface GpuKernelRun extends GpuMeasurement {
  kernel: string;
  gflops: number;
  verified: boolean;
  worstRatio: number;
  bound: GpuBound;
}

export interface GpuProductResult {
  /** What actually ran: n after capping, precision after fallback. */
  params: GpuProductParams & { precision: Storage };
  /** Why the run differs from the request, and what the reader should know, in words. */
  notes: string[];
  adapter: AdapterDescription;
  /** Ready-made label: vendor, architecture, and "(software fallback, not a GPU)" where so. */
  adapterLabel: string;
  /** How the kernel times were taken (the uploads always use the wall clock). */
  timing: GpuTimingMethod;
  nnz: number;
  /** Both dense kernels; the faster is the dense side of the comparison. */
  dense: Record<DenseStrategy, GpuKernelRun>;
  bestDense: DenseStrategy;
  /** Both CSR kernels; the faster is the sparse side. */
  sparse: Record<CsrStrategy, GpuKernelRun>;
  bestSparse: CsrStrategy;
  /** Moving the data, timed apart from the kernels. */
  uploads: { dense: GpuUpload; csr: GpuUpload; x: GpuUpload };
  /** Bytes the problem occupies on the device: each format as uploaded. */
  deviceBytes: { dense: number; csr: number };
  /** Worst-case bytes (host and device) this parameter set allocates: what the budget was checked against. */
  budget: GpuBytes;
  /** Best dense time / best CSR time; null unless all four answers verified. Above 1, CSR wins. */
  speedup: number | null;
}

export type GpuProgressStage = 'generate' | 'upload' | 'compile' | 'measure' | 'verify';

export interface GpuProgressDetail {
  stage: GpuProgressStage;
}

/** The worker context of the preamble, plus the open device. */
export interface GpuMeasureContext {
  gpu: Gpu;
  clock: Clock;
  resolutionMs: number;
  unit<T>(work: () => T): Promise<T>;
  progress(done: number, total: number, detail: GpuProgressDetail): void;
  /** Overrides of the timing protocol (tests use short batches). */
  timing?: Partial<Omit<GpuMeasureOptions, 'clock' | 'resolutionMs' | 'unit' | 'onBatch'>>;
}

function run(
  kernel: GpuKernel,
  m: GpuMeasurement,
  v: { ok: boolean; worstRatio: number; bound: GpuBound },
): GpuKernelRun {
  return {
    ...m,
    kernel: kernel.name,
    gflops: kernel.flops / (m.medianMs * 1e6),
    verified: v.ok,
    worstRatio: v.worstRatio,
    bound: v.bound,
  };
}

export async function measureGpuProduct(
  requested: GpuProductParams,
  ctx: GpuMeasureContext,
): Promise<GpuProductResult> {
  const { gpu } = ctx;
  const notes: string[] = [];
  let precision: Storage = requested.precision ?? 'f32';
  if (precision === 'f16' && !gpu.features['shader-f16']) {
    precision = 'f32';
    notes.push('This GPU has no shader-f16 feature: the dense kernel ran in f32.');
  }
  const half = precision !== 'f32';
  const capped = capGpuProblem({ ...requested, half }, gpu.limits);
  notes.push(...capped.notes);
  const params = { ...requested, n: capped.n, precision };
  const { n, k, sparsity, structure, dtype, seed } = params;
  if (dtype === 'f64') {
    notes.push(
      'WebGPU computes in f32 here: the f64 matrix and vector were rounded to f32 for the GPU, ' +
        'and the answers are checked against the f64 reference with the f32 bound.',
    );
  }
  if (half) {
    notes.push(
      'The dense kernel stores A and X in half precision (f16) and adds in f32; its answer is checked ' +
        'with a bound widened by 2^-8·Σ|a·x| for rounding the inputs to f16.',
    );
  }
  const batches = ctx.timing?.batches ?? 5;
  const total = 4 + 4 * batches;
  let done = 0;
  const step = (stage: GpuProgressStage) => ctx.progress(++done, total, { stage });

  const problem = await ctx.unit(() => {
    const generated = generate({ rows: n, cols: n, sparsity, dtype, seed, structure });
    const a: Dense = generated.dense;
    const csr: Csr = csrFromDense(a);
    const x: Dense =
      k === 1
        ? { rows: n, cols: 1, dtype, data: randomVector(n, dtype, seed) }
        : randomDense(n, k, dtype, seed);
    const ref = k === 1 ? referenceSpmv(csr, x.data) : referenceSpmm(csr, x);
    return { a, csr, x, ref, nnz: generated.nnz };
  });
  step('generate');

  const owned: Array<{ destroy(): void }> = [];
  const keep = <T extends { destroy(): void }>(o: T): T => {
    owned.push(o);
    return o;
  };
  try {
    const aDense = keep(await denseOperand(gpu, 'dense A', problem.a, precision));
    const aCsr = keep(await csrOperand(gpu, 'CSR A', problem.csr));
    const xF32 = keep(await denseOperand(gpu, 'X', problem.x, 'f32'));
    const xDense = half ? keep(await denseOperand(gpu, 'X (f16)', problem.x, precision)) : xF32;
    const xOperands: Operand[] = half ? [xF32, xDense] : [xF32];
    const uploads = {
      dense: await timeUpload(gpu, [aDense], ctx.clock),
      csr: await timeUpload(gpu, [aCsr], ctx.clock),
      x: await timeUpload(gpu, xOperands, ctx.clock),
    };
    step('upload');

    const kernels = [
      keep(await denseKernel(gpu, aDense, xDense, 'simple')),
      keep(await denseKernel(gpu, aDense, xDense, 'cooperative')),
      keep(await csrKernel(gpu, aCsr, xF32, 'thread-per-row')),
      keep(await csrKernel(gpu, aCsr, xF32, 'group-per-row')),
    ];
    step('compile');

    const measured = await measureGpuKernels(gpu, kernels, {
      ...ctx.timing,
      clock: ctx.clock,
      resolutionMs: ctx.resolutionMs,
      unit: (work) => ctx.unit(work),
      onBatch: () => step('measure'),
    });

    const runs: GpuKernelRun[] = [];
    for (let i = 0; i < kernels.length; i++) {
      const kernel = kernels[i]!;
      const y = await readFloats(gpu, kernel.y, n * k);
      const bound = i < 2 ? boundFor(precision) : 'f32';
      const v = await ctx.unit(() => verifyGpuProduct(y, problem.ref, kernel, bound));
      runs.push(run(kernel, measured[i]!, v));
    }
    step('verify');

    const [simple, cooperative, thread, group] = runs as [
      GpuKernelRun,
      GpuKernelRun,
      GpuKernelRun,
      GpuKernelRun,
    ];
    const failed = runs.filter((r) => !r.verified).map((r) => r.kernel);
    if (failed.length > 0) {
      notes.push(
        `${failed.join(', ')} gave a wrong answer on this GPU (outside the error bound): no speedup is reported.`,
      );
    }
    const bestDense: DenseStrategy =
      simple.medianMs <= cooperative.medianMs ? 'simple' : 'cooperative';
    const bestSparse: CsrStrategy =
      thread.medianMs <= group.medianMs ? 'thread-per-row' : 'group-per-row';
    const dense = { simple, cooperative };
    const sparse = { 'thread-per-row': thread, 'group-per-row': group };
    return {
      params,
      notes,
      adapter: gpu.adapter,
      adapterLabel: adapterLabel(gpu.adapter),
      timing: measured[0]!.method,
      nnz: problem.nnz,
      dense,
      bestDense,
      sparse,
      bestSparse,
      uploads,
      deviceBytes: { dense: aDense.bytes, csr: aCsr.bytes },
      budget: gpuProductBytes({ n, k, dtype, half }),
      speedup: failed.length === 0 ? dense[bestDense].medianMs / sparse[bestSparse].medianMs : null,
    };
  } finally {
    for (const o of owned) o.destroy();
  }
}
