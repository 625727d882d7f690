import { describe, expect, it } from 'vitest';
import type { GpuAccess, GpuProbe } from '../../../../src/gpu/access';
import { GpuDeviceLostError, GpuOutOfMemoryError } from '../../../../src/gpu/errors';
import type { GpuProductResult } from '../../../../src/gpu/measure-product';
import type { AdapterDescription, Gpu, GpuLost } from '../../../../src/gpu/open';
import { gpuAdapter } from '../../../../src/worker/jobs/gpu-adapter';
import { gpuCrossover } from '../../../../src/worker/jobs/gpu-crossover';
import {
  gpuProduct,
  measureOnGpu,
  setUpGpu,
  type GpuCurve,
} from '../../../../src/worker/jobs/gpu-product';
import { Scheduler } from '../../../../src/worker/scheduler';
import { nodeContext } from '../node-context';

const curve: GpuCurve = { n: 256, batch: 1, structure: 'unstructured', dtype: 'f32', seed: 3 };

const adapter = (fallback: boolean): AdapterDescription => ({
  vendor: fallback ? 'google' : 'nvidia',
  architecture: fallback ? 'swiftshader' : 'ampere',
  device: '',
  description: '',
  fallback,
  fallbackEvidence: fallback ? 'isFallbackAdapter' : 'none',
  subgroupMinSize: 0,
  subgroupMaxSize: 0,
});

/** A GPU that exists as far as the jobs' glue can tell: its kernels are the fake `measure`'s business. */
function fakeAccess(fallback = true): GpuAccess & { opened: number; losses: GpuLost[] } {
  const gpu = { adapter: adapter(fallback), forceLoss: async () => lost } as unknown as Gpu;
  const probe: GpuProbe = {
    ok: true,
    adapter: adapter(fallback),
    label: fallback ? 'google swiftshader (software fallback, not a GPU)' : 'nvidia ampere',
    features: { 'timestamp-query': true, 'shader-f16': false, subgroups: true },
  };
  const access = {
    opened: 0,
    losses: [] as GpuLost[],
    probe: async () => probe,
    open: async () => {
      access.opened++;
      return { ok: true as const, gpu };
    },
    takeLosses: () => access.losses.splice(0),
  };
  return access;
}

const lost: GpuLost = { kind: 'device-lost', reason: 'destroyed', message: 'gone', forced: true };

describe('gpu jobs without an adapter (Node has no WebGPU)', () => {
  it('gpu-adapter answers that this browser exposes no WebGPU adapter', async () => {
    const r = await gpuAdapter.run({}, nodeContext());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('This browser exposes no WebGPU adapter.');
  });

  it('gpu-product and gpu-crossover refuse with that sentence and point to the CPU tiers', async () => {
    await expect(gpuProduct.run({ ...curve, sparsity: 0.9 }, nodeContext())).rejects.toThrow(
      /^This browser exposes no WebGPU adapter\. The WebGPU tier needs one; the CPU tiers work as before\.$/,
    );
    await expect(
      gpuCrossover.run({ ...curve, lo: 0, hi: 0.9999, rivals: ['gpu-csr'] }, nodeContext()),
    ).rejects.toThrow('no WebGPU adapter');
  });
});

describe('setUpGpu(curve, ctx)', () => {
  it('runs an f64 request in f32 on both sides, and says so', async () => {
    const s = await setUpGpu({ ...curve, dtype: 'f64' }, nodeContext({ gpu: fakeAccess() }));
    expect(s.params.dtype).toBe('f32');
    expect(s.notes.join(' ')).toContain('WebGPU has no f64');
    expect(s.adapterLabel).toContain('software fallback');
  });

  it('caps a software adapter harder than a hardware GPU before either has been measured', async () => {
    const big = { ...curve, n: 4096 };
    const soft = await setUpGpu(big, nodeContext({ gpu: fakeAccess(true) }));
    const hard = await setUpGpu(big, nodeContext({ gpu: fakeAccess(false) }));
    expect(soft.params.n).toBeLessThan(4096);
    expect(soft.notes.join(' ')).toMatch(
      /The WebGPU tier at n = 4096 would take about .* capped to n = \d+/,
    );
    expect(hard.params.n).toBeGreaterThan(soft.params.n);
  });

  it('races the tuned CSR kernel on the CPU, and the SIMD one only where it loaded', async () => {
    const s = await setUpGpu(curve, nodeContext({ gpu: fakeAccess() }));
    expect(s.cpuKernels).toEqual([{ format: 'csr', tier: 'tuned' }]);
  });
});

