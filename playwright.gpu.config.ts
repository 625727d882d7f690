import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * The WebGPU tier in real Chromium, no site build and no web server: the specs
 * in tests/gpu bundle their own harness. Run: npx playwright test -c playwright.gpu.config.ts
 *
 * `--enable-unsafe-webgpu` is all Debian's Chromium needs to expose WebGPU
 * headless: it gives SwiftShader (a software Vulkan on the CPU) as a fallback
 * adapter, even alongside --disable-gpu. --use-webgpu-adapter=swiftshader and
 * --enable-features=Vulkan change nothing here (checked on Chromium 156).
 * Without the flag navigator.gpu exists but requestAdapter() returns null.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `No Chromium at ${executablePath}. Install it (Debian: apt-get install -y chromium) ` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

// The same flags as playwright.config.ts.
const baseArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests/gpu',
  outputDir: 'test-results/gpu-artifacts',
  // SwiftShader runs the "GPU" on the same 2 cores: one test at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { browserName: 'chromium' },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /no-adapter\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] } },
    },
    {
      name: 'no-webgpu',
      testMatch: /no-adapter\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: baseArgs } },
    },
  ],
});
