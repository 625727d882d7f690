#!/usr/bin/env node
// The browser side of the crossover comparison: serves the built site, opens
// /sparsity/ in headless Chromium with the lab set to a configuration, and
// reads the crossover the lab's own search found — three times per dense tier,
// reporting each and the median. Compare with:
//   npm run bench -- --sweep --n 2048 --dtype f64 --baseline dense:tuned --candidate csr:tuned
//
//   npm run build && node scripts/bench-lab.mjs [--n 2048] [--dtype f64] [--runs 3] [--tiers tuned,simd]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const n = Number(arg('n', '2048'));
const dtype = arg('dtype', 'f64');
const runs = Number(arg('runs', '3'));
const tiers = arg('tiers', 'tuned,simd').split(',');
const port = 4455;
const executablePath = chromiumPath();

if (!existsSync('dist/index.html')) {
  console.error('No build in dist/: run `npm run build` first.');
  process.exit(2);
}

const server = spawn('npx', ['astro', 'preview', '--port', String(port), '--host', 'localhost'], {
  stdio: 'ignore',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
const stop = () => server.kill();
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('astro preview did not start');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
  });
  console.log(
    `sparsity-lab crossover in Chromium: n = ${n}, k = 1, ${dtype}, unstructured CSR vs dense tier`,
  );
  for (const tier of tiers) {
    const found = [];
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage();
      const q = new URLSearchParams({
        'sparsity-lab.n': String(n),
        'sparsity-lab.dtype': dtype,
        'sparsity-lab.tier': tier,
      });
      await page.goto(`http://localhost:${port}/sparsity/?${q}`);
      const lab = page.locator('[data-widget="sparsity-lab"]');
      await lab.scrollIntoViewIfNeeded();
      const metric = lab.locator('[data-metric="crossover"]');
      await metric.waitFor({ timeout: 180_000 });
      const value = Number(await metric.getAttribute('data-value'));
      const bound = await metric.getAttribute('data-bound');
      found.push(value);
      console.log(`  ${tier} run ${r + 1}: ${(value * 100).toFixed(1)} % (${bound})`);
      await page.close();
    }
    console.log(`  ${tier} median: ${(median(found) * 100).toFixed(1)} %`);
  }
  await browser.close();
} finally {
  stop();
}
