import { expect, test } from '@playwright/test';
import type { ProbeResult } from './harness/worker';
import { openHarness } from './harness/page';

test('openGpu() in a dedicated worker finds an adapter under --enable-unsafe-webgpu and labels it a fallback', async ({
  page,
}) => {
  const { call } = await openHarness(page);
  const probe = await call<ProbeResult>('probe');
  // If this fails, the webgpu project lost its --enable-unsafe-webgpu flag: every other GPU test would be vacuous.
  expect(probe.ok, `${probe.message} ${probe.detail}`).toBe(true);
  expect(probe.inWorker).toBe(true);
  expect(probe.adapter!.fallback).toBe(true);
  expect(probe.adapter!.fallbackEvidence).not.toBe('none');
  expect(probe.label).toContain('software fallback, not a GPU');
  expect(probe.limits!.maxComputeWorkgroupsPerDimension).toBeGreaterThanOrEqual(65535);
  test.info().annotations.push({
    type: 'adapter',
    description: JSON.stringify({
      label: probe.label,
      adapter: probe.adapter,
      features: probe.features,
      limits: probe.limits,
    }),
  });
});
