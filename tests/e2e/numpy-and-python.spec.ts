/**
 * The NumPy chapter's widgets: the interpreter ladder with real CPython loaded
 * from this site (and without it, when its files are blocked), vectorize-it,
 * and the keyboard-navigable timeline. CPython takes a few seconds to load:
 * only the first test loads it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watch } from './site';

const CHAPTER = '/numpy-and-python/';

async function ladderAt(page: Page, query: string): Promise<Locator> {
  await page.goto(`${CHAPTER}?${query}`);
  const w = page.locator('[data-widget="interpreter-ladder"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  return w;
}

const value = async (w: Locator, metric: string): Promise<number> =>
  Number(await w.locator(`[data-metric="${metric}"]`).getAttribute('data-value'));

test('the CPython rungs load CPython from this site only when asked, and verify the dot product', async ({
  page,
  context,
}) => {
  const seen = watch(page);
  const pyodide: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('/pyodide/')) pyodide.push(r.url());
  });
  const w = await ladderAt(page, 'interpreter-ladder.n=1024');
  // Nothing of CPython is fetched until the reader asks, and the size is stated first.
  expect(pyodide).toEqual([]);
  await expect(w.locator('[data-rung="python-loop"]')).toContainText('CPython is not loaded');
  const button = w.getByRole('button', { name: /Load CPython \(6\.4 MB\)/ });
  await expect(w).toContainText('13.4 MB');
  await button.click();

  const loop = w.locator('[data-metric="python-loop-ns"]');
  await expect(loop).toHaveAttribute('data-verified', 'true', { timeout: 60_000 });
  await expect(w.locator('[data-metric="python-c-loop-ns"]')).toHaveAttribute(
    'data-verified',
    'true',
  );
  await expect(w).toContainText(/CPython 3\.\d+\.\d+ \(Pyodide 314\.0\.7\) is loaded/);
  expect(await value(w, 'python-over-simd')).toBeGreaterThan(1);
  expect(await value(w, 'python-over-c-loop')).toBeGreaterThan(0);
  expect(await value(w, 'cpython-bytes')).toBeGreaterThan(13_000_000);
  expect(await value(w, 'crossing-ns')).toBeGreaterThan(0);

  // Every file came from this origin; nothing left it.
  const origin = new URL(page.url()).origin;
  expect(pyodide.length).toBeGreaterThanOrEqual(4);
  for (const url of pyodide) expect(new URL(url).origin).toBe(origin);
  expect(seen.external).toEqual([]);
  expect(seen.errors).toEqual([]);

  // The prose answers the reader's own ratio once it exists.
  const sentence = page.locator(
    '[data-measured-widget="interpreter-ladder"][data-measured-metric="python-loop-ns"]',
  );
  await expect(sentence.locator('.measured-value')).toBeVisible();
});

test('with CPython’s files blocked, the ladder says so clearly and the other rungs still verify', async ({
  page,
}) => {
  await page.route('**/pyodide/**', (route) => route.fulfill({ status: 404, body: 'blocked' }));
  const w = await ladderAt(page, 'interpreter-ladder.n=256&interpreter-ladder.op=gemv');
  await w.getByRole('button', { name: /Load CPython/ }).click();
  const alert = w.getByRole('alert');
  await expect(alert).toContainText('CPython did not load', { timeout: 30_000 });
  await expect(alert).toContainText('404');
  await expect(alert).toContainText('other five rungs are measured without it');
  await expect(w.getByRole('button', { name: 'Try loading CPython again' })).toBeVisible();
  await expect(w).toHaveAttribute('data-status', 'done');
  for (const id of ['interpreter', 'plain-array', 'typed-array', 'tuned', 'simd'])
    await expect(w.locator(`[data-metric="${id}-ns"]`), id).toHaveAttribute(
      'data-verified',
      'true',
    );
  await expect(w.locator('[data-metric="python-loop-ns"]')).toHaveCount(0);
});

test('the ladder explains the tiny case, shows each rung’s code, and marks a corrupted rung as failed', async ({
  page,
}) => {
  const w = await ladderAt(page, 'interpreter-ladder.n=4&fault=corrupt');
  await expect(w).toContainText('Tiny: each call does at most 4 multiply-adds');
  await expect(w.locator('[data-metric="simd-ns"]')).toHaveAttribute('data-verified', 'false');
  await expect(w.locator('[data-rung="simd"]')).toContainText('failed the check');
  await w.locator('[data-rung="typed-array"] summary').click();
  await expect(w.locator('[data-rung="typed-array"] pre')).toContainText(
    'export function dotTyped(',
  );
  await expect(w).toContainText(/Native reference: not this device, measured natively on/);
});

test('vectorize-it measures every operation both ways, verified', async ({ page }) => {
  await page.goto(`${CHAPTER}?vectorize-it.n=4096&vectorize-it.op=sum`);
  const w = page.locator('[data-widget="vectorize-it"]');
  await w.scrollIntoViewIfNeeded();
  for (const op of ['sum Σx', 'dot Σx·y', 'axpy z = αx + y', 'map y = 1/x']) {
    await w.getByLabel(op).check();
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(w.locator('[data-metric="speedup"]'), op).toHaveAttribute('data-verified', 'true');
    expect(await value(w, 'speedup'), op).toBeGreaterThan(1);
  }
});

test('the timeline is one Tab stop, arrow keys move through it, and each item shows its source', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const w = page.locator('[data-widget="numpy-timeline"]');
  await w.scrollIntoViewIfNeeded();
  const open = w.locator('button[aria-expanded="true"]');
  await expect(open).toContainText('Numeric');
  await expect(w.locator('.panel')).toContainText(/Harris/);
  await open.focus();
  await page.keyboard.press('ArrowDown');
  await expect(w.locator('button[aria-expanded="true"]')).toContainText('SciPy');
  await expect(w.locator('button[aria-expanded="true"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(w.locator('button[aria-expanded="true"]')).toContainText('BLAS level 1');
  await expect(w.locator('.panel')).toContainText('Lawson');
  await page.keyboard.press('End');
  await expect(w.locator('.panel')).toContainText(/Harris/);
  expect(await w.locator('button[tabindex="0"]').count()).toBe(1);
  // Unverified items say so where they are listed.
  await expect(w.locator('li', { hasText: 'A matrix object for Python' })).toContainText(
    'unverified',
  );
  await w.getByLabel('Show').selectOption('deep-learning');
  await expect(w.locator('[data-metric="items"]')).toHaveAttribute('data-value', '3');
});

test('/pyodide/ is served with the site’s headers and the right types', async ({ request }) => {
  const wasm = await request.head('/pyodide/pyodide.asm.wasm');
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  expect(wasm.headers()['cross-origin-resource-policy']).toBe('cross-origin');
  const mjs = await request.head('/pyodide/pyodide.mjs');
  expect(mjs.headers()['content-type']).toMatch(/javascript/);
});
