/**
 * The measuring worker. Kernels never run on the page's main thread: they run
 * here, one synchronous unit at a time, so the page stays responsive and a
 * newer job (a slider move) can cancel or overtake an older one.
 */
import { systemClock } from '../bench/clock';
import { describeEnvironment, type Environment } from '../bench/environment';
import { crossoverSearch, measurePair, type JobContext } from './jobs';
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

class Cancelled extends Error {}

/** Lets queued messages (cancels, newer jobs) in between units of work. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Point measurements (sliders) go before sweeps. */
const PRIORITY: Record<JobSpec['kind'], number> = { environment: 2, 'spmv-pair': 1, crossover: 0 };

function context(id: number, job: JobSpec): JobContext {
  env ??= describeEnvironment(systemClock);
  const environment = env;
  return {
    clock: systemClock,
    env: environment,
    faults,
    async unit(work) {
      await breathe();
      if (cancelled.has(id)) throw new Cancelled();
      return scheduler.run(PRIORITY[job.kind], () => {
        if (cancelled.has(id)) throw new Cancelled();
        return work();
      });
    },
    progress: (done, total, detail) => scope.postMessage({ type: 'progress', id, done, total, detail }),
  };
}

function injectFault(job: JobSpec): void {
  if (!faults || job.kind !== 'spmv-pair') return;
  if (job.params.fault === 'crash') {
    setTimeout(() => {
      throw new Error('Injected crash (test build)');
    });
  }
  if (job.params.fault === 'hang') for (;;);
}

async function run(id: number, job: JobSpec): Promise<unknown> {
  const ctx = context(id, job);
  switch (job.kind) {
    case 'environment':
      return ctx.env;
    case 'spmv-pair':
      injectFault(job);
      return ctx.unit(() => measurePair(job.params, ctx));
    case 'crossover':
      return crossoverSearch(job.params, ctx);
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  const { id, job } = message;
  run(id, job).then(
    (result) => scope.postMessage({ type: 'result', id, result }),
    (error: unknown) => {
      if (error instanceof Cancelled) scope.postMessage({ type: 'cancelled', id });
      else scope.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
    },
  ).finally(() => cancelled.delete(id));
});
