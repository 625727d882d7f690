/**
 * The von Neumann chapter's widgets, beyond what the registry-driven specs
 * check: the mountain's levels, cancelling with the keyboard, the roofline's
 * explanations and its use of the mountain's bandwidth, the ledger's
 * arithmetic, and the prose answering the reader's numbers. Small sizes
 * throughout (the registry's test presets), so CI stays quick.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widgetById } from '../../components/widgets/registry';
import { watch } from './site';

const CHAPTER = '/von-neumann-bottleneck/';

/** The chapter with every widget at its test preset, plus overrides (`id.param`). */
function url(overrides: Record<string, string | number> = {}, extra = ''): string {
  const q = new URLSearchParams();
  for (const id of ['memory-mountain', 'latency-vs-bandwidth', 'roofline', 'energy-ledger']) {
    for (const [k, v] of Object.entries(widgetById(id)!.testPreset)) q.set(`${id}.${k}`, String(v));
  }
  for (const [k, v] of Object.entries(overrides)) q.set(k, String(v));
  return `${CHAPTER}?${q}${extra}`;
}

async function measured(page: Page, id: string): Promise<Locator> {
  const w = page.locator(`[data-widget="${id}"]`);
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  return w;
}

const value = async (w: Locator, name: string): Promise<number> =>
  Number(await w.locator(`[data-metric="${name}"]`).getAttribute('data-value'));

test('the mountain measures every read verified, and marks the levels it found', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto(url());
  const w = await measured(page, 'memory-mountain');
  await expect(w.locator('[data-metric="verified"]')).toHaveAttribute('data-verified', 'true');
  expect(await value(w, 'l1-gbps')).toBeGreaterThan(0);
  expect(await value(w, 'dram-gbps')).toBeGreaterThan(0);
  // The levels table: one row per level found, the count published as a metric.
  const levels = await value(w, 'levels');
  expect(levels).toBeGreaterThanOrEqual(1);
  await expect(w.locator('caption', { hasText: 'The levels found in your curve' })).toBeVisible();
  await expect(w.locator('table').last().locator('tbody tr')).toHaveCount(levels);
  // The chart's text alternative names them too.
  await expect(w.locator('[role="img"]')).toHaveAttribute('aria-label', /Levels found: /);
  expect(seen.errors).toEqual([]);
});

test('cancelling the mountain from the keyboard stops it and keeps focus on the button', async ({
  page,
}) => {
  // A full run up to 16 MB: long enough to be cancelled while it measures.
  await page.goto(url({ 'memory-mountain.mode': 'full', 'memory-mountain.max': 16384 }));
  const w = page.locator('[data-widget="memory-mountain"]');
  await w.scrollIntoViewIfNeeded();
  const button = w.locator('button.task-button');
  await expect(button).toHaveText('Cancel', { timeout: 20_000 });
  await expect(w.getByText(/Measuring: \d+ of \d+ working sets done/)).toBeVisible();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveText('Measure again');
  await expect(button).toBeFocused();
  await expect(w).not.toHaveAttribute('data-status', 'measuring');
  await expect(w.getByText(/^Cancelled/)).toBeVisible();
  // …and it measures again on request.
  await page.keyboard.press('Enter');
  await expect(button).toHaveText('Cancel');
});

test('the latency widget reads the same lines in order and chased, both checked', async ({
  page,
}) => {
  await page.goto(url());
  const w = await measured(page, 'latency-vs-bandwidth');
  await expect(w.locator('[data-metric="verified"]')).toHaveAttribute('data-verified', 'true');
  const chase = await value(w, 'chase-ns');
  const inOrder = await value(w, 'inorder-ns');
  expect(chase).toBeGreaterThan(0);
  expect(await value(w, 'chase-ratio')).toBeCloseTo(chase / inOrder, 6);
});

