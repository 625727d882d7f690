import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { routes, slugOf, watch, widgetsSettled, withTestPresets } from './site';

const pages = routes();

test('the built site has the pages a reader expects', () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/sparsity/', '/methods/']));
});

for (const route of pages) {
  test.describe(`page ${route}`, () => {
    test('loads with no console errors, no CSP violation and no request leaving the site', async ({
      page,
    }) => {
      const seen = watch(page);
      const response = await page.goto(withTestPresets(route));
      if (route !== '/404/') expect(response?.ok(), `HTTP ${response?.status()}`).toBe(true);
      // An embed page is the widget alone; every other page opens with its title.
      await expect(
        page
          .locator(route.startsWith('/embed/') && route !== '/embed/' ? '[data-widget]' : 'h1')
          .first(),
      ).toBeVisible();
      await widgetsSettled(page);
      await page.waitForLoadState('networkidle');
      expect(seen.errors).toEqual([]);
      expect(seen.external).toEqual([]);
    });

    test('has no accessibility violations of any impact (axe, WCAG 2.0/2.1 A and AA), light and dark', async ({
      browser,
    }) => {
      // Two full loads of a chapter, every widget measuring, on a shared machine.
      test.setTimeout(240_000);
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ colorScheme });
        const page = await context.newPage();
        await page.goto(withTestPresets(route));
        await widgetsSettled(page);
        // Tables of numbers behind a <details> are part of the page too: scan them open.
        await page
          .locator('details:not([open])')
          .evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        const { violations } = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        const found = violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(found, `${colorScheme} mode`).toEqual([]);
        await context.close();
      }
    });

    test('screenshots: desktop and phone, light and dark', async ({ browser }) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const [device, viewport] of [
          ['desktop', { width: 1280, height: 900 }],
          ['phone', { width: 390, height: 844 }],
        ] as const) {
          const context = await browser.newContext({ colorScheme, viewport });
          const page = await context.newPage();
          await page.goto(withTestPresets(route));
          await widgetsSettled(page);
          await page.screenshot({
            path: `test-results/screenshots/${slugOf(route)}-${device}-${colorScheme}.png`,
            fullPage: true,
          });
          await context.close();
        }
      }
    });
  });
}
