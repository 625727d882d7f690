import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const src = readFileSync(process.argv[2], 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage();
const logs = [];
page.on('console', (m) => logs.push(m.text()));
await page.goto('about:blank');
await page.evaluate(src);
console.log('chromium', logs.join('\n'));
await browser.close();
