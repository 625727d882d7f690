/**
 * `product`: one dense-vs-sparse race, Y = A·X, on a seeded problem — what the
 * lab measures under its slider. Also the shared machinery of the other race
 * jobs (crossover, sweep, atlas): choosing the kernels, capping to the budgets,
 * and turning a race into the result a widget shows.
 */
import {
  capProduct,
  REFERENCE_KERNEL,
  TIME_BUDGET_MS,
  type Binding,
  type Capped,
} from '../../bench/budget';
import type { Probe } from '../../bench/crossover';
import type { Environment } from '../../bench/environment';
import { raceSteps, type Race } from '../../bench/race';
import {
  kernelName,
  runProblem,
  type KernelId,
  type RunContext,
  type RunResult,
  type RunStep,
  type Tier,
} from '../../bench/runner';
import { denseBytesFor } from '../../kernels/dense';
import type { Format } from '../../kernels/matrix';
import type { Problem } from '../../kernels/problem';
import { defineJob, stepThrough, type JobContext } from '../context';

/** The sparse formats a race can use. */
export type SparseFormat = Exclude<Format, 'dense'>;

export interface ProductParams extends Problem {
  /** The dense kernel's tier. */
  tier: Tier;
  /** The sparse side's format (its TypeScript kernel at every dense tier). */
  format: SparseFormat;
}

/** A product's settings without the sparsity, which searches and sweeps vary. */
export type CurveParams = Omit<ProductParams, 'sparsity'>;

export interface ProductResult {
  /** What actually ran: n after capping, tier after any fallback. */
  params: ProductParams;
  /** Why the run differs from the request, in words for the reader. */
  notes: string[];
  /** Which budget lowered n, if one did. */
  binding: Binding | null;
  nnz: number;
  /** Sparsity of the matrix actually built (2:4 cannot go below 50 %). */
  builtSparsity: number;
  bytes: { dense: number; sparse: number };
  dense: RunResult;
  sparse: RunResult;
  /** Dense time / sparse time; null unless both answers verified. */
  speedup: number | null;
  /** The speedup and the interval its quartiles allow; null unless both verified. */
  probe: Probe | null;
  env: Environment;
}

/** The kernels a race runs, and what changed on the way (SIMD unavailable). */
export interface RaceSetup {
  dense: KernelId;
  sparse: KernelId;
  notes: string[];
  cap: Capped;
  /** Parameters that will run. */
  params: CurveParams;
}

/**
 * Picks the kernels for a curve and caps it to the budgets. Capping depends on
 * the curve, not on the sparsity, so every point of a search shares one n.
 */
/**
 * Measures the rate of kernels this worker has not timed yet, on a problem small
 * enough to take milliseconds (about a million multiply-adds a call), so the first
 * job's time budget rests on this device's speed rather than on defaults.
 */
export async function calibrate(
  curve: CurveParams,
  kernels: KernelId[],
  ctx: JobContext<unknown>,
): Promise<void> {
  const n = Math.max(32, Math.min(curve.n, 256, Math.round(Math.sqrt(1e6 / curve.batch))));
  const key = (id: KernelId) => ({
    kernel: kernelName(id),
    dtype: curve.dtype,
    batch: curve.batch,
    matrixBytes: denseBytesFor(n, n, curve.dtype),
  });
  const unmeasured = kernels.filter((id) => !ctx.rates.measured(key(id)));
  if (unmeasured.length === 0) return;
  const problem: Problem = { ...curve, n, sparsity: 0 };
  const runs = await ctx.unit(() =>
    runProblem(problem, unmeasured, {
      clock: ctx.clock,
      resolutionMs: ctx.env.timerResolutionMs,
      simd: ctx.simd,
      measure: { batches: 1, warmupMs: 0, minBatchMs: 2 },
    }),
  );
  runs.forEach((r, i) => ctx.rates.record(key(unmeasured[i]!), r.flops, r.medianMs));
}

