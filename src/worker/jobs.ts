/**
 * What the worker does for each measuring job, as plain functions: the same
 * code runs in a browser worker and in Node (`npm run bench`, unit tests).
 */
import type { Clock } from '../bench/clock';
import { findCrossover } from '../bench/crossover';
import type { Environment } from '../bench/environment';
import { measureAlternating, type Measurement } from '../bench/measure';
import { verifyProduct } from '../bench/verify';
import { csrFromDense } from '../kernels/csr';
import { gemmNaive, gemmTuned, gemvNaive, gemvTuned, type Dense } from '../kernels/dense';
import { generate, randomDense, randomVector } from '../kernels/generate';
import { flops, fromDense, spmm, spmv, storageBytes, type Matrix } from '../kernels/matrix';
import { referenceSpmm, referenceSpmv, termsPerRow } from '../kernels/reference';
import { allocFloat } from '../kernels/types';
import type { SimdKernels } from '../kernels/wasm';
import { capProblem } from './budget';
import type {
  CrossoverOutcome,
  CrossoverParams,
  KernelRun,
  ProductParams,
  ProductResult,
  SweepParams,
} from './protocol';

export interface JobContext {
  clock: Clock;
  env: Environment;
  /** The WebAssembly SIMD kernels, or null where they could not load (with the reason). */
  simd: SimdKernels | null;
  simdUnavailable?: string;
  /** Honour `fault` params (test builds only). */
  faults: boolean;
  /** Runs one synchronous unit when it is this job's turn; rejects if the job was cancelled. */
  unit<T>(work: () => T): Promise<T>;
  progress(done: number, total: number, detail: unknown): void;
}

type MeasureContext = Pick<JobContext, 'clock' | 'env' | 'faults' | 'simd' | 'simdUnavailable'>;

function kernelRun(
  kernel: string,
  m: Measurement,
  work: number,
  v: { ok: boolean; worstRatio: number },
): KernelRun {
  return {
    ...m,
    kernel,
    gflops: work / (m.medianMs * 1e6),
    verified: v.ok,
    worstRatio: v.worstRatio,
  };
}

/** The dense side of a product at a tier, with its inputs placed where the kernel wants them. */
function denseKernel(
  a: Dense,
  x: Dense,
  k: number,
  params: ProductParams,
  simd: SimdKernels | null,
) {
  if (params.tier === 'simd' && simd) {
    const arena = simd.arena(
      simd.arenaBytes(a.data.byteLength, x.data.byteLength, x.data.byteLength),
    );
    const [aw, xw, yw] = [arena.dense(a), arena.dense(x), arena.zeros(a.rows, k, a.dtype)];
    const run =
      k === 1 ? () => simd.gemvSimd(aw, xw.data, yw.data) : () => simd.gemmSimd(aw, xw, yw);
    return { run, y: yw.data, name: k === 1 ? 'gemvSimd' : 'gemmSimd' };
  }
  const tier = params.tier === 'naive' ? 'naive' : 'tuned';
  const y = allocFloat(a.dtype, a.rows * k);
  const yd: Dense = { rows: a.rows, cols: k, dtype: a.dtype, data: y };
  const run =
    k === 1
      ? () => (tier === 'naive' ? gemvNaive : gemvTuned)(a, x.data, y)
      : () => (tier === 'naive' ? gemmNaive : gemmTuned)(a, x, yd);
  return { run, y, name: `${k === 1 ? 'gemv' : 'gemm'}${tier === 'naive' ? 'Naive' : 'Tuned'}` };
}

/** The sparse side: the chosen format's product kernel (TypeScript for every dense tier). */
function sparseKernel(s: Matrix, x: Dense, k: number) {
  const y = allocFloat(s.dtype, s.rows * k);
  const yd: Dense = { rows: s.rows, cols: k, dtype: s.dtype, data: y };
  const run = k === 1 ? () => spmv(s, x.data, y) : () => spmm(s, x, yd);
  return { run, y };
}

/**
 * A dense and a sparse product on the same seeded matrix, timed alternately,
 * both answers checked against an f64 reference. The request is capped to the
 * memory and work budgets first; what changed is said in `notes`.
 */
