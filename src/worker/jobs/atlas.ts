/**
 * `atlas`: crossover searches for several (dense tier, structure, format)
 * cases of one size, one after another, each outcome streamed as it lands.
 */
import type { Tier } from '../../bench/runner';
import type { Structure } from '../../kernels/generate';
import type { Problem } from '../../kernels/problem';
import { defineJob } from '../context';
import { searchCurve, type CrossoverOutcome } from './crossover';
import type { SparseFormat } from './product';

export interface AtlasCase {
  tier: Tier;
  structure: Structure;
  format: SparseFormat;
}

export interface AtlasParams extends Omit<Problem, 'sparsity' | 'structure'> {
  cases: AtlasCase[];
  lo: number;
  hi: number;
}

export interface AtlasProgress {
  /** Which case the search belongs to. */
  index: number;
  /** Set when the case's search has finished. */
  outcome?: CrossoverOutcome;
}

export const atlas = defineJob<AtlasParams, CrossoverOutcome[], AtlasProgress>({
  priority: 0,
  async run(params, ctx) {
    const { cases, ...curve } = params;
    const outcomes: CrossoverOutcome[] = [];
    for (const [index, c] of cases.entries()) {
      const outcome = await searchCurve({ ...curve, ...c }, ctx, () =>
        ctx.progress(index, cases.length, { index }),
      );
      outcomes.push(outcome);
      ctx.progress(index + 1, cases.length, { index, outcome });
    }
    return outcomes;
  },
});
