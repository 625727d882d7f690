import { expect, test } from '@playwright/test';
import { openHarness } from './harness/page';

test('limits smaller than the problem give GpuLimitError or a capped n with a note, and the device keeps working', async ({
  page,
}) => {
  const { call } = await openHarness(page);
  const r = await call<{
    oversizeBuffer: string;
    oversizeBinding: string;
    capped: { n: number; notes: string[]; verified: boolean[] };
  }>('limits');
  expect(r.oversizeBuffer).toMatch(/^GpuLimitError: .*maxBufferSize/);
  expect(r.oversizeBinding).toMatch(/^GpuLimitError: .*maxStorageBufferBindingSize/);
  expect(r.capped.n).toBe(128); // 128² · 4 B = 64 KB, the pretend binding limit
  expect(r.capped.notes.join(' ')).toContain('maxStorageBufferBindingSize');
  expect(r.capped.verified).toEqual([true, true, true, true]);
});
