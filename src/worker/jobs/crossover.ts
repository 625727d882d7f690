/**
 * `crossover`: bisects over sparsity for where the sparse format starts to
 * beat the dense tier, streaming every probe (with the race behind it).
 */
import type { CrossoverResult, Probe } from '../../bench/crossover';
import type { Environment } from '../../bench/environment';
import { crossoverSearch } from '../../bench/race';
import { defineJob, type JobContext } from '../context';
import { runRace, setUpRace, type CurveParams, type ProductResult } from './product';

export interface CrossoverParams extends CurveParams {
  lo: number;
  hi: number;
}

export type CrossoverOutcome = CrossoverResult & {
  /** What ran: n after capping, tier after any fallback. */
  params: CrossoverParams;
  notes: string[];
  env: Environment;
};

export interface CrossoverProgress {
  probe: Probe;
  result: ProductResult;
}

/** The search itself, shared with the atlas job. */
export async function searchCurve(
  requested: CrossoverParams,
  ctx: JobContext<unknown>,
  onProbe: (progress: CrossoverProgress, done: number, total: number) => void,
): Promise<CrossoverOutcome> {
  const { lo, hi, ...curve } = requested;
  const setup = await setUpRace(curve, ctx);
  let last: ProductResult | undefined;
  const result = await crossoverSearch(
    setup.params,
    async (problem) => {
      last = await runRace(setup, problem.sparsity, ctx);
      return {
        baseline: last.dense,
        candidate: last.sparse,
        speedup: last.speedup,
        probe: last.probe,
      };
    },
    { lo, hi, onProbe: (probe, done, total) => onProbe({ probe, result: last! }, done, total) },
  );
  return { ...result, params: { ...setup.params, lo, hi }, notes: setup.notes, env: ctx.env };
}

export const crossover = defineJob<CrossoverParams, CrossoverOutcome, CrossoverProgress>({
  priority: 0,
  run: (params, ctx) =>
    searchCurve(params, ctx, (progress, done, total) => ctx.progress(done, total, progress)),
});
