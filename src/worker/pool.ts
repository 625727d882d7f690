/**
 * Where clients get their worker. A page's widgets share one worker, so their
 * measurements never compete for the CPU; a host that comes and goes on its
 * own (a custom element on someone else's page) owns one and terminates it
 * when it is removed.
 */
import { WorkerClient, type WorkerLike } from './client';

/** Starts the measuring worker the way this build can (the embed bundle inlines it). */
export type WorkerFactory = () => WorkerLike;

const moduleWorker: WorkerFactory = () =>
  new Worker(new URL('./kernel.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kernels',
  }) as unknown as WorkerLike;

let factory: WorkerFactory = moduleWorker;
let shared: WorkerClient | undefined;
const named = new Map<string, WorkerClient>();

/**
 * A worker for pages that cannot start one by URL: a custom element on another
 * site's page, or our embed page in a sandboxed iframe (an opaque origin may not
 * start a worker from our origin). It fetches the worker script (served to any
 * origin), starts it from a blob, and holds messages until then. The script
 * finds its files through its name, since a blob has no useful address.
 */
export function fetchedWorker(scriptUrl: URL): WorkerFactory {
  let script: Promise<string> | undefined;
  return () => {
    // No Worker at all: fail now, as the site's factory does, so the client says so plainly.
    if (typeof Worker === 'undefined') throw new Error('This browser has no Worker.');
    script ??= fetch(scriptUrl).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.blob().then((b) => URL.createObjectURL(b));
    });
    return new DeferredWorker(script, scriptUrl);
  };
}

/** A WorkerLike whose real worker starts once its script has arrived. */
class DeferredWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  #queue: Parameters<WorkerLike['postMessage']>[0][] = [];
  #worker: Worker | undefined;
  #ended = false;

  constructor(script: Promise<string>, base: URL) {
    script.then(
      (url) => {
        if (this.#ended) return;
        // Classic, not module: an opaque-origin page (a sandboxed iframe) may not start a module
        // worker from a blob, and the bundled worker has no imports, so it runs either way.
        let worker: Worker;
        try {
          worker = new Worker(url, { name: JSON.stringify({ base: base.href }) });
        } catch {
          // Refused (a policy, a browser setting): reported as a worker that could not start.
          this.onerror?.(new Event('error'));
          return;
        }
        worker.onmessage = (e) => this.onmessage?.(e);
        worker.onerror = (e) => this.onerror?.(e);
        for (const m of this.#queue) worker.postMessage(m);
        this.#queue = [];
        this.#worker = worker;
      },
      // Reported as an error before "ready": the client says the worker could not load.
      () => this.onerror?.(new Event('error')),
    );
  }

  postMessage(message: Parameters<WorkerLike['postMessage']>[0]): void {
    if (this.#worker) this.#worker.postMessage(message);
    else this.#queue.push(message);
  }

  terminate(): void {
    this.#ended = true;
    this.#worker?.terminate();
  }
}

/** For builds whose worker script cannot load by URL (see src/embed). */
export function setWorkerFactory(f: WorkerFactory): void {
  factory = f;
}

/** The page's one measuring worker, started on first use. */
export function sharedClient(): WorkerClient {
  shared ??= new WorkerClient(() => factory());
  return shared;
}

/**
 * A second shared worker of the page, by name, for work that must not share a
 * thread with the kernels (CPython: once Pyodide has grown its memory, V8 runs
 * every typed-array loop in that thread slower). Same script, same job table.
 */
export function namedClient(name: string): WorkerClient {
  let client = named.get(name);
  if (!client) {
    client = new WorkerClient(() => factory());
    named.set(name, client);
  }
  return client;
}

/** A worker of the caller's own, to dispose of when done. */
export function ownClient(): WorkerClient {
  return new WorkerClient(() => factory());
}
