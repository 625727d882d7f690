/**
 * Accessibility a reader would notice (issue 15): one widget of each chapter
 * driven to a new verified measurement by keyboard alone, with a visible
 * focus ring on every control it lands on; every Tab stop of every page
 * showing a ring; and no motion when the reader asks for reduced motion.
 * (axe on every page: pages.spec.ts; charts' text alternatives: widgets.spec.ts;
 * 320 px and 200 % zoom: hardening.spec.ts; the palette's contrast and
 * colour-blind distances: tests/unit/charts.)
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widgetById, widgetRoute } from '../../components/widgets/registry';
import { declaredMotion, routes, watch, widgetsSettled, withTestPresets } from './site';

async function settled(page: Page, id: string): Promise<Locator> {
  const w = page.locator(`[data-widget="${id}"]`);
  await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  return w;
}

/** The focused element draws a ring a sighted keyboard user can see: an outline or a shadow, wider than 0. */
async function expectFocusRing(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'nothing focused', visible: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== 'none' && /\d*[1-9]\d*(\.\d+)?px/.test(s.boxShadow);
    const box = el.getBoundingClientRect();
    return {
      what: `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}” outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}, shadow ${s.boxShadow}`,
      visible: (outline || shadow) && box.width > 0 && box.height > 0,
    };
  });
  expect(ring.visible, ring.what).toBe(true);
}

/**
 * Puts focus on the widget's first focusable control (its "Copy link" button),
 * then presses Tab until `target` has focus, checking the ring at every stop.
 */
async function tabTo(page: Page, widget: Locator, target: Locator): Promise<void> {
  await widget.locator('button, input, select, a[href], [tabindex="0"]').first().focus();
  for (let i = 0; i < 12; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      await expectFocusRing(page);
      return;
    }
    await page.keyboard.press('Tab');
    await expectFocusRing(page);
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

/** A new measurement arrived after `job`, and everything it shows is verified. */
async function newVerifiedMeasurement(w: Locator, job: string): Promise<void> {
  await expect(w).not.toHaveAttribute('data-job', job, { timeout: 60_000 });
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  const verified = w.locator('[data-verified]');
  expect(await verified.count()).toBeGreaterThan(0);
  for (const v of await verified.all()) await expect(v).toHaveAttribute('data-verified', 'true');
}

const pageOf = (id: string): string => withTestPresets(widgetRoute(widgetById(id)!));

test.describe('by keyboard alone, with a visible focus ring', () => {
  test('sparsity: arrow keys on the sparsity slider measure a new point, verified', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(pageOf('sparsity-lab'));
    const w = await settled(page, 'sparsity-lab');
    const job = (await w.getAttribute('data-job'))!;
    const slider = w.getByRole('slider');
    await tabTo(page, w, slider);
    const before = await w.locator('output').first().textContent();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(w.locator('output').first()).not.toHaveText(before!);
    await expectFocusRing(page);
    await newVerifiedMeasurement(w, job);
    // The point measured is the one the slider shows.
    const shown = (await w.locator('output').first().textContent())!;
    await expect(w.locator('.readout .facts')).toContainText(shown);
    expect(seen.errors).toEqual([]);
  });

  test('von Neumann: a larger working set from the select, then Space on “Measure again”', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(pageOf('memory-mountain'));
    const w = await settled(page, 'memory-mountain');
    const select = w.getByRole('combobox', { name: 'Largest working set' });
    await tabTo(page, w, select);
    let job = (await w.getAttribute('data-job'))!;
    const before = await select.inputValue();
    await page.keyboard.press('ArrowDown');
    await expect(select).not.toHaveValue(before);
    await newVerifiedMeasurement(w, job);
    job = (await w.getAttribute('data-job'))!;
    const again = w.getByRole('button', { name: 'Measure again' });
    await tabTo(page, w, again);
    await page.keyboard.press('Space');
    await newVerifiedMeasurement(w, job);
    expect(seen.errors).toEqual([]);
  });

  test('NumPy: arrow keys in the operation group measure another operation, both sides verified', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(pageOf('vectorize-it'));
    const w = await settled(page, 'vectorize-it');
    const job = (await w.getAttribute('data-job'))!;
    const checked = w.getByRole('radio', { checked: true });
    await tabTo(page, w, checked);
    const from = await checked.getAttribute('value');
    await page.keyboard.press('ArrowRight');
    await expect(w.getByRole('radio', { checked: true })).not.toHaveAttribute('value', from!);
    await expectFocusRing(page);
    await newVerifiedMeasurement(w, job);
    const op = await w.getByRole('radio', { checked: true }).getAttribute('value');
    expect(new URL(page.url()).searchParams.get('vectorize-it.op')).toBe(op);
    expect(seen.errors).toEqual([]);
  });

  test('hardware lottery: the seed stepped up with the arrow key, and Enter on “Measure again”', async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(pageOf('lottery'));
    const w = await settled(page, 'lottery');
    let job = (await w.getAttribute('data-job'))!;
    const seed = w.getByRole('spinbutton', { name: 'Seed' });
    await tabTo(page, w, seed);
    await page.keyboard.press('ArrowUp');
    await expect(seed).toHaveValue('2');
    await newVerifiedMeasurement(w, job);
    expect(new URL(page.url()).searchParams.get('lottery.seed')).toBe('2');
    job = (await w.getAttribute('data-job'))!;
    await tabTo(page, w, w.getByRole('button', { name: 'Measure again' }));
    await page.keyboard.press('Enter');
    await newVerifiedMeasurement(w, job);
    expect(seen.errors).toEqual([]);
  });
});

