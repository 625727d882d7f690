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
