import { describe, expect, it } from 'vitest';
import { gpuAccess, NO_GPU } from '../../../src/gpu/access';
import type { Gpu, GpuLost, GpuOpen, OpenGpuOptions } from '../../../src/gpu/open';

/** An openGpu stand-in whose devices can be lost on demand. */
function fakeOpen() {
  const devices: { lose: () => void; gpu: Gpu }[] = [];
  const open = async (o: OpenGpuOptions): Promise<GpuOpen> => {
    let lostNow = false;
    const gpu = { isLost: () => lostNow, adapter: { fallback: true } } as unknown as Gpu;
    devices.push({
      gpu,
      lose: () => {
        lostNow = true;
        const event: GpuLost = {
          kind: 'device-lost',
          reason: 'unknown',
          message: 'reset',
          forced: false,
        };
        o.onLost?.(event);
      },
    });
    return { ok: true, gpu };
  };
  return { open, devices };
}

describe('gpuAccess()', () => {
  it('opens nothing until a job asks, then one device for every job', async () => {
    const f = fakeOpen();
    const access = gpuAccess({ open: f.open });
    expect(f.devices).toHaveLength(0);
    const [a, b] = await Promise.all([access.open(), access.open()]);
    expect(f.devices).toHaveLength(1);
    expect(a.ok && b.ok && a.gpu === b.gpu).toBe(true);
    expect((await access.open()).ok && f.devices).toHaveLength(1);
  });

  it('opens a fresh device after a loss, and hands the loss to the next job once', async () => {
    const f = fakeOpen();
    const access = gpuAccess({ open: f.open });
    await access.open();
    f.devices[0]!.lose();
    const again = await access.open();
    expect(f.devices).toHaveLength(2);
    expect(again.ok && again.gpu).toBe(f.devices[1]!.gpu);
    expect(access.takeLosses().map((l) => l.message)).toEqual(['reset']);
    expect(access.takeLosses()).toEqual([]);
  });

  it('probes without opening a device, and says there is no adapter where WebGPU is missing', async () => {
    const f = fakeOpen();
    const access = gpuAccess({ open: f.open });
    const probe = await access.probe(); // Node: no navigator.gpu
    expect(probe).toEqual(await NO_GPU.probe());
    expect(!probe.ok && probe.message).toBe('This browser exposes no WebGPU adapter.');
    expect(f.devices).toHaveLength(0);
  });
});
