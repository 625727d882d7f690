/**
 * The widget runtime from every host: the chapter URL (widgets.spec.ts), a
 * fixed preset, attributes on a custom element in a shadow root; two
 * instances side by side; removal; and styles that look the same in a shadow
 * root as on the page. The hosts live on a test-build page, /test/hosts/.
 */
import { expect, test, type Locator } from '@playwright/test';
import { widgets } from '../../components/widgets/registry';
import { watch } from './site';

const host = (mode: string, id: string, extra: Record<string, string> = {}): string =>
  `/test/hosts/?${new URLSearchParams({ mode, widget: id, ...extra })}`;

async function settled(w: Locator): Promise<void> {
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
}

async function allVerified(w: Locator, pure = false): Promise<void> {
  const verified = w.locator('[data-verified]');
  if (!pure) expect(await verified.count()).toBeGreaterThan(0);
  for (const v of await verified.all()) await expect(v).toHaveAttribute('data-verified', 'true');
}

for (const widget of widgets) {
  test(`${widget.id} measures from a fixed preset`, async ({ page }) => {
    const seen = watch(page);
    await page.goto(host('preset', widget.id));
    const w = page.locator(`[data-host="preset"] [data-widget="${widget.id}"]`);
    await settled(w);
    await allVerified(w, widget.pure);
    expect(seen.errors).toEqual([]);
  });

  test(`${widget.id} measures from attributes on a custom element, leaving the page's URL and history alone`, async ({
    page,
  }) => {
    const seen = watch(page);
    await page.goto(host('attributes', widget.id));
    const before = await page.evaluate(() => ({ href: location.href, length: history.length }));
    const w = page.locator(`[data-host="element"]`).locator(`[data-widget="${widget.id}"]`);
    await settled(w);
    await allVerified(w, widget.pure);
    // Changing an attribute re-measures (a pure widget redraws), still without touching the address.
    const job = (await w.getAttribute('data-job'))!;
    const n = (widget.testPreset as { n?: number }).n;
    const [name, value] = n === undefined ? ['seed', 7] : ['n', n * 2];
    await page
      .locator('[data-host="element"]')
      .evaluate((el, [k, v]) => el.setAttribute(String(k), String(v)), [name, value]);
    if (!widget.pure) await expect(w).not.toHaveAttribute('data-job', job, { timeout: 45_000 });
    await settled(w);
    const after = await page.evaluate(() => ({ href: location.href, length: history.length }));
    expect(after).toEqual(before);
    expect(seen.errors).toEqual([]);
  });
}

test('two instances of one widget on a page measure independently, each verified', async ({
  page,
}) => {
  await page.goto(
    host('two', 'sparsity-lab', {
      a: JSON.stringify({ n: 256 }),
      b: JSON.stringify({ n: 128, dtype: 'f32' }),
    }),
  );
  const first = page.locator('[data-host="first"] [data-widget]');
  const second = page.locator('[data-host="second"] [data-widget]');
  await settled(first);
  await settled(second);
  await allVerified(first);
  await allVerified(second);
  await expect(first.locator('[data-metric="dense-bytes"]')).toHaveAttribute(
    'data-value',
    String(256 * 256 * 8),
  );
  await expect(second.locator('[data-metric="dense-bytes"]')).toHaveAttribute(
    'data-value',
    String(128 * 128 * 4),
  );
  // Their titles are labelled by distinct ids.
  const ids = await page.locator('[data-widget] h3').evaluateAll((hs) => hs.map((h) => h.id));
  expect(new Set(ids).size).toBe(2);
});

test('removing a custom element cancels its jobs and terminates the worker it owns', async ({
  page,
}) => {
  const workers: { closed: boolean }[] = [];
  page.on('worker', (w) => {
    const record = { closed: false };
    workers.push(record);
    w.on('close', () => (record.closed = true));
  });
  // A big atlas: it is still measuring when the element goes.
  await page.goto(host('attributes', 'crossover-atlas', { a: JSON.stringify({ n: 1024 }) }));
  const w = page.locator('[data-host="element"]').locator('[data-widget]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'measuring', { timeout: 20_000 });
  expect(workers.length).toBeGreaterThan(0);
  expect(workers.some((x) => !x.closed)).toBe(true);
  await page.locator('[data-host="element"]').evaluate((el) => el.remove());
  await expect.poll(() => workers.every((x) => x.closed), { timeout: 10_000 }).toBe(true);
});

/** Computed styles that make a widget look like itself. */
async function looks(root: Locator): Promise<Record<string, string>[]> {
  return root.evaluate((el) => {
    const pick = (e: Element) => {
      const s = getComputedStyle(e);
      return {
        tag: e.tagName,
        font: `${s.fontFamily} ${s.fontSize} ${s.fontWeight} ${s.lineHeight}`,
        color: s.color,
        background: s.backgroundColor,
        border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor} ${s.borderRadius}`,
        margin: `${s.marginTop} ${s.marginBottom}`,
        padding: `${s.paddingTop} ${s.paddingLeft}`,
        display: s.display,
      };
    };
    return [
      ...el.querySelectorAll(
        'h3, p, dt, dd, label, button, select, input, table, th, td, summary, fieldset, legend',
      ),
    ]
      .slice(0, 80)
      .map(pick);
  });
}

test('a widget in a shadow root looks the same as on the page (every element’s computed style)', async ({
  page,
}) => {
  await page.goto(host('compare', 'storage-footprint'));
  const light = page.locator('[data-host="light"] [data-widget]');
  const shadow = page.locator('[data-host="shadow"]').locator('[data-widget]');
  await settled(light);
  await settled(shadow);
  const a = await looks(light);
  const b = await looks(shadow);
  expect(a.length).toBeGreaterThan(20);
  expect(b).toEqual(a);
});

test('"Show the code that ran" arrives highlighted by the build, in the theme’s colours, on the page and in a shadow root', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.url());
  });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(host('compare', 'storage-footprint'));
    for (const where of ['light', 'shadow']) {
      const w = page.locator(`[data-host="${where}"]`).locator('[data-widget]');
      await settled(w);
      await w.locator('.code-view summary').click();
      const token = w.locator('.code-view pre span[style]').first();
      await expect(token).toBeVisible();
      // The token's colour is the one its theme's custom property names.
      const { color, want } = await token.evaluate((el, scheme) => {
        const style = getComputedStyle(el);
        const probe = document.createElement('span');
        probe.style.color = style.getPropertyValue(`--hl-${scheme}`);
        document.body.append(probe);
        const want = getComputedStyle(probe).color;
        probe.remove();
        return { color: style.color, want };
      }, colorScheme);
      expect(color, `${where}, ${colorScheme}`).toBe(want);
      expect(await w.locator('.code-view pre').first().textContent()).toContain('export function');
    }
  }
  // No highlighter reaches the browser: every script the page ran is one of ours, none Shiki's.
  const bodies = await Promise.all(
    [...new Set(scripts)].map((url) => page.request.get(url).then((r) => r.text())),
  );
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toMatch(/tokenizeTimeLimit|createHighlighter/);
});
