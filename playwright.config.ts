import { defineConfig } from '@playwright/test';
// The system's Chromium (Debian's `chromium` package; Playwright's own download cannot run
// here) with the flags every script uses.
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';

const executablePath = chromiumPath();

// Several checkouts on one machine each set their own port (PD_E2E_PORT).
const PORT = Number(process.env['PD_E2E_PORT'] ?? 4322);

const args = [...CHROMIUM_ARGS];

/**
 * The WebGPU specs need `--enable-unsafe-webgpu`: with it Debian's headless
 * Chromium exposes SwiftShader, a software Vulkan on the CPU, as a fallback
 * adapter (even beside --disable-gpu); without it requestAdapter() gives null.
 * They live in the same run as the site's specs, against the same server,
 * because the lab's WebGPU tier is tested on the built page.
 */
const WEBGPU_SPECS = ['gpu/**/*.spec.ts', 'e2e/webgpu-tier.spec.ts'];

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results/artifacts',
  // Pages measure real kernels: one test at a time keeps the 2 cores for them.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args },
  },
  projects: [
    // The site as most readers' browsers see it here: no WebGPU adapter.
    {
      name: 'chromium',
      testMatch: ['e2e/**/*.spec.ts', 'gpu/no-adapter.spec.ts'],
      testIgnore: ['e2e/webgpu-tier.spec.ts'],
    },
    // First: an adapter exists under the flag, so a lost flag fails loudly instead of skipping.
    {
      name: 'webgpu-adapter',
      testMatch: ['gpu/adapter.spec.ts'],
      use: { launchOptions: { executablePath, args: [...args, '--enable-unsafe-webgpu'] } },
    },
    {
      name: 'webgpu',
      testMatch: WEBGPU_SPECS,
      testIgnore: ['gpu/adapter.spec.ts', 'gpu/no-adapter.spec.ts'],
      dependencies: ['webgpu-adapter'],
      // SwiftShader runs the "GPU" on the same 2 cores: its kernel grids take a while.
      timeout: 120_000,
      use: { launchOptions: { executablePath, args: [...args, '--enable-unsafe-webgpu'] } },
    },
  ],
  webServer: {
    // The test build (PD_TEST_HOOKS=1 → dist-test/) honours the fault hooks.
    command: `npx astro preview --port ${PORT} --host localhost`,
    env: { PD_TEST_HOOKS: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
