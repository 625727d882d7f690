import type { Clock } from './clock';

/**
 * What a long measurement receives: the clock and its step, a way to run
 * synchronous work in short units (a worker yields between units, so a newer
 * job can cancel or overtake this one), and a sink for progress.
 */
export interface UnitContext<D = unknown> {
  clock: Clock;
  /** The clock's step in ms (from `calibrateResolution`). */
  resolutionMs: number;
  /** Runs one synchronous unit when it is this job's turn; rejects if the job was cancelled. */
  unit<T>(work: () => T): Promise<T>;
  progress(done: number, total: number, detail: D): void;
}

/** A context that runs every unit at once: for Node scripts and tests. */
export function immediateContext<D>(
  clock: Clock,
  resolutionMs: number,
  onProgress?: (done: number, total: number, detail: D) => void,
): UnitContext<D> {
  return {
    clock,
    resolutionMs,
    unit: (work) => Promise.resolve().then(work),
    progress: (done, total, detail) => onProgress?.(done, total, detail),
  };
}
