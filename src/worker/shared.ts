import { WorkerClient, type WorkerLike } from './client';

let client: WorkerClient | undefined;

/** The page's one measuring worker, started on first use. */
export function sharedClient(): WorkerClient {
  client ??= new WorkerClient(
    () =>
      new Worker(new URL('./kernel.worker.ts', import.meta.url), {
        type: 'module',
        name: 'kernels',
      }) as unknown as WorkerLike,
  );
  return client;
}
