/**
 * The embed bundle's fetched worker when the browser will not start one: it
 * fails at once when there is no Worker (the client then says so plainly), and
 * reports a refused start as an error instead of leaving the widget measuring.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerClient } from '../../../src/worker/client';
import { fetchedWorker } from '../../../src/worker/pool';

const SCRIPT = new URL('http://localhost/_embed/kernel.worker.js');

afterEach(() => vi.unstubAllGlobals());

describe('fetchedWorker', () => {
  it('throws at once when the browser has no Worker, so the client reports it unsupported', async () => {
    vi.stubGlobal('Worker', undefined);
    expect(() => fetchedWorker(SCRIPT)()).toThrow('no Worker');
    const client = new WorkerClient(fetchedWorker(SCRIPT));
    await expect(client.run({ kind: 'environment', params: {} })).rejects.toMatchObject({
      name: 'WorkerUnavailable',
    });
  });

  it('reports a Worker the browser refuses to start as an error, and the job fails instead of waiting', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('postMessage(1)')));
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new DOMException('Refused by policy.', 'SecurityError');
        }
      },
    );
    const client = new WorkerClient(fetchedWorker(SCRIPT));
    await expect(client.run({ kind: 'environment', params: {} })).rejects.toMatchObject({
      name: 'WorkerUnavailable',
    });
  });
});
