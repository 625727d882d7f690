import { expect, test } from '@playwright/test';

test('/methods/ shows the reader’s own environment, cross-origin isolated with a fine clock', async ({
  page,
}) => {
  await page.goto('/methods/');
  const timer = page.locator('[data-metric="timer-resolution-ms"]');
  await expect(timer).toBeVisible();
  const resolution = Number(await timer.getAttribute('data-value'));
  // The headers in public/_headers reach `astro preview`: the page is isolated,
  // so the worker's clock steps in microseconds rather than 0.1 ms.
  await expect(page.locator('[data-metric="isolated"]')).toHaveAttribute('data-value', '1');
  expect(resolution).toBeGreaterThan(0);
  expect(resolution).toBeLessThan(0.05);
  expect(
    Number(await page.locator('[data-metric="cores"]').getAttribute('data-value')),
  ).toBeGreaterThan(0);
});
