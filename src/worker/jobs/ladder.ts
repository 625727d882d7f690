/**
 * `ladder`: the interpreter ladder's JavaScript and WebAssembly rungs (our
 * bytecode interpreter, a generic Array, a Float64Array, the tuned loop and
 * SIMD) on one seeded problem, verified, timed alternately. The CPython rungs
 * run in a worker of their own (`ladder-python`); the widget joins the halves
 * with `combineLadders`. Also the capping both ladder jobs share.
 */
import { capN, TIME_BUDGET_MS, type Binding } from '../../bench/budget';
import {
  ladderBytes,
  ladderCallMs,
  ladderSteps,
  recordLadderRates,
  RUNG_IDS,
  type LadderEnv,
  type LadderParams,
  type LadderResult,
  type LadderStep,
  type RungId,
} from '../../bench/ladder';
import { defineJob, stepThrough, type JobContext } from '../context';

/** The rungs that run in the kernel worker. */
export const JS_RUNGS: readonly RungId[] = RUNG_IDS.filter((id) => !id.startsWith('python'));

/** A ladder job's result: the measured half, and which budget lowered n, if one did. */
export interface LadderJobResult extends LadderResult {
  binding: Binding | null;
}

/** Caps n to both budgets for the rungs this job runs, and says so in the notes. */
export function capLadder(
  params: LadderParams,
  rungs: readonly RungId[],
  ctx: Pick<JobContext<unknown>, 'rates' | 'simd'>,
): { params: LadderParams; binding: Binding | null; notes: string[] } {
  const cap = capN(
    params.n,
    (n) => ladderBytes({ ...params, n, rungs }, ctx.simd?.overheadBytes),
    (n) => ladderCallMs({ ...params, n, rungs }, ctx.rates),
    `n = ${params.n}`,
  );
  return {
    params: { ...params, n: cap.n, rungs },
    binding: cap.binding,
    notes: cap.note ? [cap.note] : [],
  };
}

/** Runs the ladder for `rungs` as one job: capped, one step per unit, rates learned. */
export async function runLadder(
  requested: LadderParams,
  rungs: readonly RungId[],
  env: Omit<LadderEnv, 'clock' | 'resolutionMs' | 'measure'>,
  ctx: JobContext<LadderStep>,
): Promise<LadderJobResult> {
  const { params, binding, notes } = capLadder(requested, rungs, ctx);
  const result = await stepThrough(
    ctx,
    ladderSteps(params, {
      ...env,
      clock: ctx.clock,
      resolutionMs: ctx.env.timerResolutionMs,
      measure: { budgetMs: TIME_BUDGET_MS },
    }),
    (step) => ctx.progress(step.done, step.total, step),
  );
  recordLadderRates(result, ctx.rates);
  return { ...result, notes: [...notes, ...result.notes], binding };
}

export const ladder = defineJob<LadderParams, LadderJobResult, LadderStep>({
  priority: 1,
  async run(params, ctx) {
    const rungs = JS_RUNGS.filter((id) => (params.rungs ?? JS_RUNGS).includes(id));
    // Test builds: `corrupt` falsifies the fastest rung's answer before its check.
    const { corrupt: _ignored, ...rest } = params;
    const corrupt: RungId | undefined =
      ctx.fault === 'corrupt' ? (ctx.simd ? 'simd' : 'tuned') : undefined;
    return runLadder(
      { ...rest, ...(corrupt ? { corrupt } : {}) },
      rungs,
      { simd: ctx.simd, simdUnavailable: ctx.simdUnavailable, python: null },
      ctx,
    );
  },
});
