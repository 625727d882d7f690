import { expect, test, type Route } from '@playwright/test';

/**
 * The text is first laid out in a system font and re-laid when the web fonts arrive
 * (`font-display: swap`). The fallback faces in src/styles/font-fallbacks.css are sized to the
 * web fonts so the swap moves nothing; here the fonts are held back until the page has painted
 * with its fallbacks, then released, and the page's layout shift is read (the score Lighthouse
 * counts as CLS). The build before the fallbacks and the search button's reserved place scored
 * 0.12 on the assignment and 0.04 on the front page this way; either page fails without them.
 */
for (const route of ['/', '/sparsity/', '/assignments/sparsity/']) {
  test(`${route}: web fonts arriving late move no text (phone width)`, async ({ page }) => {
    await page.setViewportSize({ width: 412, height: 823 });
    const held: Route[] = [];
    await page.route(/\.woff2$/, (route) => void held.push(route));
    await page.addInitScript(() => {
      const w = window as unknown as { pdShift: number };
      w.pdShift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!e.hadRecentInput) w.pdShift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // The load event waits for the fonts, so only wait for the document, then for a painted frame.
    await page.goto(route, { waitUntil: 'domcontentloaded' });
    await expect
      .poll(() => held.length, { message: 'the page asks for its web fonts' })
      .toBeGreaterThan(0);
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    for (const route of held) await route.continue();
    await page.unroute(/\.woff2$/); // and lets through any asked for since
    // The header's search button arrives with its script (client:idle); it must not shove the page either.
    await expect(page.locator('[data-search-open]')).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.fonts].some(
            (f) => f.family === 'Source Serif 4 Variable' && f.status === 'loaded',
          ),
        ),
      )
      .toBe(true);
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const shift = await page.evaluate(() => (window as unknown as { pdShift: number }).pdShift);
    expect(shift).toBeLessThan(0.01);
  });
}

test('italic and bold text are set in the web fonts, not a system font slanted or thickened', async ({
  page,
}) => {
  await page.goto('/sparsity/');
  // The build cuts the fonts' weight axis and rewrites their @font-face weights; a face whose
  // descriptors no longer match (italics did once) is never loaded, and the text falls back.
  const faces = await page.evaluate(async () => {
    const asks = [
      '400 16px "Source Serif 4 Variable"',
      'italic 400 16px "Source Serif 4 Variable"',
      '700 16px "Source Serif 4 Variable"',
      'italic 650 16px "Source Serif 4 Variable"',
      '600 16px "Inter Variable"',
      '400 16px "JetBrains Mono Variable"',
    ];
    const loaded = await Promise.all(asks.map((f) => document.fonts.load(f, 'Sparse, dense')));
    return asks.map((ask, i) => [ask, loaded[i]!.filter((f) => f.status === 'loaded').length]);
  });
  for (const [ask, n] of faces) expect(n, ask as string).toBeGreaterThan(0);
  // And the reader's own italics on the page: the first <em> is drawn with the web font.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector: '.prose em',
  });
  await cdp.send('CSS.enable');
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.filter((f) => !f.isCustomFont).map((f) => f.familyName)).toEqual([]);
});
