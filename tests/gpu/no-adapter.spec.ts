import { expect, test } from '@playwright/test';
import type { ProbeResult } from './harness/worker';
import { openHarness } from './harness/page';

test('openGpu() without --enable-unsafe-webgpu reports that this browser exposes no WebGPU adapter', async ({
  page,
}) => {
  const { call } = await openHarness(page);
  const probe = await call<ProbeResult>('probe');
  expect(probe.ok).toBe(false);
  expect(probe.inWorker).toBe(true);
  expect(probe.reason).toBe('no-adapter');
  expect(probe.message).toBe('This browser exposes no WebGPU adapter.');
  expect(probe.detail).toContain('requestAdapter() found no adapter');
});