export function measureProduct(requested: ProductParams, ctx: MeasureContext): ProductResult {
  const notes: string[] = [];
  const capped = capProblem(requested);
  if (capped.note) notes.push(capped.note);
  let tier = requested.tier;
  if (tier === 'simd' && !ctx.simd) {
    tier = 'tuned';
    notes.push(
      ctx.simdUnavailable ??
        'WebAssembly SIMD is not available here; measured the tuned kernel instead.',
    );
  }
  const params: ProductParams = { ...requested, n: capped.n, tier };
  if (params.format === 'nm' && params.structure !== 'nm') {
    throw new Error('2:4 storage needs a 2:4-structured matrix: choose the 2:4 structure.');
  }
  const { n, k, sparsity, structure, dtype, seed } = params;

  const generated = generate({ rows: n, cols: n, sparsity, dtype, seed, structure });
  const a = generated.dense;
  const sparse = fromDense(a, params.format);
  const x: Dense =
    k === 1
      ? { rows: n, cols: 1, dtype, data: randomVector(n, dtype, seed) }
      : randomDense(n, k, dtype, seed);
  if (structure === 'nm' && generated.nnz < generated.targetNnz) {
    notes.push(
      '2:4 keeps at most half of the entries: below 50 % sparsity the matrix is exactly half zeros.',
    );
  }

  const dense = denseKernel(a, x, k, params, tier === 'simd' ? ctx.simd : null);
  const sp = sparseKernel(sparse, x, k);
  const [md, ms] = measureAlternating([dense.run, sp.run], {
    clock: ctx.clock,
    resolutionMs: ctx.env.timerResolutionMs,
  }) as [Measurement, Measurement];

  if (ctx.faults && params.fault === 'corrupt') {
    const i = sp.y.length >> 1;
    sp.y[i] = sp.y[i]! + 1 + Math.abs(sp.y[i]!);
  }

  const csr = csrFromDense(a);
  const ref = k === 1 ? referenceSpmv(csr, x.data) : referenceSpmm(csr, x);
  const sparseTerms = termsPerRow(sparse);
  const vDense = verifyProduct(dense.y, ref, () => n, dtype);
  const vSparse = verifyProduct(sp.y, ref, (i) => sparseTerms[Math.floor(i / k)]!, dtype);
  const denseRun = kernelRun(dense.name, md, 2 * n * n * k, vDense);
  const sparseRun = kernelRun(
    `${k === 1 ? 'spmv' : 'spmm'}-${params.format}`,
    ms,
    flops(sparse, k),
    vSparse,
  );
  return {
    params,
    notes,
    nnz: generated.nnz,
    bytes: { dense: storageBytes(a), sparse: storageBytes(sparse) },
    dense: denseRun,
    sparse: sparseRun,
    speedup: denseRun.verified && sparseRun.verified ? md.medianMs / ms.medianMs : null,
    env: ctx.env,
  };
}

/** A product that must verify: searches and sweeps stop rather than chart a wrong answer. */
function verifiedProduct(
  params: ProductParams,
  ctx: MeasureContext,
): ProductResult & { speedup: number } {
  const result = measureProduct(params, ctx);
  const { speedup } = result;
  if (speedup === null) {
    throw new Error(
      `A kernel's answer failed verification at ${(params.sparsity * 100).toFixed(2)} % sparsity.`,
    );
  }
  return { ...result, speedup };
}

/** Bisects over sparsity for the point where the sparse format starts to beat the dense tier. */
export async function crossoverSearch(
  params: CrossoverParams,
  ctx: JobContext,
): Promise<CrossoverOutcome> {
  const { lo, hi, ...curve } = params;
  let last: ProductResult | undefined;
  const result = await findCrossover(
    (sparsity) =>
      ctx.unit(() => {
        const result = verifiedProduct({ ...curve, sparsity }, ctx);
        last = result;
        return result.speedup;
      }),
    { lo, hi, onProbe: (probe, done, total) => ctx.progress(done, total, { probe, result: last }) },
  );
  return { ...result, params: { ...params, n: last?.params.n ?? params.n }, env: ctx.env };
}

/** Measures a whole speedup-vs-sparsity curve, streaming each point as it lands. */
export async function sweep(params: SweepParams, ctx: JobContext): Promise<ProductResult[]> {
  const { sparsities, ...curve } = params;
  const results: ProductResult[] = [];
  for (const sparsity of sparsities) {
    const result = await ctx.unit(() => verifiedProduct({ ...curve, sparsity }, ctx));
    results.push(result);
    ctx.progress(results.length, sparsities.length, { result });
  }
  return results;
}
