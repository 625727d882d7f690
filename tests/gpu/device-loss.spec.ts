import { expect, test } from '@playwright/test';
import type { GpuLost } from '../../src/gpu/open';
import { openHarness } from './harness/page';

test('gpu.forceLoss() is reported as a device-lost event, fails the measurement in flight, and a fresh device works', async ({
  page,
}) => {
  const { call } = await openHarness(page);
  const r = await call<{
    reported: GpuLost[];
    lostEvent: GpuLost;
    isLostAfter: boolean;
    inFlight: { name: string; reason: string | null; message: string };
    fresh: { ok: boolean; verified: boolean[]; label: string };
  }>('deviceLoss');
  expect(r.lostEvent).toMatchObject({ kind: 'device-lost', reason: 'destroyed', forced: true });
  expect(r.reported).toEqual([r.lostEvent]);
  expect(r.isLostAfter).toBe(true);
  expect(r.inFlight.name).toBe('GpuDeviceLostError');
  expect(r.inFlight.reason).toBe('destroyed');
  expect(r.fresh.verified).toEqual([true, true, true, true]);
  expect(r.fresh.label).toContain('software fallback');
});
