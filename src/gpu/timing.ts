import type { Clock } from '../bench/clock';
import type { Measurement } from '../bench/measure';
import { summarize } from '../bench/stats';
import { createBuffer } from './buffers';
import { unlessLost } from './errors';
import type { GpuKernel } from './kernels';
import type { Gpu } from './open';
import { BufferUsage, MapMode, type GPUBuffer, type GPUQuerySet } from './webgpu-types';

/**
 * How a GPU time was taken:
 * - 'timestamp-query': the GPU's own clock, written at the start and end of
 *   the compute pass holding a batch of calls (no submission or readback cost);
 * - 'wall-clock': the page's clock from submit until queue.onSubmittedWorkDone()
 *   resolves (includes submission and notification latency, so batches are
 *   made long enough for that to be small).
 */
export type GpuTimingMethod = 'timestamp-query' | 'wall-clock';

export interface GpuMeasureOptions {
  clock: Clock;
  /** The page clock's step in ms (from calibrateResolution). */
  resolutionMs: number;
  /** A batch lasts at least this long… */
  minBatchMs?: number;
  /** …and at least this many steps of the clock that times it. */
  minResolutions?: number;
  /** Batches per kernel: median and quartiles are over them. */
  batches?: number;
  noisySpread?: number;
  /** At most this many calls in one batch (one compute pass). */
  maxReps?: number;
  /**
   * Step of the timestamp clock in ms. Chromium rounds timestamp queries to
   * 100 µs unless the user enables WebGPU developer features, so 0.1 is the
   * safe assumption.
   */
  timestampResolutionMs?: number;
  /** Use the wall clock even where timestamp-query exists (tests, comparisons). */
  forceWallClock?: boolean;
  /** A yield point before every batch: the worker's `unit`, so a newer job can cancel. */
  unit?: <T>(work: () => T) => Promise<T>;
  /** Called after each batch. */
  onBatch?: (done: number, total: number) => void;
}

export interface GpuMeasurement extends Measurement {
  method: GpuTimingMethod;
}

const DEFAULTS = {
  minBatchMs: 5,
  minResolutions: 100,
  batches: 5,
  noisySpread: 0.1,
  maxReps: 4096,
  timestampResolutionMs: 0.1,
};

interface Timer {
  method: GpuTimingMethod;
  /** Runs `reps` calls of `kernel` in one pass and returns the batch's time in ms. */
  batch(kernel: GpuKernel, reps: number): Promise<number>;
  destroy(): void;
}

async function timestampTimer(gpu: Gpu): Promise<Timer> {
  const querySet: GPUQuerySet = gpu.device.createQuerySet({ type: 'timestamp', count: 2 });
  const resolve = await createBuffer(
    gpu,
    'timestamps',
    16,
    BufferUsage.QUERY_RESOLVE | BufferUsage.COPY_SRC,
  );
  const read: GPUBuffer = await createBuffer(
    gpu,
    'timestamps readback',
    16,
    BufferUsage.MAP_READ | BufferUsage.COPY_DST,
  );
  return {
    method: 'timestamp-query',
    async batch(kernel, reps) {
      const encoder = gpu.device.createCommandEncoder();
      const pass = encoder.beginComputePass({
        timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
      });
      for (let r = 0; r < reps; r++) kernel.encode(pass);
      pass.end();
      encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, read, 0, 16);
      gpu.device.queue.submit([encoder.finish()]);
      await unlessLost(gpu, read.mapAsync(MapMode.READ));
      const [begin, end] = new BigUint64Array(read.getMappedRange(), 0, 2);
      read.unmap();
      return Number(end! - begin!) / 1e6;
    },
    destroy() {
      querySet.destroy();
      resolve.destroy();
      read.destroy();
    },
  };
}

function wallTimer(gpu: Gpu, clock: Clock): Timer {
  return {
    method: 'wall-clock',
    async batch(kernel, reps) {
      const encoder = gpu.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let r = 0; r < reps; r++) kernel.encode(pass);
      pass.end();
      const commands = encoder.finish();
      const t0 = clock.now();
      gpu.device.queue.submit([commands]);
      await unlessLost(gpu, gpu.device.queue.onSubmittedWorkDone());
      return clock.now() - t0;
    },
    destroy() {},
  };
}

/** Smallest call count whose batch lasts `targetMs` (geometric growth, as in bench/measure.ts). */
async function repsFor(
  timer: Timer,
  kernel: GpuKernel,
  targetMs: number,
  maxReps: number,
): Promise<number> {
  let reps = 1;
  for (;;) {
    const elapsed = await timer.batch(kernel, reps);
    if (elapsed >= targetMs || reps >= maxReps) return reps;
    const grow = elapsed > 0 ? Math.ceil((reps * targetMs * 1.2) / elapsed) : reps * 10;
    reps = Math.min(maxReps, Math.max(reps + 1, Math.min(grow, reps * 100)));
  }
}

/**
 * Times GPU kernels fairly, like measureAlternating on the CPU: a warm-up call
 * each (pipelines compile lazily on some drivers), an adaptive number of calls
 * per batch so the timer's step costs under 1 %, then batches taken in turn
 * (a, b, c, a, b, c, …) so a busy moment lands on every kernel.
 * Timestamp queries where the device has them; otherwise the wall clock
 * around onSubmittedWorkDone. If the timestamps come back empty (zero or
 * backwards, as some drivers do), the wall clock takes over and says so.
 */
export async function measureGpuKernels(
  gpu: Gpu,
  kernels: readonly GpuKernel[],
  options: GpuMeasureOptions,
): Promise<GpuMeasurement[]> {
  const o = { ...DEFAULTS, ...options };
  const unit = o.unit ?? (<T>(work: () => T) => Promise.resolve(work()));
  let timer =
    gpu.features['timestamp-query'] && !o.forceWallClock
      ? await timestampTimer(gpu)
      : wallTimer(gpu, o.clock);
  try {
    for (const k of kernels) {
      const t = await unit(() => timer.batch(k, 1));
      if (timer.method === 'timestamp-query' && !(t > 0)) {
        timer.destroy();
        timer = wallTimer(gpu, o.clock);
      }
    }
    const step = timer.method === 'timestamp-query' ? o.timestampResolutionMs : o.resolutionMs;
    const targetMs = Math.max(o.minBatchMs, o.minResolutions * step);
    const reps: number[] = [];
    for (const k of kernels) reps.push(await unit(() => repsFor(timer, k, targetMs, o.maxReps)));
    const samples: number[][] = kernels.map(() => []);
    const total = o.batches * kernels.length;
    for (let b = 0; b < o.batches; b++) {
      for (let i = 0; i < kernels.length; i++) {
        const ms = await unit(() => timer.batch(kernels[i]!, reps[i]!));
        samples[i]!.push(ms / reps[i]!);
        o.onBatch?.(b * kernels.length + i + 1, total);
      }
    }
    const method = timer.method;
    return samples.map((s, i) => {
      const summary = summarize(s);
      return {
        ...summary,
        reps: reps[i]!,
        samplesMs: s,
        noisy: summary.spread > o.noisySpread,
        method,
      };
    });
  } finally {
    timer.destroy();
  }
}