describe('measureOnGpu(setup, sparsity, ctx, notes, measure)', () => {
  const ok = { params: { n: 256 } } as unknown as GpuProductResult;

  it('reopens a lost device once, measures again, and says what happened', async () => {
    const access = fakeAccess();
    const ctx = nodeContext({ gpu: access });
    const setup = await setUpGpu(curve, ctx);
    const notes: string[] = [];
    let calls = 0;
    const r = await measureOnGpu(setup, 0.9, ctx, notes, async () => {
      if (++calls === 1) {
        access.losses.push(lost);
        throw new GpuDeviceLostError(lost);
      }
      return ok;
    });
    expect(r).toBe(ok);
    expect(access.opened).toBe(2);
    expect(notes).toEqual([
      'The GPU device was lost during this measurement (destroyed on purpose by the test build’s gpu-lost fault). It was opened again and the measurement repeated.',
    ]);
    // The loss was reported here; the next job does not report it again.
    expect(access.takeLosses()).toEqual([]);
  });

  it('gives up with a clear error when the device is lost twice in a row', async () => {
    const ctx = nodeContext({ gpu: fakeAccess() });
    const setup = await setUpGpu(curve, ctx);
    await expect(
      measureOnGpu(setup, 0.9, ctx, [], async () => {
        throw new GpuDeviceLostError({ ...lost, forced: false, reason: 'unknown' });
      }),
    ).rejects.toThrow(
      /lost twice in a row .* choose a CPU tier; the rest of the page is unaffected/,
    );
  });

  it('halves n when the GPU runs out of memory, at most twice, and later points keep the smaller n', async () => {
    const ctx = nodeContext({ gpu: fakeAccess() });
    const setup = await setUpGpu(curve, ctx);
    const notes: string[] = [];
    const asked: number[] = [];
    await measureOnGpu(setup, 0.5, ctx, notes, async (p) => {
      asked.push(p.n);
      if (p.n > 64) throw new GpuOutOfMemoryError('dense A', p.n * p.n * 4, 'Out of memory');
      return ok;
    });
    expect(asked).toEqual([256, 128, 64]);
    expect(setup.params.n).toBe(64);
    expect(notes[0]).toMatch(
      /^At n = 256: The GPU could not allocate dense A .* Measured at n = 128 instead\.$/,
    );
    const third: number[] = [];
    await expect(
      measureOnGpu(setup, 0.5, ctx, [], async (p) => {
        third.push(p.n);
        throw new GpuOutOfMemoryError('dense A', 1, 'Out of memory');
      }),
    ).rejects.toBeInstanceOf(GpuOutOfMemoryError);
    expect(third).toEqual([64, 32, 16]);
  });

  it('forces the loss only under the gpu-lost fault, on the measurement’s second turn', async () => {
    let forced = 0;
    const access = fakeAccess();
    const opened = await access.open();
    const gpu = (opened.ok ? opened.gpu : null) as unknown as { forceLoss: () => Promise<GpuLost> };
    gpu.forceLoss = async () => {
      forced++;
      return lost;
    };
    for (const fault of [undefined, 'gpu-lost'] as const) {
      const ctx = nodeContext({ gpu: access, ...(fault ? { fault } : {}) });
      const setup = await setUpGpu(curve, ctx);
      await measureOnGpu(setup, 0.5, ctx, [], async (_p, m) => {
        await m.unit(() => 0);
        await m.unit(() => 0);
        await m.unit(() => 0);
        return ok;
      });
    }
    expect(forced).toBe(1);
  });
});

describe('Scheduler.run(priority, work)', () => {
  it('keeps the turn while asynchronous work (a GPU batch) is in flight', async () => {
    const s = new Scheduler();
    const order: string[] = [];
    let finish!: () => void;
    const gpuBatch = s.run(0, async () => {
      order.push('gpu start');
      await new Promise<void>((r) => (finish = r));
      order.push('gpu end');
    });
    const cpu = s.run(1, () => order.push('cpu unit'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['gpu start']);
    finish();
    await Promise.all([gpuBatch, cpu]);
    expect(order).toEqual(['gpu start', 'gpu end', 'cpu unit']);
  });
});
