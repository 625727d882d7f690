/**
 * The measuring worker. Kernels never run on the page's main thread: they run
 * here, one synchronous unit at a time, so the page stays responsive and a
 * newer job (a slider move) can cancel or overtake an older one. What each
 * kind of job does lives in the job table (jobs/index.ts).
 */
import { systemClock } from '../bench/clock';
import { describeEnvironment, type Environment } from '../bench/environment';
import { gpuAccess } from '../gpu/access';
import { RateBook } from '../bench/rates';
import { tryLoadSimdKernels, type SimdKernels } from '../kernels/wasm';
import wasmUrl from '../../build/wasm/kernels.wasm?url';
import type { Fault, JobContext, JobDef } from './context';
import { JOBS } from './jobs';
import type { FromWorker, JobRequest, ToWorker } from './protocol';
import { Scheduler } from './scheduler';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

// A CSP violation in a worker fires here, not on the page, and Chromium logs nothing for it: say
// it on the console, where devtools and the e2e page checks (tests/e2e/site.ts watch()) see it.
globalThis.addEventListener('securitypolicyviolation', (e) =>
  console.error(`CSP violation in the worker: ${e.effectiveDirective} blocked ${e.blockedURI}`),
);

const faultsHonoured = import.meta.env.PD_TEST_HOOKS === true;
const scheduler = new Scheduler();
const rates = new RateBook();
const cancelled = new Set<number>();
let env: Environment | undefined;
// One device per worker, opened only when a GPU job first asks (and again after a loss).
const gpu = gpuAccess();

/** Where this worker's files are: its own address, or, started from a blob (src/worker/pool.ts), the one its name carries. */
function scriptBase(): string {
  if (self.location.protocol !== 'blob:') return self.location.href;
  return (JSON.parse(self.name) as { base: string }).base;
}

// The simd tier's kernels, compiled once per worker; jobs that need them wait for this.
const simdReady: Promise<{ kernels: SimdKernels | null; reason: string | null }> =
  tryLoadSimdKernels(new URL(wasmUrl, scriptBase())).then((r) =>
    r.kernels
      ? r
      : { kernels: null, reason: `The WebAssembly SIMD kernels could not load (${r.reason}).` },
  );

class Cancelled extends Error {}

/** Lets queued messages (cancels, newer jobs) in between units of work. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function context(
  id: number,
  job: JobRequest,
  fault: Fault | undefined,
): Promise<JobContext<unknown>> {
  env ??= describeEnvironment(systemClock);
  const simd = await simdReady;
  const priority = JOBS[job.kind].priority;
  return {
    clock: systemClock,
    env,
    simd: simd.kernels,
    simdUnavailable: simd.reason,
    gpu,
    rates,
    fault,
    async unit(work) {
      await breathe();
      if (cancelled.has(id)) throw new Cancelled();
      return scheduler.run(priority, () => {
        if (cancelled.has(id)) throw new Cancelled();
        return work();
      });
    },
    progress: (done, total, detail) =>
      scope.postMessage({ type: 'progress', id, done, total, detail }),
  };
}

/** Worker-level faults (test builds), for any job; `corrupt` is each job's own business. */
function injectFault(fault: Fault | undefined): void {
  if (fault === 'crash') {
    setTimeout(() => {
      throw new Error('Injected crash (test build)');
    });
  }
  // The bundler drops an empty `for (;;);` (the hook did nothing in builds): a loop that writes a global stays.
  if (fault === 'hang') for (;;) (scope as unknown as { hung: boolean }).hung = true;
}

async function run(id: number, job: JobRequest, requested: Fault | undefined): Promise<unknown> {
  const fault = faultsHonoured ? requested : undefined;
  const ctx = await context(id, job, fault);
  injectFault(fault);
  // The table's entries differ in their types; the protocol ties each kind to its own.
  const def = JOBS[job.kind] as JobDef<unknown, unknown, unknown>;
  return def.run(job.params, ctx);
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  const { id, job, fault } = message;
  run(id, job, fault)
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

scope.postMessage({ type: 'ready' });