// Every page but the per-widget embed pages (their widgets' controls are the chapters' own).
for (const route of routes().filter((r) => !/^\/embed\/[^/]+\/$/.test(r))) {
  test(`every Tab stop on ${route} shows a focus ring`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto(withTestPresets(route));
    await widgetsSettled(page);
    const missing: string[] = [];
    let first = '';
    let stops = 0;
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow !== 'none' && /[1-9]\d*(\.\d+)?px/.test(s.boxShadow);
        const path = [el, el.parentElement, el.parentElement?.parentElement]
          .map((e) =>
            e
              ? `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`
              : '',
          )
          .join(' < ');
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        return { key: `${path} “${name}”`, ring: outline || shadow };
      });
      // Focus left the page (to the browser) or came round again: every stop has been seen.
      if (!stop || stop.key === first) break;
      first ||= stop.key;
      if (!stop.ring) missing.push(stop.key);
      stops++;
    }
    expect(stops, 'nothing on the page takes focus').toBeGreaterThan(0);
    expect([...new Set(missing)]).toEqual([]);
  });
}

test.describe('prefers-reduced-motion: reduce', () => {
  /** Declared transitions and animations (over 10 ms), running animations, smooth scrolling. */
  const moving = async (page: Page) => [
    ...(await declaredMotion(page)),
    ...(await page.evaluate(() => [
      ...document
        .getAnimations()
        .filter((x) => Number(x.effect?.getComputedTiming().duration ?? 0) > 10)
        .map((x) => `running: ${x.constructor.name}`),
      ...(getComputedStyle(document.documentElement).scrollBehavior === 'smooth'
        ? ['html scrolls smoothly']
        : []),
    ])),
  ];

  test('a chapter with widgets measuring declares no transitions or animations and scrolls instantly', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto(pageOf('sparsity-lab'));
    // The check can see motion: without the preference, the page has some.
    expect((await moving(page)).length).toBeGreaterThan(0);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    const w = page.locator('[data-widget="sparsity-lab"]');
    await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
    // While it measures, and after: the sidenotes highlighted, a chart drawn.
    await page.locator('.sidenote-ref').first().focus();
    expect(await moving(page)).toEqual([]);
    await settled(page, 'sparsity-lab');
    await page.keyboard.press('Tab');
    expect(await moving(page)).toEqual([]);
  });

  test('no page declares motion under the preference (each loaded and scrolled to its end)', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const found: string[] = [];
    for (const route of routes()) {
      await page.goto(withTestPresets(route));
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForLoadState('networkidle');
      found.push(...(await moving(page)).map((m) => `${route}: ${m}`));
    }
    expect(found).toEqual([]);
  });
});
