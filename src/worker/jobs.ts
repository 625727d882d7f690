/**
 * What the worker does for each job, as plain functions: the same code runs in
 * a browser worker and in Node (`npm run bench`, unit tests).
 */
import type { Clock } from '../bench/clock';
import { findCrossover } from '../bench/crossover';
import type { Environment } from '../bench/environment';
import { measureAlternating, type Measurement } from '../bench/measure';
import { verifyProduct } from '../bench/verify';
import { csrBytes, csrFromDense, csrNnz, spmvCsr } from '../kernels/csr';
import { denseBytes, gemvNaive, gemvTuned } from '../kernels/dense';
import { randomUnstructured, randomVector } from '../kernels/generate';
import { referenceSpmv } from '../kernels/reference';
import { allocFloat } from '../kernels/types';
import { capToBudget } from './budget';
import type {
  CrossoverOutcome,
  CrossoverParams,
  DenseTier,
  KernelRun,
  PairParams,
  PairResult,
} from './protocol';

export interface JobContext {
  clock: Clock;
  env: Environment;
  /** Honour `fault` params (test builds only). */
  faults: boolean;
  /** Runs one synchronous unit when it is this job's turn; rejects if the job was cancelled. */
  unit<T>(work: () => T): Promise<T>;
  progress(done: number, total: number, detail: unknown): void;
}

const GEMV: Record<DenseTier, typeof gemvNaive> = { naive: gemvNaive, tuned: gemvTuned };

function kernelRun(
  kernel: string,
  m: Measurement,
  flops: number,
  v: { ok: boolean; worstRatio: number },
): KernelRun {
  return { ...m, kernel, gflops: flops / (m.medianMs * 1e6), verified: v.ok, worstRatio: v.worstRatio };
}

/** Dense GEMV against CSR SpMV on the same seeded matrix, timed alternately, both verified. */
export function measurePair(
  requested: PairParams,
  ctx: Pick<JobContext, 'clock' | 'env' | 'faults'>,
): PairResult {
  const params = { ...requested, n: capToBudget(requested.n, requested.dtype).n };
  const { n, sparsity, dtype, tier, seed } = params;
  const dense = randomUnstructured({ rows: n, cols: n, sparsity, dtype, seed });
  const csr = csrFromDense(dense);
  const x = randomVector(n, dtype, seed);
  const yDense = allocFloat(dtype, n);
  const ySparse = allocFloat(dtype, n);
  const gemv = GEMV[tier];

  const [md, ms] = measureAlternating(
    [() => gemv(dense, x, yDense), () => spmvCsr(csr, x, ySparse)],
    { clock: ctx.clock, resolutionMs: ctx.env.timerResolutionMs },
  ) as [Measurement, Measurement];

  if (ctx.faults && params.fault === 'corrupt') {
    const i = n >> 1;
    ySparse[i] = ySparse[i]! + 1 + Math.abs(ySparse[i]!);
  }

  const ref = referenceSpmv(csr, x);
  const vDense = verifyProduct(yDense, ref, () => n, dtype);
  const vSparse = verifyProduct(ySparse, ref, (i) => csr.rowPtr[i + 1]! - csr.rowPtr[i]!, dtype);
  const nnz = csrNnz(csr);
  const denseRun = kernelRun(`gemv-${tier}`, md, 2 * n * n, vDense);
  const sparseRun = kernelRun('spmv-csr', ms, 2 * nnz, vSparse);
  return {
    params,
    nnz,
    bytes: { dense: denseBytes(dense), csr: csrBytes(csr) },
    dense: denseRun,
    sparse: sparseRun,
    speedup: denseRun.verified && sparseRun.verified ? md.medianMs / ms.medianMs : null,
    env: ctx.env,
  };
}

/** Bisects over sparsity for the point where CSR starts to beat the dense tier. */
export async function crossoverSearch(
  params: CrossoverParams,
  ctx: JobContext,
): Promise<CrossoverOutcome> {
  let lastPair: PairResult | undefined;
  const result = await findCrossover(
    (sparsity) =>
      ctx.unit(() => {
        const pair = measurePair({ ...params, sparsity }, ctx);
        if (pair.speedup === null) {
          throw new Error(`A kernel's answer failed verification at ${(sparsity * 100).toFixed(2)} % sparsity.`);
        }
        lastPair = pair;
        return pair.speedup;
      }),
    {
      lo: params.lo,
      hi: params.hi,
      onProbe: (probe, done, total) => ctx.progress(done, total, { probe, pair: lastPair }),
    },
  );
  return { ...result, params: { ...params, n: capToBudget(params.n, params.dtype).n }, env: ctx.env };
}
