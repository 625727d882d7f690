/**
 * node scripts/mountain-page.mjs [OUT.json] [quick|full] [PORT]
 *
 * The memory-mountain widget as a reader runs it: headless Chromium loads the
 * test build's host page (`PD_TEST_HOOKS=1 npx astro build`, then
 * `npx astro preview --port PORT`) with the mountain alone, 4 KB–64 MB, waits
 * for data-status="done", and writes its metrics, levels table and every point.
 * Compare with a native run made right after it:
 *   npx tsx scripts/mountain-compare.ts OUT.json content/data/native-memory/<date>.json
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
const [, , out = 'mountain-page.json', mode = 'full', port = '4322'] = process.argv;
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...CHROMIUM_ARGS],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const a = JSON.stringify({ mode, max: 65536 });
const t0 = Date.now();
await page.goto(
  `http://localhost:${port}/test/hosts/?mode=preset&widget=memory-mountain&a=${encodeURIComponent(a)}`,
);
const w = page.locator('[data-widget="memory-mountain"]');
await w.scrollIntoViewIfNeeded();
await w.waitFor();
for (;;) {
  const s = await w.getAttribute('data-status');
  if (s === 'done' || s === 'error') break;
  if (Date.now() - t0 > 15 * 60_000) throw new Error('timeout');
  await page.waitForTimeout(500);
}
const seconds = (Date.now() - t0) / 1000;
const metrics = Object.fromEntries(
  await w
    .locator('[data-metric]')
    .evaluateAll((els) =>
      els.map((e) => [
        e.getAttribute('data-metric'),
        { value: Number(e.getAttribute('data-value')), verified: e.getAttribute('data-verified') },
      ]),
    ),
);
const levels = await w
  .locator('.levels tbody tr')
  .evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim().replace(/\s+/g, ' '))),
  );
const points = await w
  .locator('details table tbody tr')
  .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
const head = await w
  .locator('details table thead th')
  .evaluateAll((ths) => ths.map((t) => t.textContent.trim()));
const notes = await w.locator('.notes p').allTextContents();
const ua = await page.evaluate(() => navigator.userAgent);
const result = {
  date: new Date().toISOString(),
  ua,
  seconds,
  status: await w.getAttribute('data-status'),
  metrics,
  levels,
  head,
  points,
  notes,
};
const { writeFileSync } = await import('node:fs');
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify({ seconds, metrics, levels, notes }, null, 1));
await browser.close();
