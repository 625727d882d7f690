/**
 * Without --enable-unsafe-webgpu this Chromium exposes no WebGPU adapter, as
 * many readers' browsers do: the WebGPU options are shown unavailable with a
 * note, and everything else measures exactly as before.
 */
import { expect, test } from '@playwright/test';
import { watch } from './site';

const NOTE = 'This browser exposes no WebGPU adapter';

test('sparsity-lab shows the WebGPU tier unavailable with its note, and the CPU tiers measure as before', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/sparsity/?sparsity-lab.n=256');
  const w = page.locator('[data-widget="sparsity-lab"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await expect(w.getByRole('radio', { name: 'WebGPU' })).toBeDisabled();
  for (const tier of ['naive', 'tuned', 'SIMD']) {
    await expect(w.getByRole('radio', { name: tier, exact: true })).toBeEnabled();
  }
  await expect(w.getByRole('radio', { name: 'tuned', exact: true })).toBeChecked();
  await expect(w.locator('[data-gpu-note]')).toContainText(NOTE);
  await expect(w.locator('[data-metric="gpu-adapter"]')).toHaveCount(0);
  await expect(w.locator('[data-metric^="gpu-"]')).toHaveCount(0);
  await expect(w.getByText('Dense, gemvTuned (f64)')).toBeVisible();
  await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  await expect(w.locator('[data-metric="crossover"]')).toBeVisible({ timeout: 60_000 });
  await expect(w.locator('.adapter')).toHaveCount(0);
  // The chapter answers the missing adapter too.
  await expect(
    page.locator('[data-respond-metric="gpu-adapter"] > .when:not([hidden])'),
  ).toContainText(NOTE);
  expect(seen.errors).toEqual([]);
});

test('a link asking for the WebGPU tier without an adapter measures the tuned kernel and says why', async ({
  page,
}) => {
  await page.goto('/sparsity/?sparsity-lab.n=128&sparsity-lab.tier=webgpu');
  const w = page.locator('[data-widget="sparsity-lab"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await expect(w.locator('[data-gpu-note]')).toContainText(
    `${NOTE}. The WebGPU tier is unavailable here, so the tuned dense kernel was measured instead.`,
  );
  await expect(w.getByText(/^Dense, gemvTuned/)).toBeVisible();
  await expect(w.locator('[data-metric="verified"]')).toHaveAttribute('data-verified', 'true');
});

test('crossover-atlas shows its WebGPU rows unavailable with the note, and measures its CPU rows', async ({
  page,
}) => {
  await page.goto('/sparsity/?crossover-atlas.n=64');
  const w = page.locator('[data-widget="crossover-atlas"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await expect(w.getByRole('radio', { name: 'on' })).toBeDisabled();
  await expect(w.locator('[data-gpu-note]')).toContainText(NOTE);
  await expect(w.locator('[data-metric="crossover-tuned"]')).toHaveAttribute(
    'data-verified',
    'true',
  );
  await expect(w.locator('[data-metric^="crossover-webgpu"]')).toHaveCount(0);
});
