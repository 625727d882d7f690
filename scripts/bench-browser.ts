/**
 * Runs `npm run bench -- --sweep` inside headless Chromium (`--engine chromium`):
 * bundles scripts/bench-browser-entry.ts with esbuild, loads it into a blank
 * page and calls it. The same sweep under Node and under Chromium shows how much
 * of a crossover belongs to the JavaScript engine rather than to the hardware.
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import type { CrossoverResult } from '../src/bench/crossover';
import type { Environment } from '../src/bench/environment';
import type { BrowserSweepRequest } from './bench-browser-entry';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

export async function sweepInChromium(
  request: BrowserSweepRequest,
  onProgress: (message: string) => void,
): Promise<{
  env: Environment;
  simd: boolean;
  results: { label: string; result: CrossoverResult }[];
}> {
  const executablePath = chromiumPath();
  const bundle = await build({
    entryPoints: [new URL('./bench-browser-entry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage();
    await page.exposeFunction('pdProgress', onProgress);
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(
      (r) =>
        (
          globalThis as unknown as {
            pdBench: { sweeps: (r: BrowserSweepRequest) => Promise<never> };
          }
        ).pdBench.sweeps(r),
      request,
    );
  } finally {
    await browser.close();
  }
}
