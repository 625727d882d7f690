/**
 * What a job receives from the worker that runs it. Jobs are plain async
 * functions over this context, so the same code runs in the page's worker and
 * in Node (unit tests, `npm run bench`).
 */
import type { Clock } from '../bench/clock';
import type { GpuAccess } from '../gpu/access';
import type { Environment } from '../bench/environment';
import type { RateBook } from '../bench/rates';
import type { SimdKernels } from '../kernels/wasm';

/**
 * Test builds only: make the worker misbehave on purpose (DESIGN.md, fault hook).
 * `gpu-lost` destroys the GPU device mid-measurement; only the GPU jobs act on it.
 */
export type Fault = 'corrupt' | 'crash' | 'hang' | 'gpu-lost';
export const FAULTS: readonly Fault[] = ['corrupt', 'crash', 'hang', 'gpu-lost'];

export interface JobContext<Progress = never> {
  clock: Clock;
  env: Environment;
  /** The WebAssembly SIMD kernels, or null where they could not load… */
  simd: SimdKernels | null;
  /** …and then why, in words a reader understands. */
  simdUnavailable: string | null;
  /** The worker's GPU, opened lazily by the jobs that ask for it (src/gpu/access.ts). */
  gpu: GpuAccess;
  /** How fast kernels have run here: for estimating a job's time before it runs. */
  rates: RateBook;
  /** The fault a test build asked this job to show; always undefined in production. */
  fault: Fault | undefined;
  /** Runs one synchronous piece of work when it is this job's turn; rejects if the job was cancelled. */
  unit<T>(work: () => T): Promise<T>;
  progress(done: number, total: number, detail: Progress): void;
}

/** One kind of job: its priority in the worker's queue and what it does. */
export interface JobDef<Params, Result, Progress = never> {
  /** Higher goes first when several jobs wait (a slider's point before a sweep). */
  priority: number;
  run(params: Params, ctx: JobContext<Progress>): Promise<Result>;
}

/** Declares a job kind, keeping its parameter, result and progress types. */
export function defineJob<Params, Result, Progress = never>(
  def: JobDef<Params, Result, Progress>,
): JobDef<Params, Result, Progress> {
  return def;
}

/** Runs a step generator (measureSteps, raceSteps…) one step per unit of work. */
export async function stepThrough<S, R>(
  ctx: Pick<JobContext<unknown>, 'unit'>,
  steps: Generator<S, R>,
  onStep?: (step: S) => void,
): Promise<R> {
  for (;;) {
    const next = await ctx.unit(() => steps.next());
    if (next.done) return next.value;
    onStep?.(next.value);
  }
}