export async function setUpRace(
  requested: CurveParams,
  ctx: JobContext<unknown>,
): Promise<RaceSetup> {
  if (requested.format === 'nm' && requested.structure !== 'nm') {
    throw new Error('2:4 storage needs a 2:4-structured matrix: choose the 2:4 structure.');
  }
  const notes: string[] = [];
  let tier = requested.tier;
  if (tier === 'simd' && !ctx.simd) {
    tier = 'tuned';
    notes.push(
      `${ctx.simdUnavailable ?? 'WebAssembly SIMD is not available here.'} Measured the tuned TypeScript kernel instead.`,
    );
  }
  const dense: KernelId = { format: 'dense', tier };
  const sparse: KernelId =
    requested.format === 'bsr'
      ? { format: 'bsr', tier: 'tuned', blockSize: 4 }
      : { format: requested.format, tier: 'tuned' };
  await calibrate(requested, [dense, sparse], ctx);
  const cap = capProduct(
    { ...requested, sparsity: 0 },
    [dense, sparse],
    ctx.rates,
    ctx.simd?.overheadBytes,
  );
  if (cap.note) notes.push(cap.note);
  return { dense, sparse, notes, cap, params: { ...requested, tier, n: cap.n } };
}

/** The runner's context for a job: the worker's clock and kernels, the time budget, the test fault. */
function runContext(ctx: JobContext<unknown>): RunContext {
  return {
    clock: ctx.clock,
    resolutionMs: ctx.env.timerResolutionMs,
    simd: ctx.simd,
    measure: { budgetMs: TIME_BUDGET_MS },
    // Test builds: `corrupt` falsifies one element of the sparse answer after timing, before the check.
    ...(ctx.fault === 'corrupt'
      ? {
          tamper: (outputs) => {
            const y = outputs[1]!;
            const i = y.length >> 1;
            y[i] = y[i]! + 1 + Math.abs(y[i]!);
          },
        }
      : {}),
  };
}

/** Measures one point of a set-up curve, one step per unit, and learns the kernels' rates. */
export async function runRace(
  setup: RaceSetup,
  sparsity: number,
  ctx: JobContext<unknown>,
  onStep?: (step: RunStep) => void,
): Promise<ProductResult> {
  const params: ProductParams = { ...setup.params, sparsity };
  const race = await stepThrough(
    ctx,
    raceSteps(params, setup.dense, setup.sparse, runContext(ctx)),
    onStep,
  );
  const matrixBytes = denseBytesFor(params.n, params.n, params.dtype);
  const key = (kernel: string) => ({
    kernel,
    dtype: params.dtype,
    batch: params.batch,
    matrixBytes,
  });
  for (const run of [race.baseline, race.candidate]) {
    ctx.rates.record(key(run.kernel), run.flops, run.medianMs);
  }
  // The reference skips zeros: a multiply-add per nonzero and column.
  ctx.rates.record(
    key(REFERENCE_KERNEL),
    2 * race.baseline.nnz * params.batch,
    race.baseline.referenceMs,
  );
  return productResult(race, params, setup, ctx.env);
}

function productResult(
  race: Race,
  params: ProductParams,
  setup: RaceSetup,
  env: Environment,
): ProductResult {
  const { baseline: dense, candidate: sparse } = race;
  const notes = [...setup.notes];
  if (params.structure === 'nm' && dense.builtSparsity > params.sparsity + 1e-9) {
    notes.push(
      `2:4 keeps exactly two of every four entries, so below 50 % sparsity the matrix is built at ${(dense.builtSparsity * 100).toFixed(0)} % zeros.`,
    );
  }
  if (dense.shortened) {
    notes.push(
      `One call takes about ${Math.round(dense.medianMs + sparse.medianMs)} ms here, so this measurement used a one-call warm-up and ${dense.batches} batches instead of 5, to finish within a few seconds.`,
    );
  }
  return {
    params,
    notes,
    binding: setup.cap.binding,
    nnz: dense.nnz,
    builtSparsity: dense.builtSparsity,
    bytes: { dense: dense.storageBytes, sparse: sparse.storageBytes },
    dense,
    sparse,
    speedup: race.speedup,
    probe: race.probe,
    env,
  };
}

export const product = defineJob<ProductParams, ProductResult, RunStep>({
  priority: 1,
  async run(params, ctx) {
    const setup = await setUpRace(params, ctx);
    return runRace(setup, params.sparsity, ctx, (step) =>
      ctx.progress(step.done, step.total, step),
    );
  },
});
