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
}

export interface Measurement extends Summary {
  /** Calls per batch. */
  reps: number;
  /** Per-call time of each batch, in ms, in the order measured. */
  samplesMs: number[];
  /** The spread was wide: the machine was busy, treat the number with care. */
  noisy: boolean;
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

/** Runs `kernel` at least 3 times and for at least `warmupMs`. */
function warmUp(clock: Clock, kernel: () => void, warmupMs: number): void {
  const t0 = clock.now();
  for (let r = 0; r < 3 || clock.now() - t0 < warmupMs; r++) kernel();
}

/** Smallest repetition count whose batch lasts at least `targetMs`. */
function repsFor(clock: Clock, kernel: () => void, targetMs: number): number {
  let reps = 1;
  for (;;) {
    const elapsed = timeCalls(clock, kernel, reps);
    if (elapsed >= targetMs) return reps;
    // Grow geometrically; jump straight there once the clock shows something.
    const grow = elapsed > 0 ? Math.ceil((reps * targetMs * 1.2) / elapsed) : reps * 10;
    reps = Math.max(reps + 1, Math.min(grow, reps * 100));
  }
}

/**
 * Times several kernels fairly: warm-up, adaptive repetitions, then batches
 * taken alternately (a, b, a, b, …) so that a slow moment of the machine
 * lands on every kernel rather than on one. Returns one result per kernel.
 */
export function measureAlternating(
  kernels: ReadonlyArray<() => void>,
  options: MeasureOptions,
): Measurement[] {
  const o = { ...DEFAULTS, ...options };
  const targetMs = Math.max(o.minBatchMs, o.minResolutions * o.resolutionMs);
  for (const k of kernels) warmUp(o.clock, k, o.warmupMs);
  const reps = kernels.map((k) => repsFor(o.clock, k, targetMs));
  const samples: number[][] = kernels.map(() => []);
  for (let b = 0; b < o.batches; b++) {
    kernels.forEach((k, i) => samples[i]!.push(timeCalls(o.clock, k, reps[i]!) / reps[i]!));
  }
  return samples.map((s, i) => {
    const summary = summarize(s);
    return { ...summary, reps: reps[i]!, samplesMs: s, noisy: summary.spread > o.noisySpread };
  });
}

/** One kernel, same protocol. */
export function measure(kernel: () => void, options: MeasureOptions): Measurement {
  return measureAlternating([kernel], options)[0]!;
}
