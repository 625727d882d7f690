/**
 * The measuring worker. Kernels never run on the page's main thread: they run
 * here, one synchronous unit at a time, so the page stays responsive and a
 * newer job (a slider move) can cancel or overtake an older one.
 */
import { systemClock } from '../bench/clock';
import { describeEnvironment, type Environment } from '../bench/environment';
import { tryLoadSimdKernels, type SimdKernels } from '../kernels/wasm';
import wasmUrl from '../../build/wasm/kernels.wasm?url';
import { measureDynamic } from './dynamic';
import { measureFootprint } from './footprint';
import { crossoverSearch, measureProduct, sweep, type JobContext } from './jobs';
import type { FromWorker, JobSpec, ToWorker } from './protocol';
import { Scheduler } from './scheduler';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

const faults = import.meta.env.PD_TEST_HOOKS === true;
const scheduler = new Scheduler();
const cancelled = new Set<number>();
let env: Environment | undefined;

// The simd tier's kernels, compiled once per worker; jobs that need them wait for this.
const simdReady: Promise<{ kernels: SimdKernels | null; reason: string | null }> =
  tryLoadSimdKernels(new URL(wasmUrl, self.location.href));

class Cancelled extends Error {}

/** Lets queued messages (cancels, newer jobs) in between units of work. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Point measurements (sliders) go before sweeps. */
const PRIORITY: Record<JobSpec['kind'], number> = {
  environment: 2,
  product: 1,
  crossover: 0,
  sweep: 0,
  footprint: 1,
  dynamic: 0,
};

async function context(id: number, job: JobSpec): Promise<JobContext> {
  env ??= describeEnvironment(systemClock);
  const environment = env;
  const simd = await simdReady;
  return {
    clock: systemClock,
    env: environment,
    simd: simd.kernels,
    ...(simd.reason === null ? {} : { simdUnavailable: simd.reason }),
    faults,
    async unit(work) {
      await breathe();
      if (cancelled.has(id)) throw new Cancelled();
      return scheduler.run(PRIORITY[job.kind], () => {
        if (cancelled.has(id)) throw new Cancelled();
        return work();
      });
    },
    progress: (done, total, detail) =>
      scope.postMessage({ type: 'progress', id, done, total, detail }),
  };
}

/** Worker-level faults, for any job that carries one; `corrupt` is each job's own business. */
function injectFault(job: JobSpec): void {
  const fault = faults && 'params' in job && 'fault' in job.params ? job.params.fault : undefined;
  if (fault === 'crash') {
    setTimeout(() => {
      throw new Error('Injected crash (test build)');
    });
  }
  if (fault === 'hang') for (;;);
}

async function run(id: number, job: JobSpec): Promise<unknown> {
  const ctx = await context(id, job);
  injectFault(job);
  switch (job.kind) {
    case 'environment':
      return ctx.env;
    case 'product':
      return ctx.unit(() => measureProduct(job.params, ctx));
    case 'crossover':
      return crossoverSearch(job.params, ctx);
    case 'sweep':
      return sweep(job.params, ctx);
    case 'footprint':
      return measureFootprint(job.params, ctx);
    case 'dynamic':
      return measureDynamic(job.params, ctx);
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  const { id, job } = message;
  run(id, job)
    .then(
      (result) => scope.postMessage({ type: 'result', id, result }),
      (error: unknown) => {
        if (error instanceof Cancelled) scope.postMessage({ type: 'cancelled', id });
        else
          scope.postMessage({
            type: 'error',
            id,
            message: error instanceof Error ? error.message : String(error),
          });
      },
    )
    .finally(() => cancelled.delete(id));
});
