/**
 * What a careful, a keyboard and a hostile reader found (issue 16), each
 * checked where a reader would notice it: on the built chapter page.
 */
import { expect, test, type Page } from '@playwright/test';
import { widgetRoute, widgets } from '../../components/widgets/registry';
import { routes, widgetsSettled, withTestPresets } from './site';

const lab = (params: Record<string, string | number>, extra = ''): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(`sparsity-lab.${k}`, String(v));
  return `/sparsity/?${q}${extra}`;
};

async function done(page: Page, id: string) {
  const w = page.locator(`[data-widget="${id}"]`);
  // A widget already on screen may swap its placeholder for itself mid-scroll: try again.
  await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  return w;
}

test.describe('labels name what actually ran', () => {
  test('without the SIMD module (HTTP 404) the lab says it measured the tuned kernel, and labels it so', async ({
    page,
  }) => {
    await page.route('**/_astro/kernels-*.wasm', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto(lab({ n: 256, tier: 'simd' }));
    const w = await done(page, 'sparsity-lab');
    await expect(w.getByText('Dense, gemvTuned')).toBeVisible();
    await expect(w.getByRole('status').first()).toContainText(
      /could not load \(.*404.*\)\. Measured the tuned TypeScript kernel instead\./,
    );
    const sentence = w.locator('[data-metric="crossover"]');
    await expect(sentence).toBeVisible({ timeout: 60_000 });
    await expect(sentence).toContainText('the tuned dense kernel');
    await expect(sentence).not.toContainText('SIMD');
  });

  test('without the SIMD module the atlas labels its rows "tuned (SIMD unavailable)" and reports no SIMD crossover', async ({
    page,
  }) => {
    await page.route('**/_astro/kernels-*.wasm', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto('/sparsity/?crossover-atlas.n=64');
    const w = await done(page, 'crossover-atlas');
    await expect(w.getByRole('cell', { name: 'tuned (SIMD unavailable)' }).first()).toBeVisible();
    await expect(w.locator('[data-metric="crossover-simd"]')).toHaveCount(0);
    await expect(w.locator('[data-metric="crossover-tuned"]')).toHaveCount(1);
  });
});

test.describe('keyboard', () => {
  test('Space on "Sweep the whole curve" and Enter on its "Cancel sweep" keep focus on the button', async ({
    page,
  }) => {
    await page.goto(lab({ n: 1024 }));
    const w = await done(page, 'sparsity-lab');
    const sweep = w.getByRole('button', { name: 'Sweep the whole curve' });
    await sweep.focus();
    await page.keyboard.press('Space');
    const cancel = w.getByRole('button', { name: 'Cancel sweep' });
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(w.getByRole('button', { name: 'Sweep the whole curve' })).toBeFocused();
  });

  test('a radio group is one Tab stop, and arrow keys choose inside it', async ({ page }) => {
    await page.goto(lab({ n: 256 }));
    const w = await done(page, 'sparsity-lab');
    const tuned = w.getByRole('radio', { name: 'tuned' });
    await tuned.focus();
    await page.keyboard.press('ArrowRight');
    await expect(w.getByRole('radio', { name: 'SIMD' })).toBeChecked();
    await expect(w.getByRole('radio', { name: 'SIMD' })).toBeFocused();
    await page.keyboard.press('Tab');
    // The next stop is the precision group, not the naive/tuned radios.
    await expect(w.getByRole('radio', { name: 'f64 (double)' })).toBeFocused();
    expect(new URL(page.url()).searchParams.get('sparsity-lab.tier')).toBe('simd');
  });
});

test('a link to a widget lands on it and it measures without scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${withTestPresets('/sparsity/')}#widget-dynamic-sparsity`);
  const w = page.locator('[data-widget="dynamic-sparsity"]');
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  // Everything above has mounted and measured meanwhile; the widget is still where the link put it.
  await page.waitForTimeout(1500);
  const box = (await w.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(-5);
  expect(box.y).toBeLessThan(720 / 2);
  await context.close();
});

test.describe('no silent changes', () => {
  test('2:4 storage with a block structure switches the structure, with a note', async ({
    page,
  }) => {
    await page.goto(lab({ n: 128, format: 'nm', structure: 'block' }));
    const w = await done(page, 'sparsity-lab');
    await expect(w.getByRole('status').first()).toContainText(
      '2:4 storage needs the 2:4 structure, so the structure was switched from block to 2:4.',
    );
    await expect(w.getByLabel('Structure')).toHaveValue('nm');
  });

  test('a misspelled param is noted and dropped from the address; a repeated one is noted', async ({
    page,
  }) => {
    await page.goto('/sparsity/?sparsity-lab.sed=5&sparsity-lab.n=128&sparsity-lab.n=256');
    const w = await done(page, 'sparsity-lab');
    const notes = w.getByRole('status').first();
    await expect(notes).toContainText(/Ignored “\u2068sed\u2069”: this widget has no such setting/);
    await expect(notes).toContainText('Matrix size n was given 2 times; using the first');
    await expect.poll(() => new URL(page.url()).searchParams.has('sparsity-lab.sed')).toBe(false);
    expect(new URL(page.url()).searchParams.getAll('sparsity-lab.n')).toEqual(['128']);
  });

  test('a typed seed of −5 or 3.7 is changed with a note, and the box shows what is used', async ({
    page,
  }) => {
    await page.goto(lab({ n: 128 }));
    const w = await done(page, 'sparsity-lab');
    const seed = w.getByLabel('Seed');
    await seed.fill('-5');
    await seed.press('Enter');
    await expect(w.getByRole('status').first()).toContainText(
      /Seed: “\u2068-5\u2069” is below the minimum/,
    );
    await expect(seed).toHaveValue('1');
    await seed.fill('3.7');
    await seed.press('Enter');
    await expect(w.getByRole('status').first()).toContainText('rounded to the whole number 4');
    await expect(seed).toHaveValue('4');
  });

  test('a 2:4 matrix asked for at 0 % shows the 50 % it really is', async ({ page }) => {
    await page.goto(lab({ n: 128, format: 'nm', structure: 'nm', sparsity: 0 }));
    const w = await done(page, 'sparsity-lab');
    await expect(w.locator('[data-metric="built-sparsity"]')).toHaveText('50 %');
    await expect(w.getByText('(you asked for 0 %)')).toBeVisible();
    await expect(w.getByRole('status').first()).toContainText('built at 50 % zeros');
  });
});

test.describe('hostile text in notes', () => {
  test('a 4,000-character value is cut to 40 characters and does not widen the page', async ({
    page,
  }) => {
    await page.goto(lab({ n: 128, structure: 'x'.repeat(4000) }));
    const w = await done(page, 'sparsity-lab');
    const note = w.getByRole('status').first();
    await expect(note).toContainText(`${'x'.repeat(40)}…`);
    await expect(note).not.toContainText('x'.repeat(41));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1280);
  });

  test('a right-to-left override inside a value cannot reverse the site’s own words', async ({
    page,
  }) => {
    await page.goto(lab({ n: 128, dtype: 'f32\u202Eevil' }));
    const w = await done(page, 'sparsity-lab');
    const text = await w.getByRole('status').first().textContent();
    expect(text).not.toMatch(/\u202E/);
    expect(text).toContain('Precision: “\u2068f32evil\u2069” is not one of f64, f32');
    await expect(w.locator('script, img')).toHaveCount(0);
  });
});

test.describe('degraded modes say what they mean', () => {
  test('without cross-origin isolation each widget names its coarse timer and what it means', async ({
    page,
  }) => {
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    await page.goto(withTestPresets('/sparsity/'));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const w = await done(page, 'sparsity-lab');
    await expect(w).toContainText(
      /Timer step in the worker: [\d.]+ (µs|ms), because this page is not\s+cross-origin isolated/,
    );
    await expect(w).toContainText('small sizes take longer to measure');
  });

  test('with no Worker at all, each widget says so once, in plain words', async ({ page }) => {
    await page.addInitScript(() => {
      // @ts-expect-error: simulating a browser without Web Workers
      delete window.Worker;
    });
    await page.goto(lab({ n: 128 }));
    const w = page.locator('[data-widget="sparsity-lab"]');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
    await expect(w.getByText(/would not start a background worker/)).toHaveCount(1);
    await expect(w).not.toContainText('not a constructor');
  });

  test('when the worker script fails to load, the widget says so and does not claim a fresh worker started', async ({
    page,
  }) => {
    await page.route('**/_astro/kernel.worker-*.js', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto(lab({ n: 128 }));
    const w = page.locator('[data-widget="sparsity-lab"]');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
    await expect(w.getByText(/could not be loaded/)).toHaveCount(1);
    await expect(w).not.toContainText('fresh one was started');
    await expect(w).not.toContainText('Measuring again');
    await expect(w.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

// Every page with widgets, each widget at its test preset: on a phone, and at 200 % zoom
// (a 1280 × 900 window zoomed to 200 % lays out as a 640 × 450 CSS viewport, at 2 device pixels per px).
for (const route of [...new Set(widgets.map(widgetRoute))].sort()) {
  test(`at 320 px wide and at 200 % zoom no widget makes ${route} scroll sideways`, async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext({
      viewport: { width: 320, height: 700 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.goto(withTestPresets(route));
    for (const id of widgets.filter((x) => widgetRoute(x) === route).map((x) => x.id)) {
      await done(page, id);
    }
    await page
      .locator('details summary')
      .evaluateAll((s) => s.forEach((x) => (x as HTMLElement).click()));
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(320);
    // The same page, the window widened to 200 % zoom: charts redraw at their new width.
    await page.setViewportSize({ width: 640, height: 450 });
    await expect.poll(width).toBeLessThanOrEqual(640);
    // Two frames: whatever redraws on resize has drawn.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    expect(await width()).toBeLessThanOrEqual(640);
    await context.close();
  });
}

// Every other page (home, methods, the classroom, the embed pages), the same two ways.
const widgetPages = new Set(widgets.map(widgetRoute));
for (const route of routes().filter((r) => !widgetPages.has(r))) {
  test(`at 320 px wide and at 200 % zoom ${route} does not scroll sideways`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 320, height: 700 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.goto(withTestPresets(route));
    await widgetsSettled(page);
    await page
      .locator('details:not([open])')
      .evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 640, height: 450 });
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    expect(await width()).toBeLessThanOrEqual(640);
    await context.close();
  });
}
