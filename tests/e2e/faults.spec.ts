/**
 * Faults a reader's browser can throw at the site (issue 15) that no other
 * spec covers: a worker hung past its deadline, a sweep cancelled midway,
 * storage that fills up, a worker crash inside an assignment, and no Worker on
 * an embed page (with axe on the messages). Each leaves
 * the page working, says what happened, and loses no saved answer.
 * Covered elsewhere: a worker that throws (widgets.spec.ts, "a crashed worker
 * is restarted"), SIMD unavailable, crossOriginIsolated false, no Worker, a
 * worker script that will not load (hardening.spec.ts), storage denied
 * (classroom.spec.ts).
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watch } from './site';

const lab = (params: Record<string, string | number>, extra = ''): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(`sparsity-lab.${k}`, String(v));
  return `/sparsity/?${q}${extra}`;
};

async function done(page: Page): Promise<Locator> {
  const w = page.locator('[data-widget="sparsity-lab"]');
  await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  return w;
}

test('a worker hung past its deadline is stopped, the widget says so and measures again, verified', async ({
  page,
}) => {
  // The lab's point deadline is 30 s: the hang is waited out, then the retry measures.
  test.setTimeout(180_000);
  const seen = watch(page);
  // The embed page: the lab alone, so no other widget's pausing resets the shared worker meanwhile.
  await page.goto('/embed/sparsity-lab/?n=256&fault=hang');
  const w = await done(page);
  await expect(w).toContainText(
    'The measurement took too long; the worker was stopped and a fresh one started.',
  );
  await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  // And the page still answers the reader: a new setting measures.
  const job = (await w.getAttribute('data-job'))!;
  await w.getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(w).not.toHaveAttribute('data-job', job, { timeout: 60_000 });
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  expect(seen.errors).toEqual([]);
});

test('a sweep cancelled midway keeps its points, says how far it got, and the lab measures on', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  await page.goto(lab({ n: 512 }));
  const w = await done(page);
  await w.getByRole('button', { name: 'Sweep the whole curve' }).click();
  await expect(w.getByText(/Sweeping the curve: [1-9]\d* of 12 sparsities/)).toBeVisible({
    timeout: 60_000,
  });
  await w.getByRole('button', { name: 'Cancel sweep' }).click();
  const note = w.getByRole('status').filter({ hasText: 'Sweep cancelled after' });
  await expect(note).toHaveText(
    /Sweep cancelled after \d+ of 12\s+sparsities; the points measured so far stay on the chart\./,
  );
  const kept = Number(/after (\d+) of/.exec((await note.textContent())!)![1]);
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(12);
  await expect(w.getByText(/Sweeping the curve/)).toHaveCount(0);
  // The points measured stay in the chart's table.
  await w.locator('summary', { hasText: 'table' }).click();
  await expect(w.locator('td', { hasText: 'sweep' })).toHaveCount(kept);
  // The lab still measures: a new point by the slider, verified.
  const job = (await w.getAttribute('data-job'))!;
  await w.getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(w).not.toHaveAttribute('data-job', job, { timeout: 60_000 });
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  expect(seen.errors).toEqual([]);
});

test.describe('an assignment', () => {
  const ASSIGNMENT = '/assignments/sparsity/';
  const sheetBar = (page: Page): Locator => page.getByRole('region', { name: 'Your answer sheet' });
  const status = (page: Page): Locator => sheetBar(page).getByRole('status').first();
  const nameBox = (page: Page): Locator => sheetBar(page).getByLabel('Your name (for the exports)');
  const exercise = (page: Page, id: string): Locator => page.locator(`[data-exercise="${id}"]`);

  async function exportJson(page: Page): Promise<{ student: string }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      sheetBar(page).getByRole('button', { name: 'JSON', exact: true }).click(),
    ]);
    return JSON.parse(readFileSync((await download.path())!, 'utf8')) as { student: string };
  }

  test('storage full: the page says so, keeps the new answer in the tab and its export, and the saved answers survive', async ({
    page,
  }) => {
    // A test switch: while window.__storageFull is set, every IndexedDB write fails as a full disk does.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
        if ((window as { __storageFull?: boolean }).__storageFull) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
    const seen = watch(page);
    await page.goto(ASSIGNMENT);
    await expect(status(page)).toContainText(/Saved in this browser|Only in this tab/);
    await nameBox(page).fill('Ada');
    const ex = exercise(page, 'break-even');
    await ex.getByRole('textbox').first().fill('50');
    await ex.getByRole('button', { name: 'Lock in my prediction' }).click();
    await expect(ex.getByText('50 (locked in)')).toBeVisible();
    await expect(status(page)).toHaveText(/Saved in this browser/);

    await page.evaluate(() => ((window as { __storageFull?: boolean }).__storageFull = true));
    await nameBox(page).fill('Ada Lovelace');
    await expect(status(page)).toContainText(
      'Only in this tab. This browser’s storage for the site is full',
    );
    await expect(status(page)).toContainText('Export them (JSON) before you leave.');
    // The page keeps working, and the export carries what could not be saved.
    await expect(nameBox(page)).toHaveValue('Ada Lovelace');
    await expect(ex.getByText('50 (locked in)')).toBeVisible();
    expect((await exportJson(page)).student).toBe('Ada Lovelace');

    // Nothing saved before was lost: a reload (space again) brings back the saved sheet.
    await page.reload();
    await expect(nameBox(page)).toHaveValue('Ada');
    await expect(exercise(page, 'break-even').getByText('50 (locked in)')).toBeVisible();
    expect(seen.errors).toEqual([]);
  });

  test('a worker crash in an exercise is reported and measured again, and the saved answers survive', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const seen = watch(page);
    await page.goto(`${ASSIGNMENT}?fault=crash`);
    await expect(status(page)).toContainText(/Saved in this browser|Only in this tab/);
    await nameBox(page).fill('Grace');
    const ex = exercise(page, 'crossover');
    await ex.scrollIntoViewIfNeeded();
    await ex.getByRole('textbox').first().fill('95');
    await ex.getByRole('button', { name: 'Lock in my prediction' }).click();
    const w = ex.locator('[data-widget]');
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(w).toContainText('The measuring worker crashed; a fresh one was started.');
    await expect(w.locator('[data-metric="speedup"]').first()).toHaveAttribute(
      'data-verified',
      'true',
    );
    await expect(ex.getByText('95 (locked in)')).toBeVisible();
    await expect(status(page)).toHaveText(/Saved in this browser/);
    await page.goto(ASSIGNMENT);
    await expect(nameBox(page)).toHaveValue('Grace');
    await expect(exercise(page, 'crossover').getByText('95 (locked in)')).toBeVisible();
    expect(seen.errors).toEqual([]);
  });
});

test('the messages a fault leaves pass axe in both themes: no Worker, storage refused', async ({
  browser,
}) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.addInitScript(() => {
      // @ts-expect-error: simulating a browser without Web Workers
      delete window.Worker;
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('Denied.', 'SecurityError');
        },
      });
    });
    await page.goto('/embed/sparsity-lab/?n=128');
    await expect(page.locator('[data-widget]')).toHaveAttribute('data-status', 'error', {
      timeout: 20_000,
    });
    // The embed bundle's own worker factory says so too (it used to wait, measuring, for ever).
    await expect(page.getByText(/would not start a background worker/)).toHaveCount(1);
    const found: string[] = [];
    const scan = async (where: string) => {
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      for (const v of violations) {
        found.push(
          `${where}, ${colorScheme}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      }
    };
    await scan('embed without a Worker');
    await page.goto('/assignments/sparsity/');
    await expect(
      page.getByRole('region', { name: 'Your answer sheet' }).getByRole('status').first(),
    ).toContainText('Only in this tab.');
    await scan('assignment with storage refused');
    expect(found).toEqual([]);
    await context.close();
  }
});

test('storage denied or full on a chapter: it loads and measures, and the theme button still switches', async ({
  page,
}) => {
  await page.addInitScript(() => {
    // Reading throws as a denied store does; writing throws as a full one does.
    Storage.prototype.getItem = () => {
      throw new DOMException('Denied.', 'SecurityError');
    };
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const seen = watch(page);
  await page.goto(lab({ n: 128 }));
  const w = await done(page);
  await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
  const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
  const before = await theme();
  await page.locator('[data-theme-toggle]').first().click();
  expect(await theme()).not.toBe(before);
  expect(seen.errors).toEqual([]);
});
