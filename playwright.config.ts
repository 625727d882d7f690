import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// The system's Chromium (Debian's `chromium` package): Playwright's own browser
// download cannot run on these machines.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `No Chromium at ${executablePath}. Install it (Debian: apt-get install -y chromium) ` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

// Several checkouts on one machine each set their own port (PD_E2E_PORT).
const PORT = Number(process.env['PD_E2E_PORT'] ?? 4322);

export default defineConfig({
  testDir: 'tests/e2e',
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
    launchOptions: {
      executablePath,
      // Without the background-networking flags Chromium floods the closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The test build (PD_TEST_HOOKS=1 → dist-test/) honours the fault hooks.
    command: `npx astro preview --port ${PORT} --host localhost`,
    env: { PD_TEST_HOOKS: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
