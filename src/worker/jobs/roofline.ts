/**
 * `roofline`: this machine's roofs (the peak probes, scalar JS and WebAssembly
 * SIMD, and a short read past the caches) and GEMV, CSR SpMV, GEMM and CSR
 * SpMM at a chosen sparsity, each verified and placed by arithmetic intensity
 * (src/bench/roofline.ts). A page that has measured a memory mountain may
 * re-place the kernels under the mountain's bandwidth instead: placement is
 * pure (roofline-model.ts).
 */
import {
  capN,
  measurementMs,
  REFERENCE_KERNEL,
  TIME_BUDGET_MS,
  type Binding,
} from '../../bench/budget';
import type { Environment } from '../../bench/environment';
import {
  ROOFLINE_DEFAULTS,
  rooflineBytes,
  rooflineKernels,
  rooflineSteps,
  type RooflineParams,
  type RooflineProgress,
  type RooflineResult,
} from '../../bench/roofline';
import type { DType } from '../../kernels/types';
import { defineJob, stepThrough } from '../context';

export interface RooflineJobParams {
  dtype: DType;
  /** GEMV and SpMV: n × n times one vector. */
  nVector: number;
  /** GEMM and SpMM: n × n times `batch` columns. */
  nMatrix: number;
  batch: number;
  sparsity: number;
  seed: number;
  /** Working set of the job's own memory-roof read, bytes (0 skips it). */
  memoryBytes: number;
}

export interface RooflineJobResult extends RooflineResult {
  binding: Binding | null;
  simdUnavailable: string | null;
  env: Environment;
}

export const roofline = defineJob<RooflineJobParams, RooflineJobResult, RooflineProgress>({
  priority: 0,
  async run(requested, ctx) {
    const base: RooflineParams = {
      ...ROOFLINE_DEFAULTS,
      ...requested,
      simd: true,
    };
    const overhead = ctx.simd?.overheadBytes;
    const kernels = rooflineKernels(ctx.simd !== null);
    const notes: string[] = [];
    let binding: Binding | null = null;
    const problem = (n: number, batch: number) => ({
      n,
      batch,
      dtype: base.dtype,
      sparsity: 0,
      structure: 'unstructured' as const,
      seed: base.seed,
    });
    // Each product is capped on its own n; memory counts the read and the larger product.
    const vector = capN(
      base.nVector,
      (n) => rooflineBytes({ ...base, nVector: n }, overhead),
      (n) => measurementMs(problem(n, 1), kernels, ctx.rates),
      `GEMV and SpMV at n = ${base.nVector}`,
    );
    const matrix = capN(
      base.nMatrix,
      (n) => rooflineBytes({ ...base, nVector: vector.n, nMatrix: n }, overhead),
      (n) => measurementMs(problem(n, base.batch), kernels, ctx.rates),
      `GEMM and SpMM at n = ${base.nMatrix} with ${base.batch} columns`,
    );
    for (const cap of [vector, matrix]) {
      if (cap.note) notes.push(cap.note);
      binding ??= cap.binding;
    }
    const params: RooflineParams = { ...base, nVector: vector.n, nMatrix: matrix.n };
    try {
      const result = await stepThrough(
        ctx,
        rooflineSteps(params, {
          clock: ctx.clock,
          resolutionMs: ctx.env.timerResolutionMs,
          simd: ctx.simd,
          budgetMs: TIME_BUDGET_MS,
          corrupt: ctx.fault === 'corrupt',
        }),
        (step) => {
          if (step.phase === 'stage') ctx.progress(step.done, step.total, step.detail);
        },
      );
      for (const run of result.runs) {
        const key = (kernel: string) => ({
          kernel,
          dtype: run.dtype,
          batch: run.batch,
          matrixBytes: run.n * run.n * (run.dtype === 'f64' ? 8 : 4),
        });
        ctx.rates.record(key(run.kernel), run.flops, run.medianMs);
        // The reference skips zeros: a multiply-add per nonzero and column.
        ctx.rates.record(key(REFERENCE_KERNEL), 2 * run.nnz * run.batch, run.referenceMs);
      }
      if (result.runs.some((r) => r.shortened)) {
        notes.push(
          'Some single calls were long, so their measurements used a one-call warm-up and fewer batches, to finish within a few seconds.',
        );
      }
      const simdNote = ctx.simd
        ? null
        : `${ctx.simdUnavailable ?? 'WebAssembly SIMD is not available here.'} Only the scalar roof and the JavaScript kernels were measured.`;
      return {
        ...result,
        notes: [
          ...notes,
          ...(simdNote ? [simdNote] : []),
          ...result.notes.filter((n) => !/SIMD is not available/.test(n)),
        ],
        binding,
        simdUnavailable: simdNote,
        env: ctx.env,
      };
    } finally {
      // Drop the module memory of the last product (and of the read).
      ctx.simd?.arena(0);
    }
  },
});
