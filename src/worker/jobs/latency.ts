/**
 * `latency`: the same cache lines read in order and by pointer chasing, at
 * every working-set size (src/bench/latency.ts): nanoseconds per line, so
 * latency and bandwidth can be told apart. Each finished size streams its point.
 */
import type { Environment } from '../../bench/environment';
import {
  LATENCY_FULL,
  LATENCY_QUICK,
  latencyBytes,
  latencySteps,
  type LatencyParams,
  type LatencyPoint,
  type LatencyResult,
} from '../../bench/latency';
import { defineJob, stepThrough } from '../context';
import { capWorkingSet, MIN_BYTES, type MemoryMode } from './mountain';

export interface LatencyJobParams {
  /** `quick`: one size per doubling; `full`: two. */
  mode: MemoryMode;
  /** Largest working set, bytes. */
  maxBytes: number;
  /** Seed of the random cycle. */
  seed: number;
}

export interface LatencyJobResult extends LatencyResult {
  binding: 'memory' | 'time' | null;
  env: Environment;
}

export function latencyParams(p: LatencyJobParams, maxBytes = p.maxBytes): LatencyParams {
  const base = p.mode === 'full' ? LATENCY_FULL : LATENCY_QUICK;
  return { ...base, minBytes: MIN_BYTES, maxBytes: Math.max(MIN_BYTES, maxBytes), seed: p.seed };
}

export const latency = defineJob<LatencyJobParams, LatencyJobResult, { point: LatencyPoint }>({
  priority: 0,
  async run(requested, ctx) {
    const cap = capWorkingSet(
      requested,
      (maxBytes) => latencyBytes(latencyParams(requested, maxBytes)),
      1, // the in-order read fetches every line once; a chase call's hops do not grow with size
      'The chase',
    );
    const params = latencyParams(requested, cap.maxBytes);
    const result = await stepThrough(
      ctx,
      latencySteps(params, {
        clock: ctx.clock,
        resolutionMs: ctx.env.timerResolutionMs,
        corrupt: ctx.fault === 'corrupt',
      }),
      (step) => {
        if (step.phase === 'size') ctx.progress(step.done, step.total, { point: step.point });
      },
    );
    return {
      ...result,
      notes: [...(cap.note ? [cap.note] : []), ...result.notes],
      binding: cap.binding,
      env: ctx.env,
    };
  },
});
