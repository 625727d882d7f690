import type { Clock } from './clock';
import type { Measurement, MeasureOptions } from './measure';
import { summarize } from './stats';

/**
 * measure.ts's protocol (warm-up, adaptive repetitions, batches taken in turn
 * across kernels, median and spread) cut into steps a worker can interleave:
 * every warm-up, sizing and batch runs inside its own `unit`, so a long
 * comparison of slow kernels never blocks a newer job for more than one batch.
 */
export interface SteppedOptions extends MeasureOptions {
  /** Runs one synchronous step when it is this job's turn (a worker's `ctx.unit`). */
  unit<T>(work: () => T): Promise<T>;
  /** Called after each step with steps done and total. */
  onStep?: (done: number, total: number) => void;
}

const DEFAULTS = {
  minBatchMs: 5,
  minResolutions: 100,
  batches: 5,
  warmupMs: 10,
  noisySpread: 0.1,
};

function timeCalls(clock: Clock, kernel: () => void, reps: number): number {
  const t0 = clock.now();
  for (let r = 0; r < reps; r++) kernel();
  return clock.now() - t0;
}

/** Times `kernels` alternately, one step per unit; one Measurement per kernel, in order. */
export async function measureStepwise(
  kernels: ReadonlyArray<() => void>,
  options: SteppedOptions,
): Promise<Measurement[]> {
  const o = { ...DEFAULTS, ...options };
  const targetMs = Math.max(o.minBatchMs, o.minResolutions * o.resolutionMs);
  const total = kernels.length * (1 + o.batches);
  let done = 0;
  const step = (): void => o.onStep?.(++done, total);
  const reps: number[] = [];
  for (const k of kernels) {
    // Warm-up and sizing also go one call or one trial batch per unit: a slow kernel's
    // single call may take most of a unit's allowance.
    const t0 = o.clock.now();
    for (let r = 0; r < 3 || o.clock.now() - t0 < o.warmupMs; r++) await o.unit(k);
    let n = 1;
    for (;;) {
      const elapsed = await o.unit(() => timeCalls(o.clock, k, n));
      if (elapsed >= targetMs) break;
      const grow = elapsed > 0 ? Math.ceil((n * targetMs * 1.2) / elapsed) : n * 10;
      n = Math.max(n + 1, Math.min(grow, n * 100));
    }
    reps.push(n);
    step();
  }
  const samples: number[][] = kernels.map(() => []);
  for (let b = 0; b < o.batches; b++) {
    for (let i = 0; i < kernels.length; i++) {
      const ms = await o.unit(() => timeCalls(o.clock, kernels[i]!, reps[i]!));
      samples[i]!.push(ms / reps[i]!);
      step();
    }
  }
  return samples.map((s, i) => {
    const summary = summarize(s);
    return { ...summary, reps: reps[i]!, samplesMs: s, noisy: summary.spread > o.noisySpread };
  });
}
