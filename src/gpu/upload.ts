import type { Clock } from '../bench/clock';
import { summarize } from '../bench/stats';
import { unlessLost } from './errors';
import type { Gpu } from './open';
import type { Operand } from './operands';

/** What moving a matrix to the GPU cost, timed apart from the kernels. */
export interface GpuUpload {
  /** The operands moved, e.g. ['dense A'] or ['CSR A']. */
  what: string[];
  bytes: number;
  /** Median time of the repeated uploads, and quartiles. */
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  /** bytes / median time, in GB/s (10^9 bytes per second). */
  gbps: number;
  /**
   * Always the wall clock, from the first queue.writeBuffer until
   * onSubmittedWorkDone resolves: timestamp queries only time GPU passes,
   * and a copy is the browser's and driver's work as much as the GPU's.
   */
  method: 'wall-clock';
  repetitions: number;
}

/**
 * Writes the operands' data to their buffers `repetitions` times (the first
 * write is the real upload; repeats rewrite the same bytes) and times each.
 */
export async function timeUpload(
  gpu: Gpu,
  operands: readonly Operand[],
  clock: Clock,
  repetitions = 3,
): Promise<GpuUpload> {
  const samples: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const t0 = clock.now();
    for (const o of operands) o.write();
    await unlessLost(gpu, gpu.device.queue.onSubmittedWorkDone());
    samples.push(clock.now() - t0);
  }
  const s = summarize(samples);
  const bytes = operands.reduce((sum, o) => sum + o.bytes, 0);
  return {
    what: operands.map((o) => o.label),
    bytes,
    medianMs: s.medianMs,
    q1Ms: s.q1Ms,
    q3Ms: s.q3Ms,
    gbps: s.medianMs > 0 ? bytes / (s.medianMs * 1e6) : Infinity,
    method: 'wall-clock',
    repetitions,
  };
}
