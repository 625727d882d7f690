/**
 * The main thread's side of the worker protocol.
 *
 * - `run` returns a promise for the job's typed result and streams its progress.
 * - A newer job in the same lane cancels the older one (a slider drag only
 *   measures where the slider stopped).
 * - A worker that crashes, or overruns a job's deadline, is terminated and
 *   replaced; pending jobs reject with `WorkerRestarted` and listeners hear why.
 * - A worker that cannot start at all (no Worker in this browser, or its script
 *   failed to load) is not retried in a loop: jobs reject with
 *   `WorkerUnavailable`, whose message says what the reader can do, until
 *   `reset()` tries again.
 */
import type { Fault } from './context';
import type { FromWorker, JobKind, JobRequest, Progress, ResultOf, ToWorker } from './protocol';

/** The part of `Worker` the client uses (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export class JobCancelled extends Error {
  constructor() {
    super('Replaced by a newer measurement.');
    this.name = 'JobCancelled';
  }
}

export type RestartReason = 'crash' | 'timeout';

export class WorkerRestarted extends Error {
  constructor(readonly reason: RestartReason) {
    super(
      reason === 'crash'
        ? 'The measuring worker crashed; a fresh one was started.'
        : 'The measurement took too long; the worker was stopped and a fresh one started.',
    );
    this.name = 'WorkerRestarted';
  }
}

export type UnavailableReason = 'unsupported' | 'load-failed';

export class WorkerUnavailable extends Error {
  constructor(readonly reason: UnavailableReason) {
    super(
      reason === 'unsupported'
        ? 'This browser would not start a background worker (Web Workers are unavailable or blocked here), so nothing can be measured on this page. Another browser, or allowing scripts for this site, should fix it.'
        : 'The measuring worker’s script could not be loaded (it may be missing, or blocked by an extension or the network), so nothing was measured. Reloading the page usually fixes it.',
    );
    this.name = 'WorkerUnavailable';
  }
}

export interface RunOptions<K extends JobKind> {
  /** Jobs in the same lane replace each other. */
  lane?: string;
  /** Milliseconds without a result or progress before the worker is presumed hung and replaced. */
  deadlineMs?: number;
  onProgress?: (progress: Progress<K>) => void;
  /** Test builds only: ask the worker to misbehave on this job. */
  fault?: Fault;
}

interface Pending {
  lane: string | undefined;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: Progress<JobKind>) => void) | undefined;
  deadlineMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class WorkerClient {
  #spawn: () => WorkerLike;
  #worker: WorkerLike | undefined;
  /** The current worker has said it is listening. */
  #ready = false;
  #unavailable: WorkerUnavailable | undefined;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #listeners = new Set<(reason: RestartReason) => void>();
  /** How many times the worker has been replaced. */
  restarts = 0;

  constructor(spawn: () => WorkerLike) {
    this.#spawn = spawn;
  }

  run<K extends JobKind>(job: JobRequest<K>, options: RunOptions<K> = {}): Promise<ResultOf<K>> {
    const { lane, deadlineMs = 60_000, onProgress, fault } = options;
    if (lane !== undefined) this.cancelLane(lane);
    const id = this.#nextId++;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const worker = this.#ensureWorker();
      if (!worker) {
        reject(this.#unavailable!);
        return;
      }
      this.#pending.set(id, {
        lane,
        deadlineMs,
        timer: this.#watchdog(deadlineMs),
        resolve: resolve as (result: unknown) => void,
        reject,
        onProgress: onProgress as ((progress: Progress<JobKind>) => void) | undefined,
      });
      worker.postMessage({ type: 'run', id, job: job as JobRequest, ...(fault ? { fault } : {}) });
    });
  }

  /** Stops waiting for a job and asks the worker to drop it. */
  cancel(id: number): void {
    const p = this.#settle(id);
    if (!p) return;
    this.#worker?.postMessage({ type: 'cancel', id });
    p.reject(new JobCancelled());
  }

  /** Cancels whatever is pending in a lane (e.g. a search the reader stopped). */
  cancelLane(lane: string): void {
    for (const [id, p] of this.#pending) if (p.lane === lane) this.cancel(id);
  }

  /** Lanes with a job in flight (for tests and for sessions cleaning up). */
  get busyLanes(): string[] {
    return [...this.#pending.values()].flatMap((p) => (p.lane === undefined ? [] : [p.lane]));
  }

  onRestart(listener: (reason: RestartReason) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Why no worker can run here, if that is the case. */
  get unavailable(): WorkerUnavailable | undefined {
    return this.#unavailable;
  }

  /** After a failed start: forget the failure, so the next job tries a fresh worker. */
  reset(): void {
    this.#unavailable = undefined;
  }

  dispose(): void {
    for (const id of [...this.#pending.keys()]) this.cancel(id);
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #ensureWorker(): WorkerLike | undefined {
    if (this.#worker) return this.#worker;
    if (this.#unavailable) return undefined;
    let worker: WorkerLike;
    try {
      worker = this.#spawn();
    } catch {
      this.#unavailable = new WorkerUnavailable('unsupported');
      return undefined;
    }
    this.#ready = false;
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.#ready) this.#restart('crash');
      else this.#failStart(worker);
    };
    this.#worker = worker;
    return worker;
  }

  /** The worker died before saying it was listening: its script never ran. */
  #failStart(worker: WorkerLike): void {
    worker.terminate();
    if (this.#worker === worker) this.#worker = undefined;
    this.#unavailable = new WorkerUnavailable('load-failed');
    for (const id of [...this.#pending.keys()]) this.#settle(id)!.reject(this.#unavailable);
  }

  #watchdog(deadlineMs: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.#restart('timeout'), deadlineMs);
  }

  #settle(id: number): Pending | undefined {
    const p = this.#pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.#pending.delete(id);
    return p;
  }

  #receive(message: FromWorker): void {
    if (message.type === 'ready') {
      this.#ready = true;
      return;
    }
    if (message.type === 'progress') {
      const p = this.#pending.get(message.id);
      if (!p) return;
      // Progress proves the worker is alive: the deadline counts from the last sign of life.
      clearTimeout(p.timer);
      p.timer = this.#watchdog(p.deadlineMs);
      p.onProgress?.({
        done: message.done,
        total: message.total,
        detail: message.detail as Progress<JobKind>['detail'],
      });
      return;
    }
    const p = this.#settle(message.id);
    if (!p) return; // already cancelled on this side
    if (message.type === 'result') p.resolve(message.result);
    else if (message.type === 'error') p.reject(new Error(message.message));
    else p.reject(new JobCancelled());
  }

  #restart(reason: RestartReason): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.restarts++;
    const pending = [...this.#pending.keys()].map((id) => this.#settle(id)!);
    for (const p of pending) p.reject(new WorkerRestarted(reason));
    for (const listener of this.#listeners) listener(reason);
  }
}
