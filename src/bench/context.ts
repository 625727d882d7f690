import type { Clock } from './clock';

/**
 * What a long measurement receives (the worker wraps it as a job): the clock,
 * a way to run one synchronous piece of work when it is this job's turn, and a
 * progress channel. Each `unit` should finish well under ~200 ms, so a newer
 * job can cancel or overtake between pieces.
 */
export interface MeasurementContext<D> {
  clock: Clock;
  /** The clock's step in ms (from `calibrateResolution`). */
  resolutionMs: number;
  /** Runs `work` when it is this job's turn; rejects if the job was cancelled. */
  unit<T>(work: () => T): Promise<T>;
  /** Called as pieces finish; `detail` carries the newest result (a point, a row). */
  progress(done: number, total: number, detail: D): void;
}

/**
 * A context that runs every unit at once, for Node scripts and tests: no
 * scheduler, nothing to cancel. `onProgress` sees each piece as it lands.
 */
export function directContext<D>(
  clock: Clock,
  resolutionMs: number,
  onProgress: (done: number, total: number, detail: D) => void = () => {},
): MeasurementContext<D> {
  return {
    clock,
    resolutionMs,
    unit: <T>(work: () => T): Promise<T> => Promise.resolve().then(work),
    progress: onProgress,
  };
}
