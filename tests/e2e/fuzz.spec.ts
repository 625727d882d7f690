/**
 * Hostile input on the built pages (issue 15): seeded cases from
 * tests/hostile.ts (the unit fuzz checks every widget's parser with 300 each)
 * as a reader's link and as a host page's attributes would carry them, on a
 * sample of widgets, one or more per chapter. Never an uncaught exception,
 * never script execution, never a frozen tab. And controls changed dozens of
 * times a second settle on a measurement of the final settings.
 * A failure names its seed: replay with PD_FUZZ_SEED=<seed>.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widgetById, widgetRoute } from '../../components/widgets/registry';
import { FUZZ_SEED, hostile, hostileSheet, pairsFor, SCRIPT_PAYLOADS } from '../hostile';
import { watch, withTestPresets } from './site';

/** One widget or more from each chapter; energy-ledger also has rules between settings. */
const SAMPLE = ['lottery', 'memory-mountain', 'vectorize-it', 'energy-ledger', 'sparsity-lab'];
const CASES = 3;

/**
 * Values cut to 500 characters for an address: servers refuse longer request lines (HTTP 431,
 * as `astro preview` does past 16 KB) before the page exists. Attributes keep their full length.
 */
const inAddress = (pairs: [string, string][]): [string, string][] =>
  pairs.map(([k, v]) => [k.slice(0, 500), v.slice(0, 500)]);

/** Uncaught exceptions, console errors and dialogs (alert(1) payloads) on the page. */
function trap(page: Page): { errors: string[] } {
  const seen = watch(page);
  page.on('dialog', (d) => {
    seen.errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/** The page's main thread answers a frame within 10 s: a liveness bound, not a speed figure. */
async function expectAlive(page: Page, where: string): Promise<void> {
  const frame = page.evaluate(
    () => new Promise<string>((r) => requestAnimationFrame(() => r('alive'))),
  );
  const frozen = new Promise<string>((r) => setTimeout(() => r('frozen'), 10_000));
  expect(await Promise.race([frame, frozen]), where).toBe('alive');
}

/** No payload ran: no canary, no element a payload would make (light DOM or `within`'s shadow root), no prototype changed. */
async function expectNothingRan(page: Page, within: Locator, where: string): Promise<void> {
  await expectAlive(page, where);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), where).toBe(
    undefined,
  );
  const made = await within.evaluate((root) => {
    const scope = root.getRootNode() as Document | ShadowRoot;
    const bad = 'img[src="x"], iframe[srcdoc], svg[onload], [onfocus], [onerror]';
    return scope.querySelectorAll(bad).length + document.querySelectorAll(bad).length;
  });
  expect(made, where).toBe(0);
  // Nothing was written onto the page's Object.prototype (`__proto__` keys).
  expect(await page.evaluate(() => Object.keys(Object.prototype)), where).toEqual([]);
}

/** The widget settles (done or error), the tab stays alive meanwhile, and nothing ran. */
async function expectSettledSafely(page: Page, w: Locator, where: string): Promise<void> {
  await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
  await expectAlive(page, where);
  await expect(w, where).toHaveAttribute('data-status', /done|error/, { timeout: 90_000 });
  await expect(w, where).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  await expectNothingRan(page, w, where);
}

for (const [i, id] of SAMPLE.entries()) {
  const entry = widgetById(id)!;
  const seed = (FUZZ_SEED + 104_729 * (i + 1)) >>> 0;

  test(`${id}: hostile settings in its embed page's address are shown as text, never run (seed ${seed})`, async ({
    page,
  }) => {
    test.setTimeout(CASES * 120_000);
    const seen = trap(page);
    const h = hostile(seed);
    for (let c = 0; c < CASES; c++) {
      const pairs = inAddress(pairsFor(entry.params, h));
      const where = `seed ${seed}, case ${c}: ${JSON.stringify(pairs).slice(0, 300)}`;
      await page.goto(`/embed/${id}/?${new URLSearchParams(pairs)}`);
      await expectSettledSafely(page, page.locator('[data-widget]'), where);
      expect(seen.errors, where).toEqual([]);
    }
  });

  test(`${id}: hostile attributes on its custom element are shown as text, never run (seed ${seed ^ 1})`, async ({
    page,
  }) => {
    test.setTimeout(CASES * 120_000);
    const seen = trap(page);
    const h = hostile(seed ^ 1);
    await page.goto(`/test/hosts/?${new URLSearchParams({ mode: 'attributes', widget: id })}`);
    const host = page.locator('[data-host="element"]');
    const w = host.locator('[data-widget]');
    for (let c = 0; c < CASES; c++) {
      const pairs = pairsFor(entry.params, h);
      const where = `seed ${seed ^ 1}, case ${c}: ${JSON.stringify(pairs).slice(0, 300)}`;
      // The browser itself refuses some names (InvalidCharacterError): those never reach the widget.
      await host.evaluate((el, ps) => {
        for (const [k, v] of ps) {
          try {
            el.setAttribute(k, v);
          } catch {
            /* not an attribute name */
          }
        }
      }, pairs);
      await expectSettledSafely(page, w, where);
      expect(seen.errors, where).toEqual([]);
    }
  });
}

test('every sample widget asked for its largest sizes keeps the tab answering while it measures', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const seen = trap(page);
  for (const id of SAMPLE) {
    const q = new URLSearchParams();
    for (const [name, spec] of Object.entries(widgetById(id)!.params)) {
      if (spec.kind === 'number' && name !== 'seed') q.set(name, '1e12');
    }
    if (q.size === 0) continue; // nothing to make big
    await page.goto(`/embed/${id}/?${q}`);
    const w = page.locator('[data-widget]');
    await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
    // Capped by the memory budget and run in the worker: the page answers throughout.
    for (let k = 0; k < 3; k++) {
      await expectAlive(page, `${id}?${q}`);
      await page.waitForTimeout(1_000);
    }
    await expect(w.getByRole('status').first()).toContainText('above the maximum');
    await expectNothingRan(page, w, id);
  }
  expect(seen.errors).toEqual([]);
});

