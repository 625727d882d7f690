/**
 * The main thread's side of the worker protocol. One client per page: widgets
 * share a worker so their measurements never compete for the CPU.
 *
 * - `run` returns a promise for the job's result and streams progress.
 * - A newer job in the same lane cancels the older one (a slider drag only
 *   measures where the slider stopped).
 * - A worker that crashes, or overruns a job's deadline, is terminated and
 *   replaced; pending jobs reject with `WorkerRestarted` and listeners hear why.
 */
import type { FromWorker, JobKind, JobResults, JobSpec, Progress, ToWorker } from './protocol';

/** The part of `Worker` the client uses (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
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

export interface RunOptions<K extends JobKind> {
  /** Jobs in the same lane replace each other. */
  lane?: string;
  /** Milliseconds without a result or progress before the worker is presumed hung and replaced. */
  deadlineMs?: number;
  onProgress?: (progress: Progress<K>) => void;
}

interface Pending {
  lane: string | undefined;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: never) => void) | undefined;
  deadlineMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class WorkerClient {
  #spawn: () => WorkerLike;
  #worker: WorkerLike | undefined;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #listeners = new Set<(reason: RestartReason) => void>();
  /** How many times the worker has been replaced. */
  restarts = 0;

  constructor(spawn: () => WorkerLike) {
    this.#spawn = spawn;
  }

  run<K extends JobKind>(
    job: Extract<JobSpec, { kind: K }>,
    options: RunOptions<K> = {},
  ): Promise<JobResults[K]> {
    const { lane, deadlineMs = 60_000, onProgress } = options;
    if (lane !== undefined) this.cancelLane(lane);
    const id = this.#nextId++;
    return new Promise<JobResults[K]>((resolve, reject) => {
      this.#pending.set(id, {
        lane,
        deadlineMs,
        timer: this.#watchdog(deadlineMs),
        resolve: resolve as (result: unknown) => void,
        reject,
        onProgress: onProgress as ((progress: never) => void) | undefined,
      });
      this.#ensureWorker().postMessage({ type: 'run', id, job });
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

  onRestart(listener: (reason: RestartReason) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    for (const id of [...this.#pending.keys()]) this.cancel(id);
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #ensureWorker(): WorkerLike {
    if (this.#worker) return this.#worker;
    const worker = this.#spawn();
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#restart('crash');
    };
    this.#worker = worker;
    return worker;
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
    if (message.type === 'progress') {
      const p = this.#pending.get(message.id);
      if (!p) return;
      // Progress proves the worker is alive: the deadline counts from the last sign of life.
      clearTimeout(p.timer);
      p.timer = this.#watchdog(p.deadlineMs);
      p.onProgress?.({ done: message.done, total: message.total, detail: message.detail } as never);
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
