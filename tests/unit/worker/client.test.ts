import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  JobCancelled,
  WorkerClient,
  WorkerRestarted,
  WorkerUnavailable,
  type WorkerLike,
} from '../../../src/worker/client';
import type { FromWorker, ToWorker } from '../../../src/worker/protocol';

/** A worker double that records what it is sent and answers when told to. */
class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  /** The worker's script ran and it listens. */
  ready(): this {
    this.reply({ type: 'ready' });
    return this;
  }
  crash(): void {
    this.onerror?.({ preventDefault() {} } as Event);
  }
  lastRunId(): number {
    const runs = this.sent.filter((m) => m.type === 'run');
    return runs[runs.length - 1]!.id;
  }
}

describe('WorkerClient', () => {
  let spawned: FakeWorker[];
  let client: WorkerClient;
  beforeEach(() => {
    vi.useFakeTimers();
    spawned = [];
    client = new WorkerClient(() => {
      const w = new FakeWorker();
      spawned.push(w);
      // Answers "ready" as soon as the client listens, like a worker whose script loaded.
      queueMicrotask(() => w.ready());
      return w;
    });
  });
  afterEach(() => vi.useRealTimers());

  it('run(job) resolves with the result for its own id', async () => {
    const p = client.run({ kind: 'environment', params: {} });
    const w = spawned[0]!;
    w.reply({ type: 'result', id: w.lastRunId() + 99, result: 'not mine' });
    w.reply({ type: 'result', id: w.lastRunId(), result: 'mine' });
    await expect(p).resolves.toBe('mine');
  });

  it('a newer job in the same lane cancels the older one, here and in the worker', async () => {
    const first = client.run({ kind: 'environment', params: {} }, { lane: 'point' });
    const firstId = spawned[0]!.lastRunId();
    const second = client.run({ kind: 'environment', params: {} }, { lane: 'point' });
    await expect(first).rejects.toBeInstanceOf(JobCancelled);
    expect(spawned[0]!.sent).toContainEqual({ type: 'cancel', id: firstId });
    spawned[0]!.reply({ type: 'result', id: spawned[0]!.lastRunId(), result: 2 });
    await expect(second).resolves.toBe(2);
  });

  it('jobs in other lanes are left alone', async () => {
    const a = client.run({ kind: 'environment', params: {} }, { lane: 'point' });
    const aId = spawned[0]!.lastRunId();
    void client.run({ kind: 'environment', params: {} }, { lane: 'search' }).catch(() => {});
    spawned[0]!.reply({ type: 'result', id: aId, result: 'a' });
    await expect(a).resolves.toBe('a');
  });

  it('streams progress to onProgress', async () => {
    const seen: number[] = [];
    const p = client.run(
      {
        kind: 'crossover',
        params: {
          n: 64,
          batch: 1,
          structure: 'unstructured',
          format: 'csr',
          dtype: 'f64',
          tier: 'tuned',
          seed: 1,
          lo: 0,
          hi: 0.99,
        },
      },
      { onProgress: (pr) => seen.push(pr.done) },
    );
    const w = spawned[0]!;
    w.reply({ type: 'progress', id: w.lastRunId(), done: 1, total: 3, detail: null });
    w.reply({ type: 'progress', id: w.lastRunId(), done: 2, total: 3, detail: null });
    w.reply({ type: 'result', id: w.lastRunId(), result: 'ok' });
    await p;
    expect(seen).toEqual([1, 2]);
  });

  it('replaces a crashed worker, rejects its jobs with WorkerRestarted and tells listeners', async () => {
    const reasons: string[] = [];
    client.onRestart((r) => reasons.push(r));
    const p = client.run({ kind: 'environment', params: {} });
    await Promise.resolve();
    spawned[0]!.crash();
    await expect(p).rejects.toMatchObject({ name: 'WorkerRestarted', reason: 'crash' });
    expect(spawned[0]!.terminated).toBe(true);
    expect(reasons).toEqual(['crash']);
    // The next job goes to a fresh worker.
    const q = client.run({ kind: 'environment', params: {} });
    expect(spawned).toHaveLength(2);
    spawned[1]!.reply({ type: 'result', id: spawned[1]!.lastRunId(), result: 'fresh' });
    await expect(q).resolves.toBe('fresh');
    expect(client.restarts).toBe(1);
  });

  it('replaces a worker that overruns the deadline; progress keeps it alive', async () => {
    const p = client.run({ kind: 'environment', params: {} }, { deadlineMs: 1000 });
    const w = spawned[0]!;
    vi.advanceTimersByTime(900);
    w.reply({ type: 'progress', id: w.lastRunId(), done: 1, total: 2, detail: null });
    vi.advanceTimersByTime(900);
    expect(w.terminated).toBe(false);
    vi.advanceTimersByTime(200);
    await expect(p).rejects.toBeInstanceOf(WorkerRestarted);
    expect(w.terminated).toBe(true);
  });

  it('passes worker errors through as errors', async () => {
    const p = client.run({ kind: 'environment', params: {} });
    spawned[0]!.reply({ type: 'error', id: spawned[0]!.lastRunId(), message: 'boom' });
    await expect(p).rejects.toThrow('boom');
  });

  it('a worker that fails before it is ready (its script 404s) is not restarted in a loop', async () => {
    const broken = new WorkerClient(() => {
      const w = new FakeWorker();
      spawned.push(w);
      return w; // never says ready
    });
    const p = broken.run({ kind: 'environment', params: {} });
    spawned[0]!.crash();
    await expect(p).rejects.toBeInstanceOf(WorkerUnavailable);
    await expect(p).rejects.toMatchObject({ reason: 'load-failed' });
    expect(broken.restarts).toBe(0);
    // Later jobs fail at once with the same plain message, and no new worker is spawned…
    await expect(broken.run({ kind: 'environment', params: {} })).rejects.toThrow(
      /could not be loaded.*Reloading the page/,
    );
    expect(spawned).toHaveLength(1);
    // …until the reader asks to try again.
    broken.reset();
    void broken.run({ kind: 'environment', params: {} }).catch(() => {});
    expect(spawned).toHaveLength(2);
  });

  it('says plainly when this browser has no Worker at all', async () => {
    const none = new WorkerClient(() => {
      throw new TypeError('Worker is not a constructor');
    });
    const p = none.run({ kind: 'environment', params: {} });
    await expect(p).rejects.toBeInstanceOf(WorkerUnavailable);
    await expect(p).rejects.toThrow(/would not start a background worker/);
    await expect(p).rejects.not.toThrow(/not a constructor/);
  });

  it('dispose() cancels pending jobs and terminates the worker', async () => {
    const p = client.run({ kind: 'environment', params: {} }, { lane: 'x' });
    expect(client.busyLanes).toEqual(['x']);
    client.dispose();
    await expect(p).rejects.toBeInstanceOf(JobCancelled);
    expect(spawned[0]!.terminated).toBe(true);
    expect(client.busyLanes).toEqual([]);
  });

  it('sends a test fault with the job that asked for it', () => {
    void client.run({ kind: 'environment', params: {} }, { fault: 'crash' }).catch(() => {});
    expect(spawned[0]!.sent[0]).toMatchObject({ type: 'run', fault: 'crash' });
  });
});