test('a chapter address with hostile settings for each of its widgets loads, and every widget settles', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = trap(page);
  const h = hostile(FUZZ_SEED ^ 0xc4a9);
  const route = widgetRoute(widgetById('lottery')!);
  const q = new URLSearchParams();
  for (const id of ['lottery', 'compute-timeline', 'scale-of-cats', 'iteration-budget']) {
    for (const [k, v] of inAddress(pairsFor(widgetById(id)!.params, h))) {
      q.append(`${id}.${k}`, v);
    }
  }
  // And names no widget owns.
  q.append('__proto__', h.value());
  q.append('<script>', h.value());
  const where = q.toString().slice(0, 400);
  await page.goto(`${route}?${q}`);
  for (const w of await page.locator('[data-widget]').all()) {
    await expectSettledSafely(page, w, where);
  }
  expect(seen.errors, where).toEqual([]);
});

test('hostile answer sheets in the class view and beside a student’s own are refused or shown as text, never run', async ({
  page,
}) => {
  const seen = trap(page);
  const seed = (FUZZ_SEED ^ 0x5eed) >>> 0;
  const h = hostile(seed);
  const fixture = readFileSync('tests/fixtures/sparsity-sheet.json', 'utf8');
  const files = Array.from({ length: 12 }, (_, i) => ({
    name: `sheet-${i}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(hostileSheet(h, fixture)),
  }));
  // And one a teacher's page would otherwise load whole: a valid sheet from a student named in markup.
  files.push({
    name: 'named.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      fixture.replace(/"student": "[^"]*"/, `"student": ${JSON.stringify(SCRIPT_PAYLOADS[0])}`),
    ),
  });
  const where = `seed ${seed}`;

  await page.goto('/assignments/sparsity/class/');
  await page.getByRole('button', { name: /Add students’ sheets/ }).setInputFiles(files);
  await expect(page.getByRole('status').filter({ hasText: 'loaded' })).toContainText(
    /\d+ sheets? loaded\./,
  );
  await expect(page.locator('.class-view table')).toContainText('onerror');
  await expectNothingRan(page, page.locator('main'), where);

  await page.goto('/assignments/sparsity/');
  const bar = page.getByRole('region', { name: 'Your answer sheet' });
  await expect(bar.getByRole('status').first()).toContainText(
    /Saved in this browser|Only in this tab/,
  );
  await bar.getByLabel('Your name (for the exports)').fill('Mine');
  await page.getByRole('button', { name: 'Compare with classmates’ sheets' }).setInputFiles(files);
  await expectNothingRan(page, page.locator('main'), where);
  await expect(bar.getByLabel('Your name (for the exports)')).toHaveValue('Mine');
  expect(seen.errors, where).toEqual([]);
});

test.describe('rapid changes settle on the final settings', () => {
  test('the sparsity slider pressed 40 times, as fast as keys repeat, measures the value it stops on', async ({
    page,
  }) => {
    const seen = trap(page);
    await page.goto(withTestPresets(widgetRoute(widgetById('sparsity-lab')!)));
    const w = page.locator('[data-widget="sparsity-lab"]');
    await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const slider = w.getByRole('slider');
    await slider.focus();
    for (let k = 0; k < 40; k++)
      await page.keyboard.press(k % 3 === 2 ? 'ArrowLeft' : 'ArrowRight');
    const final = (await w.locator('output').first().textContent())!.trim();
    await expectAlive(page, 'after 40 key presses');
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
    await expect(w.locator('[data-metric="built-sparsity"]')).toHaveText(final);
    await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
    await expect(w.locator('output').first()).toHaveText(final);
    expect(seen.errors).toEqual([]);
  });

  test('a custom element’s sparsity attribute set 50 times at 50 a second measures the last one', async ({
    page,
  }) => {
    const seen = trap(page);
    await page.goto(
      `/test/hosts/?${new URLSearchParams({ mode: 'attributes', widget: 'sparsity-lab' })}`,
    );
    const host = page.locator('[data-host="element"]');
    const w = host.locator('[data-widget]');
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await host.evaluate(async (el) => {
      const stops = ['0.5', '0.7', '0.8', '0.95', '0.99', '0.6'];
      for (let k = 0; k < 50; k++) {
        el.setAttribute('sparsity', stops[k % stops.length]!);
        await new Promise((r) => setTimeout(r, 20));
      }
      el.setAttribute('sparsity', '0.8');
    });
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
    await expect(w.locator('[data-metric="built-sparsity"]')).toHaveText('80 %');
    await expect(w.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
    expect(seen.errors).toEqual([]);
  });
});
