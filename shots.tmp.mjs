import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--no-first-run'] });
const widgets = process.argv.slice(2);
for (const id of widgets) {
  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]]) {
    const ctx = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', e => console.log('pageerror', e));
    await page.goto('http://localhost:4401/sparsity/?sparsity-lab.n=1024&crossover-atlas.n=256');
    const el = page.locator(`[data-widget="${id}"]`);
    await el.scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => { const e = document.querySelector(s); return e && /done|error/.test(e.getAttribute('data-status') ?? '') && e.getAttribute('aria-busy') !== 'true'; }, `[data-widget="${id}"]`, { timeout: 120000 }).catch(() => console.log('timeout', id));
    await page.waitForTimeout(300);
    await el.screenshot({ path: `/tmp/shot-${id}-${scheme}-${width}.png` });
    await ctx.close();
  }
}
await browser.close();
