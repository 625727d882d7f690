import type { Clock } from './clock';
import { summarize, type Summary } from './stats';

export interface MeasureOptions {
  clock: Clock;
  /** The clock's step in ms (from `calibrateResolution`). */
  resolutionMs: number;
  /** A batch lasts at least this long… */
  minBatchMs?: number;
  /** …and at least this many clock steps, so rounding costs at most 1 %. */
  minResolutions?: number;
  /** Batches per kernel; the median and quartiles are taken over them. */
  batches?: number;
  /** Untimed calls before timing, so the JIT has compiled the kernel. */
  warmupMs?: number;
  /** Relative interquartile range above which a result is flagged noisy. */
  noisySpread?: number;
  /**
   * Roughly how long the whole measurement may take. When single calls are so
   * slow that the full protocol would overrun it, warm-up shrinks to one call
   * and fewer batches are taken (never fewer than MIN_BATCHES); the outcome
   * says so.
   */
  budgetMs?: number;
}

export interface Measurement extends Summary {
  /** Calls per batch. */
  reps: number;
  /** Per-call time of each batch, in ms, in the order measured. */
  samplesMs: number[];
  /** The spread was wide: the machine was busy, treat the number with care. */
  noisy: boolean;
}

/** What a measurement did besides timing: whether the time budget shortened it. */
export interface MeasureOutcome {
  runs: Measurement[];
  /** Batches taken per kernel (fewer than asked when `shortened`). */
  batches: number;
  /** Warm-up cut to one call and batches reduced, to stay within `budgetMs`. */
  shortened: boolean;
  /** The time of each kernel's first call, in ms. */
  firstCallMs: number[];
}

/** One finished piece of a measurement, for progress bars. */
export interface MeasureStep {
  phase: 'warm-up' | 'calibrate' | 'batch';
  done: number;
  total: number;
}

/** Fewer batches than this and a median says little. */
export const MIN_BATCHES = 3;

const DEFAULTS = {
  minBatchMs: 5,
  minResolutions: 100,
  batches: 5,
  warmupMs: 10,
  noisySpread: 0.1,
  budgetMs: Infinity,
};

function timeCalls(clock: Clock, kernel: () => void, reps: number): number {
  const t0 = clock.now();
  for (let r = 0; r < reps; r++) kernel();
  return clock.now() - t0;
}

/** Smallest repetition count whose batch lasts at least `targetMs`, and the time per call it saw. */
function repsFor(
  clock: Clock,
  kernel: () => void,
  targetMs: number,
): { reps: number; perCallMs: number } {
  let reps = 1;
  for (;;) {
    const elapsed = timeCalls(clock, kernel, reps);
    if (elapsed >= targetMs) return { reps, perCallMs: elapsed / reps };
    // Grow geometrically; jump straight there once the clock shows something.
    const grow = elapsed > 0 ? Math.ceil((reps * targetMs * 1.2) / elapsed) : reps * 10;
    reps = Math.max(reps + 1, Math.min(grow, reps * 100));
  }
}

/**
 * Times several kernels fairly, one step at a time: warm-up, adaptive
 * repetitions, then batches taken alternately (a, b, a, b, …) so that a slow
 * moment of the machine lands on every kernel rather than on one. Each `yield`
 * is a natural pause (the worker lets other jobs and cancels in there);
 * `measureAlternating` runs it straight through.
 */
export function* measureSteps(
  kernels: ReadonlyArray<() => void>,
  options: MeasureOptions,
): Generator<MeasureStep, MeasureOutcome> {
  const o = { ...DEFAULTS, ...options };
  const clock = o.clock;
  const targetMs = Math.max(o.minBatchMs, o.minResolutions * o.resolutionMs);
  const k = kernels.length;
  let batches = o.batches;
  let total = 2 * k + batches;
  let done = 0;
  const started = clock.now();

  // Warm-up. The first call of each kernel also tells how slow it is.
  const firstCallMs = kernels.map(() => 0);
  let shortened = false;
  for (const [i, kernel] of kernels.entries()) {
    firstCallMs[i] = timeCalls(clock, kernel, 1);
    const full = firstCallMs.reduce((s, t) => s + t, 0) * (3 + 1 + o.batches);
    if (full > o.budgetMs && firstCallMs[i]! >= targetMs) {
      shortened = true; // one call was the warm-up: the JIT has seen the loop
    } else {
      const t0 = clock.now();
      for (let r = 1; r < 3 || clock.now() - t0 < o.warmupMs; r++) kernel();
    }
    yield { phase: 'warm-up', done: ++done, total };
  }

  // Repetitions per batch. A call longer than the target is its own batch.
  const reps: number[] = [];
  const batchMs: number[] = [];
  for (const [i, kernel] of kernels.entries()) {
    const r =
      firstCallMs[i]! >= targetMs
        ? { reps: 1, perCallMs: firstCallMs[i]! }
        : repsFor(clock, kernel, targetMs);
    reps.push(r.reps);
    batchMs.push(r.reps * r.perCallMs);
    yield { phase: 'calibrate', done: ++done, total };
  }

  // Batches, within what is left of the budget (a warm batch's time, not the cold first call's).
  if (Number.isFinite(o.budgetMs)) {
    const perRound = batchMs.reduce((s, t) => s + t, 0);
    const left = o.budgetMs - (clock.now() - started);
    const affordable = perRound > 0 ? Math.floor(left / perRound) : batches;
    if (affordable < batches) {
      batches = Math.max(MIN_BATCHES, affordable);
      shortened = true;
      total = 2 * k + batches;
    }
  }
  const samples: number[][] = kernels.map(() => []);
  for (let b = 0; b < batches; b++) {
    kernels.forEach((kernel, i) => samples[i]!.push(timeCalls(clock, kernel, reps[i]!) / reps[i]!));
    yield { phase: 'batch', done: ++done, total };
  }

  const runs = samples.map((s, i) => {
    const summary = summarize(s);
    return { ...summary, reps: reps[i]!, samplesMs: s, noisy: summary.spread > o.noisySpread };
  });
  return { runs, batches, shortened, firstCallMs };
}

/** Runs a step generator to its end, synchronously. */
export function drain<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** `measureSteps` straight through: one result per kernel. */
export function measureAlternating(
  kernels: ReadonlyArray<() => void>,
  options: MeasureOptions,
): Measurement[] {
  return drain(measureSteps(kernels, options)).runs;
}

/** One kernel, same protocol. */
export function measure(kernel: () => void, options: MeasureOptions): Measurement {
  return measureAlternating([kernel], options)[0]!;
}
