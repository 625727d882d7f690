/**
 * `mountain`: read bandwidth against working-set size and stride, measured
 * here (src/bench/mountain.ts), with the cache levels found in the data. Each
 * finished size streams its points, so the chart grows while it runs. When it
 * ends, the WebAssembly memory that held the array is released, so later
 * jobs in this worker do not carry a 64 MB module memory around.
 */
import { capN, MB, MEMORY_BUDGET_BYTES } from '../../bench/budget';
import type { Environment } from '../../bench/environment';
import {
  ELEMENT_BYTES,
  LINE_BYTES,
  MOUNTAIN_FULL,
  MOUNTAIN_QUICK,
  mountainBytes,
  mountainSteps,
  type MountainParams,
  type MountainPoint,
  type MountainResult,
} from '../../bench/mountain';
import { defineJob, stepThrough, type JobContext } from '../context';

export type MemoryMode = 'quick' | 'full';

export interface MountainJobParams {
  /** `quick`: one size per doubling, strides 1 and 8. `full`: two per doubling, six strides. */
  mode: MemoryMode;
  /** Largest working set, bytes (from 4 KB up to it). */
  maxBytes: number;
  seed: number;
}

export interface MountainJobResult extends MountainResult {
  /** Which budget lowered the largest working set, if one did. */
  binding: 'memory' | 'time' | null;
  /** Why SIMD was not measured, when it was not. */
  simdUnavailable: string | null;
  env: Environment;
}

export interface MountainProgress {
  /** The points of the size just finished. */
  points: MountainPoint[];
}

const KB = 1024;
export const MIN_BYTES = 4 * KB;

/** A rate of cache lines from DRAM a slow device still reaches, for the time model: 2 GB/s. */
const SLOW_BYTES_PER_MS = 2e6;

/** Rounds of calls one size's measurement makes at least (warm-up and three batches). */
const ROUNDS = 4;

/**
 * Working sets' worth of lines one call of every series fetches: a stride
 * under a line still fetches every line, one of s/8 lines past it.
 */
export const linePasses = (p: MountainParams): number =>
  (p.simd ? 1 : 0) +
  p.strides.reduce((sum, s) => sum + Math.min(1, LINE_BYTES / ELEMENT_BYTES / s), 0);

/** The mountain's settings for a request (before capping). */
export function mountainParams(p: MountainJobParams, maxBytes = p.maxBytes): MountainParams {
  const base = p.mode === 'full' ? MOUNTAIN_FULL : MOUNTAIN_QUICK;
  return { ...base, minBytes: MIN_BYTES, maxBytes: Math.max(MIN_BYTES, maxBytes), seed: p.seed };
}

/**
 * The largest working set both budgets allow, a power of two in KB, and a note
 * when it is less than asked. Memory: `bytesOf` (every buffer at that size).
 * Time: the measurement of the largest size, at least four rounds of `passes`
 * working sets of cache lines (one call of every series), at a slow device's
 * rate. The whole mountain takes longer: it shows progress and can be cancelled.
 */
export function capWorkingSet(
  requested: MountainJobParams,
  bytesOf: (maxBytes: number) => number,
  passes: number,
  what: string,
): { maxBytes: number; binding: 'memory' | 'time' | null; note?: string } {
  const kb = Math.max(MIN_BYTES / KB, Math.round(requested.maxBytes / KB));
  const cap = capN(
    kb,
    (k) => bytesOf(k * KB),
    (k) => (ROUNDS * passes * k * KB) / SLOW_BYTES_PER_MS,
    what,
  );
  if (cap.binding === null) return { maxBytes: kb * KB, binding: null };
  const maxBytes = 2 ** Math.floor(Math.log2(Math.max(cap.n, MIN_BYTES / KB))) * KB;
  const note =
    cap.binding === 'memory'
      ? `${what} up to ${MB(requested.maxBytes)} needs about ${MB(bytesOf(requested.maxBytes))} here; measured up to ${MB(maxBytes)} to stay within the ${MB(MEMORY_BUDGET_BYTES)} memory budget.`
      : `${what} up to ${MB(requested.maxBytes)} would take too long per measurement on a slow device; measured up to ${MB(maxBytes)} (the time budget).`;
  return { maxBytes, binding: cap.binding, note };
}

export const mountain = defineJob<MountainJobParams, MountainJobResult, MountainProgress>({
  priority: 0,
  async run(requested, ctx: JobContext<MountainProgress>) {
    const overhead = ctx.simd?.overheadBytes;
    const cap = capWorkingSet(
      requested,
      // The array and its module memory, and the small memory left when it is released.
      (maxBytes) => mountainBytes(mountainParams(requested, maxBytes), overhead) + (overhead ?? 0),
      linePasses(mountainParams(requested)),
      'The mountain',
    );
    const params = mountainParams(requested, cap.maxBytes);
    try {
      const result = await stepThrough(
        ctx,
        mountainSteps(params, {
          clock: ctx.clock,
          resolutionMs: ctx.env.timerResolutionMs,
          simd: ctx.simd,
          corrupt: ctx.fault === 'corrupt',
        }),
        (step) => {
          if (step.phase === 'size') ctx.progress(step.done, step.total, { points: step.points });
        },
      );
      const notes = [...(cap.note ? [cap.note] : []), ...result.notes];
      if (!ctx.simd && ctx.simdUnavailable) notes.unshift(ctx.simdUnavailable);
      return {
        ...result,
        notes,
        binding: cap.binding,
        simdUnavailable: ctx.simd
          ? null
          : (ctx.simdUnavailable ?? 'WebAssembly SIMD is not available here.'),
        env: ctx.env,
      };
    } finally {
      // Drop the module memory that held the array (up to the largest working set).
      ctx.simd?.arena(0);
    }
  },
});