test('the roofline verifies every product, and a focused kernel explains its place', async ({
  page,
}) => {
  await page.goto(url());
  const w = await measured(page, 'roofline');
  await expect(w.locator('[data-metric="verified"]')).toHaveAttribute('data-verified', 'true');
  for (const name of ['peak-gflops', 'bandwidth-gbps', 'ridge', 'spmv-fraction', 'gemm-fraction']) {
    expect(await value(w, name), name).toBeGreaterThan(0);
  }
  // Reach a kernel with the keyboard: Tab from the one before lands on the next button.
  const buttons = w.locator('.kernels button');
  expect(await buttons.count()).toBeGreaterThanOrEqual(4);
  await buttons.first().focus();
  await page.keyboard.press('Tab');
  const second = buttons.nth(1);
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  const explanation = w.locator('.explain');
  const key = await explanation.getAttribute('data-explains');
  expect(key).toMatch(/^(gemv|spmv|gemm|spmm):(scalar|simd)$/);
  await expect(explanation).toContainText(/FLOP per byte/);
  await expect(explanation).toContainText(/(left|right) of the ridge/);
  await expect(second).toHaveAttribute('aria-describedby', (await explanation.getAttribute('id'))!);
  // The H200 arrives on request, labelled as a reference.
  await w.getByLabel(/Also draw an NVIDIA H200/).check();
  await expect(w.getByText('Reference, not this device.')).toBeVisible();
});

test('the roofline takes its memory roof from the mountain on the page, and says so', async ({
  page,
}) => {
  await page.goto(url());
  const mountain = await measured(page, 'memory-mountain');
  const dram = await value(mountain, 'dram-gbps');
  const w = await measured(page, 'roofline');
  await expect(w.getByText(/Memory roof from the memory mountain’s DRAM read/)).toBeVisible();
  expect(await value(w, 'bandwidth-gbps')).toBeCloseTo(dram, 6);
  // Its own read on request, without measuring again.
  const job = await w.getAttribute('data-job');
  await w.getByLabel('Memory roof from').selectOption('own');
  await expect(w.getByText(/Memory roof from this widget’s own read of 64 MB/)).toBeVisible();
  await expect(w).toHaveAttribute('data-job', job!);
});

test('the energy ledger prices a DRAM dot product at hundreds of times its arithmetic, and takes the reader’s figures', async ({
  page,
}) => {
  await page.goto(url());
  const w = page.locator('[data-widget="energy-ledger"]');
  await w.scrollIntoViewIfNeeded();
  const ratio = w.locator('[data-metric="movement-ratio"]');
  await expect(ratio).toHaveAttribute('data-verified', 'true');
  // n = 1024: 2n reads of 32 bits at half a 64-bit DRAM access each, against n multiplies
  // (3.7 pJ) and n − 1 adds (0.9 pJ).
  const expected = (dramPj: number) => (2048 * dramPj) / 2 / (1024 * 3.7 + 1023 * 0.9);
  const shown = async () => Number(await ratio.getAttribute('data-value'));
  expect(await shown()).toBeCloseTo(expected(1300), 6);
  await expect(w.locator('abbr.status-U').first()).toHaveAttribute(
    'title',
    'unverified: an order of magnitude',
  );
  const dram = w.getByLabel('Your figure for DRAM, 64-bit access, in picojoules');
  await dram.fill('130');
  await dram.press('Enter');
  await expect.poll(shown).toBeCloseTo(expected(130), 6);
  await w.getByRole('button', { name: 'Back to the table’s figures' }).click();
  await expect.poll(shown).toBeCloseTo(expected(1300), 6);
});

test('the prose answers the reader’s own mountain, chase and roofline', async ({ page }) => {
  await page.goto(url());
  for (const id of ['memory-mountain', 'latency-vs-bandwidth', 'roofline'])
    await measured(page, id);
  for (const [widget, metric] of [
    ['memory-mountain', 'l1-to-dram'],
    ['latency-vs-bandwidth', 'chase-ns'],
    ['roofline', 'spmv-fraction'],
    ['roofline', 'ridge'],
  ]) {
    const block = page.locator(
      `[data-respond-widget="${widget}"][data-respond-metric="${metric}"]`,
    );
    // Once measured, the "pending" case hides and exactly one other case shows.
    await expect(block.locator('.when[data-when=\'{"pending":true}\']')).toBeHidden();
    await expect(block.locator('.when:not([hidden])')).toHaveCount(1);
  }
});

test('with the corrupt fault, the mountain shows reads that failed their check', async ({
  page,
}) => {
  await page.goto(url({}, '&fault=corrupt'));
  const w = await measured(page, 'memory-mountain');
  await expect(w.locator('[data-metric="verified"]')).toHaveAttribute('data-verified', 'false');
  await expect(w).toContainText('failed their check');
});
