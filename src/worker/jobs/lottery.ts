/**
 * The `lottery` job: four "ideas" from the history of AI, each a real workload
 * (dense multiply, sparse product, graph traversal, backtracking search), built
 * from a seed, timed in turn on this device and each answer checked. The
 * measuring lives in src/bench/lottery.ts; ranking against the reference
 * machine is the widget's (src/data/lottery.ts), so the job only measures.
 */
import { TIME_BUDGET_MS } from '../../bench/budget';
import type { Environment } from '../../bench/environment';
import {
  capLottery,
  lotterySteps,
  type Idea,
  type LotteryResult,
  type LotterySize,
} from '../../bench/lottery';
import { defineJob, stepThrough } from '../context';

export interface LotteryJobParams {
  size: LotterySize;
  seed: number;
}

export interface LotteryJobProgress {
  phase: 'build' | 'measure' | 'verify';
  idea?: Idea;
}

export interface LotteryJobResult extends LotteryResult {
  /** What the budgets changed, in words. */
  notes: string[];
  env: Environment;
}

export const lottery = defineJob<LotteryJobParams, LotteryJobResult, LotteryJobProgress>({
  priority: 0,
  async run(requested, ctx) {
    const cap = capLottery(requested.size);
    const notes = cap.note ? [cap.note] : [];
    const result = await stepThrough(
      ctx,
      lotterySteps(
        { size: cap.size, seed: requested.seed },
        {
          clock: ctx.clock,
          resolutionMs: ctx.env.timerResolutionMs,
          budgetMs: TIME_BUDGET_MS,
          corrupt: ctx.fault === 'corrupt',
        },
      ),
      (step) =>
        ctx.progress(step.done, step.total, {
          phase: step.phase,
          ...(step.idea ? { idea: step.idea } : {}),
        }),
    );
    if (result.shortened) {
      notes.push(
        `This device took long over the ${cap.size} tasks, so each idea was warmed up once and timed in ${result.batches} batches to keep the measurement within a few seconds.`,
      );
    }
    return { ...result, notes, env: ctx.env };
  },
});
