/**
 * `vectorize`: one operation (sum, dot, axpy, 1/x) as an interpreted loop
 * over boxed values and as one typed-array call, both verified, timed in turn.
 */
import { capN, TIME_BUDGET_MS, type Binding } from '../../bench/budget';
import {
  recordVectorizeRates,
  vectorizeBytes,
  vectorizeCallMs,
  vectorizeSteps,
  type VectorizeParams,
  type VectorizeResult,
  type VectorizeStep,
} from '../../bench/vectorize';
import { defineJob, stepThrough } from '../context';

export interface VectorizeJobResult extends VectorizeResult {
  /** Which budget lowered n, if one did. */
  binding: Binding | null;
}

export const vectorize = defineJob<VectorizeParams, VectorizeJobResult, VectorizeStep>({
  priority: 1,
  async run(requested, ctx) {
    const { corrupt: _ignored, ...params } = requested;
    const cap = capN(
      params.n,
      (n) => vectorizeBytes({ op: params.op, n }),
      (n) => vectorizeCallMs({ op: params.op, n }, ctx.rates),
      `n = ${params.n}`,
    );
    const result = await stepThrough(
      ctx,
      vectorizeSteps(
        // Test builds: `corrupt` falsifies the vectorised answer before its check.
        { ...params, n: cap.n, ...(ctx.fault === 'corrupt' ? { corrupt: 'vectorized' } : {}) },
        {
          clock: ctx.clock,
          resolutionMs: ctx.env.timerResolutionMs,
          measure: { budgetMs: TIME_BUDGET_MS },
        },
      ),
      (step) => ctx.progress(step.done, step.total, step),
    );
    recordVectorizeRates(result, ctx.rates);
    return {
      ...result,
      notes: [...(cap.note ? [cap.note] : []), ...result.notes],
      binding: cap.binding,
    };
  },
});
