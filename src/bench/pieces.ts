/**
 * measure.ts's protocol (warm-up, adaptive repetitions, batches taken in
 * turn across kernels, median and quartiles), cut into units of work a
 * worker can interleave with other jobs. A unit lasts about `pieceMs`, or one
 * call when a single call takes longer.
 *
 * Kernels are given as `batch(reps)`, which runs the kernel `reps` times, so a
 * kernel living in another runtime (CPython) can run its own repetition loop
 * and the cost of crossing into it is paid once per batch, not once per call.
 */
import type { Measurement, MeasureOptions } from './measure';
import { summarize } from './stats';
import type { UnitContext } from './unit-context';

export type Batch = (reps: number) => void;

export interface PieceOptions extends Partial<Omit<MeasureOptions, 'clock' | 'resolutionMs'>> {
  /** Aim for units of about this long (default 40 ms). */
  pieceMs?: number;
  /** Called as units finish: pieces done so far, and the total expected. */
  onPiece?: (done: number, total: number) => void;
}

const DEFAULTS = {
  minBatchMs: 5,
  minResolutions: 100,
  batches: 5,
  warmupMs: 10,
  noisySpread: 0.1,
  pieceMs: 40,
};

type Ctx = Pick<UnitContext, 'clock' | 'resolutionMs' | 'unit'>;

function timeBatch(ctx: Ctx, batch: Batch, reps: number): number {
  const t0 = ctx.clock.now();
  batch(reps);
  return ctx.clock.now() - t0;
}

/** At least 3 calls and `warmupMs`, so the JIT has compiled the kernel before it is timed. */
async function warmUp(ctx: Ctx, batch: Batch, warmupMs: number, pieceMs: number): Promise<void> {
  let calls = 0;
  let spent = 0;
  while (calls < 3 || spent < warmupMs) {
    spent += await ctx.unit(() => {
      const t0 = ctx.clock.now();
      do {
        batch(1);
        calls++;
      } while (
        (calls < 3 || ctx.clock.now() - t0 + spent < warmupMs) &&
        ctx.clock.now() - t0 < pieceMs
      );
      return ctx.clock.now() - t0;
    });
  }
}

/** Smallest repetition count whose batch lasts at least `targetMs` (grown as measure.ts does). */
async function repsFor(ctx: Ctx, batch: Batch, targetMs: number, pieceMs: number): Promise<number> {
  let reps = 1;
  for (;;) {
    const found = await ctx.unit(() => {
      const t0 = ctx.clock.now();
      do {
        const elapsed = timeBatch(ctx, batch, reps);
        if (elapsed >= targetMs) return true;
        const grow = elapsed > 0 ? Math.ceil((reps * targetMs * 1.2) / elapsed) : reps * 10;
        reps = Math.max(reps + 1, Math.min(grow, reps * 100));
      } while (ctx.clock.now() - t0 < pieceMs);
      return false;
    });
    if (found) return reps;
  }
}

/** Times several kernels fairly, in units; one Measurement per kernel, in order. */
export async function measureInPieces(
  batches: readonly Batch[],
  ctx: Ctx,
  options: PieceOptions = {},
): Promise<Measurement[]> {
  const o = { ...DEFAULTS, ...options };
  const targetMs = Math.max(o.minBatchMs, o.minResolutions * ctx.resolutionMs);
  const total = batches.length * (2 + o.batches);
  let done = 0;
  const tick = (): void => o.onPiece?.(++done, total);

  const reps: number[] = [];
  for (const batch of batches) {
    await warmUp(ctx, batch, o.warmupMs, o.pieceMs);
    tick();
    reps.push(await repsFor(ctx, batch, targetMs, o.pieceMs));
    tick();
  }
  const samples: number[][] = batches.map(() => []);
  for (let b = 0; b < o.batches; b++) {
    for (const [i, batch] of batches.entries()) {
      const r = reps[i]!;
      samples[i]!.push(await ctx.unit(() => timeBatch(ctx, batch, r) / r));
      tick();
    }
  }
  return samples.map((s, i) => {
    const summary = summarize(s);
    return { ...summary, reps: reps[i]!, samplesMs: s, noisy: summary.spread > o.noisySpread };
  });
}

/** Wraps a one-call kernel as a batch: `reps` calls in a plain loop. */
export const repeat =
  (kernel: () => void): Batch =>
  (reps) => {
    for (let r = 0; r < reps; r++) kernel();
  };
