import { expect, test, type Locator, type Page } from '@playwright/test';
import { widgetRoute, widgets } from '../../components/widgets/registry';
import { SPARSITY_STOPS } from '../../components/widgets/SparsityLab/params';
import { chartProblems, watch } from './site';

/** A chapter URL (or a route starting with '/') with the widget's params, prefixed as chapter pages expect. */
function chapterUrl(
  chapter: string,
  id: string,
  params: Record<string, unknown>,
  extra = '',
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(`${id}.${k}`, String(v));
  const route = chapter.startsWith('/') ? chapter : `/${chapter}/`;
  return `${route}?${q}${extra}`;
}

async function measured(page: Page, id: string): Promise<Locator> {
  const w = page.locator(`[data-widget="${id}"]`);
  // A widget already on screen may swap its placeholder for itself mid-scroll: try again.
  await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  return w;
}

const metric = async (w: Locator, name: string): Promise<number> =>
  Number(await w.locator(`[data-metric="${name}"]`).getAttribute('data-value'));

// Every registry widget, at its small test preset, reaches a verified measurement.
for (const widget of widgets) {
  test(`${widget.id} reaches a verified measured number at its test preset`, async ({ page }) => {
    const seen = watch(page);
    await page.goto(chapterUrl(widgetRoute(widget), widget.id, widget.testPreset));
    const w = await measured(page, widget.id);
    const verified = w.locator('[data-verified]');
    if (!widget.pure) expect(await verified.count()).toBeGreaterThan(0);
    for (const v of await verified.all()) await expect(v).toHaveAttribute('data-verified', 'true');
    for (const m of await w.locator('[data-metric]').all()) {
      expect(Number.isFinite(Number(await m.getAttribute('data-value')))).toBe(true);
    }
    // Every chart it drew is hidden from screen readers in favour of text with its numbers.
    expect(await chartProblems(w)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

test.describe('sparsity-lab', () => {
  test('measures dense and CSR times, verified, and finds a crossover', async ({ page }) => {
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 512, sparsity: 0.9 }));
    const w = await measured(page, 'sparsity-lab');
    expect(await metric(w, 'dense-ms')).toBeGreaterThan(0);
    expect(await metric(w, 'sparse-ms')).toBeGreaterThan(0);
    await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
    const crossover = w.locator('[data-metric="crossover"]');
    await expect(crossover).toBeVisible({ timeout: 60_000 });
    const value = Number(await crossover.getAttribute('data-value'));
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(0.9999);
    await expect(crossover).toContainText('On this device');
  });

  test('moving the slider produces a new measurement', async ({ page }) => {
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 256, sparsity: 0.5 }));
    const w = await measured(page, 'sparsity-lab');
    const job = await w.getAttribute('data-job');
    const slider = w.getByRole('slider');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(w).not.toHaveAttribute('data-job', job!);
    await expect(w).toHaveAttribute('data-status', 'done');
    await expect(w.locator('output').first()).toHaveText('51 %');
    // The URL now carries the reader's setting, so a link reproduces it.
    expect(new URL(page.url()).searchParams.get('sparsity-lab.sparsity')).toBe('0.51');
  });

  test('at n = 2048 the sparse time at 99 % is well under that at 50 % in the same run', async ({
    page,
  }) => {
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 2048, sparsity: 0.5 }));
    const w = await measured(page, 'sparsity-lab');
    const at50 = await metric(w, 'sparse-ms');
    const job = (await w.getAttribute('data-job'))!;
    await w.getByRole('slider').fill(String(SPARSITY_STOPS.indexOf(0.99)));
    await expect(w.locator('output').first()).toHaveText('99 %');
    await expect(w).not.toHaveAttribute('data-job', job);
    await expect(w).toHaveAttribute('data-status', 'done');
    const at99 = await metric(w, 'sparse-ms');
    expect(at99).toBeLessThan(at50 / 5);
  });

  test('the fault hook corrupts one element: the widget shows a failed, unverified result and no speedup', async ({
    page,
  }) => {
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 256 }, '&fault=corrupt'));
    const w = await measured(page, 'sparsity-lab');
    await expect(w.locator('[data-metric="sparse-ms"]')).toHaveAttribute('data-verified', 'false');
    await expect(w.locator('[data-metric="verified"]')).toHaveAttribute('data-verified', 'false');
    await expect(w.locator('[data-metric="speedup"]')).toHaveCount(0);
    await expect(w).toContainText('failed its check');
  });

  test('a crashed worker is restarted, reported, and the widget measures again', async ({
    page,
  }) => {
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 256 }, '&fault=crash'));
    const w = await measured(page, 'sparsity-lab');
    await expect(w).toContainText('crashed; a fresh one was started');
    await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  });

  test('the simd tier runs WebAssembly SIMD in the worker, and SpMM (k > 1) verifies', async ({
    page,
  }) => {
    await page.goto(
      chapterUrl('sparsity', 'sparsity-lab', { n: 256, tier: 'simd', batch: 8, sparsity: 0.95 }),
    );
    const w = await measured(page, 'sparsity-lab');
    await expect(w.getByText('Dense, gemmSimd')).toBeVisible();
    await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  });

  test('every structure and format verifies', async ({ page }) => {
    for (const [structure, format] of [
      ['block', 'bsr'],
      ['nm', 'nm'],
      ['power-law', 'coo'],
      ['banded', 'csr'],
    ]) {
      await page.goto(
        chapterUrl('sparsity', 'sparsity-lab', { n: 128, structure, format, sparsity: 0.9 }),
      );
      const w = await measured(page, 'sparsity-lab');
      await expect(w.locator('[data-metric="verified"]'), `${structure}/${format}`).toHaveAttribute(
        'data-verified',
        'true',
      );
    }
  });

  test('the sweep measures the whole curve with progress, and the H200 curves overlay on request', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 128 }));
    const w = await measured(page, 'sparsity-lab');
    await w.getByRole('button', { name: 'Sweep the whole curve' }).click();
    await expect(w.getByText(/Sweeping the curve/)).toBeVisible();
    await expect(w.getByRole('button', { name: 'Sweep the whole curve' })).toBeVisible({
      timeout: 60_000,
    });
    await w.locator('summary', { hasText: 'table' }).click();
    await expect(w.locator('td', { hasText: 'sweep' })).toHaveCount(12);
    await w.getByLabel(/Compare with an NVIDIA H200/).check();
    await expect(w.getByText('H200 GPU, fp32 vs CSR, 8192 × 8192, one vector')).toBeVisible();
    await expect(w.getByText(/measured on one NVIDIA H200/)).toBeVisible();
    expect(seen.external).toEqual([]);
  });

  test('the prose states the reader’s own crossover once it is measured', async ({ page }) => {
    await page.goto(chapterUrl('sparsity', 'sparsity-lab', { n: 256 }));
    const w = await measured(page, 'sparsity-lab');
    const crossover = w.locator('[data-metric="crossover"]');
    await expect(crossover).toBeVisible({ timeout: 60_000 });
    const sentence = page
      .locator('[data-measured-widget="sparsity-lab"][data-measured-metric="crossover"]')
      .first();
    await expect(sentence.locator('.measured-value')).toBeVisible();
    const shown = (await sentence.locator('.measured-value').textContent())!;
    expect(await crossover.textContent()).toContain(shown.replace(/^above |or less$/g, '').trim());
  });

  test('out-of-range URL params are clamped with a visible note', async ({ page }) => {
    await page.goto('/sparsity/?sparsity-lab.sparsity=5&sparsity-lab.n=100000');
    const w = await measured(page, 'sparsity-lab');
    const notes = w.getByRole('status').first();
    await expect(notes).toContainText(/Sparsity: “\u2068?5\u2069?” is above the maximum/);
    await expect(notes).toContainText(/100000\u2069?” is above the maximum/);
    await expect(notes).toContainText('memory budget');
    await expect(w.locator('output').first()).toHaveText('99.99 %');
  });
});

test.describe('crossover-atlas', () => {
  test('finds a crossover for every tier, beside labelled H200 rows, and exports CSV', async ({
    page,
  }) => {
    await page.goto(chapterUrl('sparsity', 'crossover-atlas', { n: 128 }));
    const w = await measured(page, 'crossover-atlas');
    for (const tier of ['naive', 'tuned', 'simd']) {
      const m = w.locator(`[data-metric="crossover-${tier}"]`);
      await expect(m).toHaveAttribute('data-verified', 'true');
      const v = Number(await m.getAttribute('data-value'));
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(0.9999);
    }
    await expect(w.getByText('H200 / Xeon, 2026-11-28').first()).toBeVisible();
    const download = page.waitForEvent('download');
    await w.getByRole('button', { name: 'CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('crossover-atlas.csv');
    const text = await (await file.createReadStream()).toArray();
    expect(Buffer.concat(text).toString()).toMatch(/^measured_on,dense,case,crossover_sparsity/);
  });
});
