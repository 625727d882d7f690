/**
 * What is particular to the hardware-lottery chapter's widgets, the front
 * page's readout, and site search. The registry-driven specs (widgets.spec.ts,
 * runtime.spec.ts) already check that each widget settles from every host.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watch } from './site';

async function settled(page: Page, id: string): Promise<Locator> {
  const w = page.locator(`[data-widget="${id}"]`);
  // A widget already on screen may swap its placeholder for itself mid-scroll: try again.
  await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  return w;
}

test.describe('lottery', () => {
  test('measures the four ideas, each verified, ranked with a winner, margin and spread', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto('/hardware-lottery/?lottery.size=small');
    const w = await settled(page, 'lottery');
    for (const idea of ['dense', 'sparse', 'graph', 'search']) {
      await expect(w.locator(`[data-metric="${idea}-score"]`)).toHaveAttribute(
        'data-verified',
        'true',
      );
    }
    const winner = Number(await w.locator('[data-metric="winner"]').getAttribute('data-value'));
    expect([1, 2, 3, 4]).toContain(winner);
    const spread = Number(await w.locator('[data-metric="spread"]').getAttribute('data-value'));
    expect(spread).toBeGreaterThanOrEqual(1);
    // The prose answers which idea won here.
    await expect(
      page.locator('[data-respond-widget="lottery"]').first().locator('.when:not([hidden])'),
    ).not.toContainText('Until the widget reports');
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  test('the H200 view is labelled reference data, kept apart, and says which ideas it never measured', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto('/hardware-lottery/?lottery.size=small');
    const w = await settled(page, 'lottery');
    await w.getByRole('radio', { name: 'CPU → H200 GPU, fp32' }).check();
    const ref = w.locator('[data-reference]');
    await expect(ref).toContainText('reference data');
    await expect(ref).toContainText('not measured on this device');
    await expect(ref).toContainText('measured on one NVIDIA H200');
    await expect(ref.locator('[data-reference-idea="dense"]')).toHaveAttribute(
      'data-measured',
      'true',
    );
    for (const idea of ['graph', 'search']) {
      const row = ref.locator(`[data-reference-idea="${idea}"]`);
      await expect(row).toHaveAttribute('data-measured', 'false');
      await expect(row).toContainText('No measurement');
    }
    // The reader's own ranking stays on screen beside it, with its own metrics.
    await expect(w.getByRole('heading', { name: 'Measured on this device' })).toBeVisible();
    expect(await ref.locator('[data-metric]').count()).toBe(0);
    // The switch is a setting like any other: it goes into the address.
    expect(new URL(page.url()).searchParams.get('lottery.hardware')).toBe('h200');
    expect(seen.external).toEqual([]);
  });

  test('the corrupt fault fails the dense check: no dense score, the failure shown', async ({
    page,
  }) => {
    await page.goto('/hardware-lottery/?lottery.size=small&fault=corrupt');
    const w = await settled(page, 'lottery');
    await expect(w.locator('[data-metric="dense-gflops"]')).toHaveAttribute(
      'data-verified',
      'false',
    );
    await expect(w.locator('[data-metric="dense-score"]')).toHaveCount(0);
    await expect(w).toContainText('failed its check');
  });
});

test.describe('compute-timeline', () => {
  test('moves through the events by keyboard, showing each one’s sources', async ({ page }) => {
    await page.goto('/hardware-lottery/');
    const w = await settled(page, 'compute-timeline');
    const options = w.getByRole('option');
    const detail = w.locator('[data-selected]');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await options.first().focus();
    await expect(detail).toHaveAttribute('data-selected', 'analytical-engine');
    await expect(detail).toContainText('Caveat');
    await expect(detail).toContainText('secondary sources only');
    await expect(detail.locator('.sources li').first()).toContainText('Hooker');

    await page.keyboard.press('ArrowDown');
    await expect(detail).toHaveAttribute('data-selected', 'lisp');
    await expect(w.locator('[data-event="lisp"]')).toBeFocused();
    await page.keyboard.press('End');
    await expect(detail).toHaveAttribute('data-selected', 'h200');
    await page.keyboard.press('Home');
    await expect(detail).toHaveAttribute('data-selected', 'analytical-engine');
    // Page Down jumps a decade: from the 1830s to the 1950s.
    await page.keyboard.press('PageDown');
    await expect(detail).toHaveAttribute('data-selected', 'lisp');
    await page.keyboard.press('PageDown');
    await expect(detail).toHaveAttribute('data-selected', 'backprop-hooker');
    // One Tab stop: Tab leaves the list.
    await page.keyboard.press('Tab');
    await expect(options.filter({ has: page.locator(':focus') })).toHaveCount(0);
  });

  test('the filter narrows the events and the count follows', async ({ page }) => {
    await page.goto('/hardware-lottery/?compute-timeline.kind=software');
    const w = await settled(page, 'compute-timeline');
    const count = Number(await w.locator('[data-metric="items"]').getAttribute('data-value'));
    await expect(w.getByRole('option')).toHaveCount(count);
    expect(count).toBeGreaterThan(2);
    expect(count).toBeLessThan(30);
  });
});

test('scale-of-cats writes Google’s zero GPUs as “none” and marks derived values', async ({
  page,
}) => {
  await page.goto('/hardware-lottery/?scale-of-cats.metric=gpus');
  const w = await settled(page, 'scale-of-cats');
  await expect(w.locator('[role="img"]')).toHaveAttribute('aria-label', /Google, 2012: none/);
  await expect(w.locator('[role="img"]')).toHaveAttribute('aria-label', /12 \(derived\)/);
  await expect(w.locator('[data-metric="core-ratio"]')).toHaveAttribute('data-value', /^666\.6/);
  await expect(w).toContainText('74.8 %');
});

test('iteration-budget reads the lottery’s spread once the lottery has measured it', async ({
  page,
}) => {
  await page.goto('/hardware-lottery/?lottery.size=small&iteration-budget.source=lottery');
  const budget = page.locator('[data-widget="iteration-budget"]');
  await budget.scrollIntoViewIfNeeded();
  await expect(budget.locator('[data-speedup-origin]')).toHaveAttribute(
    'data-speedup-origin',
    'default',
  );
  await expect(budget).toContainText('Default, not measured');
  const lottery = await settled(page, 'lottery');
  const spread = await lottery.locator('[data-metric="spread"]').getAttribute('data-value');
  await budget.scrollIntoViewIfNeeded();
  await expect(budget.locator('[data-speedup-origin]')).toHaveAttribute(
    'data-speedup-origin',
    'measured',
  );
  await expect(budget.locator('[data-metric="speedup"]')).toHaveAttribute('data-value', spread!);
});

test('the front page measures a crossover within its first screen', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/?crossover-readout.n=256');
  const w = page.locator('[data-widget="crossover-readout"]');
  // The placeholder is swapped for the loaded widget once its code arrives; a one-shot
  // boundingBox() can land between the two and read null, so use the retrying assertion.
  await expect(w).toBeInViewport();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await expect(w.locator('[data-metric="crossover"]')).toHaveAttribute('data-verified', 'true');
  await expect(
    page.getByRole('link', { name: /What would a sparse-friendly computer/ }),
  ).toHaveAttribute('href', '/close/');
  expect(seen.errors).toEqual([]);
});

test('the last chapter leads to the close, which has further reading', async ({ page }) => {
  await page.goto('/sparsity/');
  await page.locator('.pager a[rel="next"]').click();
  await expect(page).toHaveURL(/\/close\/$/);
  await expect(page.getByRole('heading', { name: 'Further reading' })).toBeVisible();
});

test.describe('search', () => {
  test('search finds the tensor-core sections, by keyboard, with no request leaving the site', async ({
    page,
  }) => {
    const seen = watch(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('/');
    await expect(page.locator('[data-search-open]')).toBeVisible();
    await page.locator('body').press('/');
    const field = page.getByRole('searchbox', { name: 'Search the essay' });
    await expect(field).toBeFocused();
    await field.fill('tensor cores');
    const sections = page.locator('[data-search-results] a[data-search-section]');
    await expect(sections.first()).toBeVisible();
    const hrefs = await sections.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // The chapter's sections that are about tensor cores, not merely about cores.
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/hardware-lottery/#do-gpus-bias-research-toward-dense-networks',
        '/hardware-lottery/#now-change-the-hardware',
      ]),
    );
    expect(hrefs.some((h) => /^\/sparsity\/#/.test(h!))).toBe(true);
    // Down from the field walks into the results; Enter follows one.
    await field.press('ArrowDown');
    await expect(page.locator('[data-search-results] a').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-search-dialog]')).not.toBeVisible();
    // Widgets stay out of the index: their placeholder text is never an excerpt.
    await page.locator('body').press('/');
    await field.fill('Loading the widget');
    await expect(page.locator('[data-search-status]')).toHaveAttribute(
      'data-search-status',
      'done',
    );
    await expect(page.locator('[data-search-dialog]')).not.toContainText('Loading the widget…');
    expect(requests.every((u) => new URL(u).hostname === 'localhost')).toBe(true);
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
