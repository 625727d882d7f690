import { defineConfig } from 'vitest/config';

// Unit tests only: Playwright specs in tests/e2e must not be collected by vitest.
export default defineConfig({
  test: { include: ['tests/unit/**/*.test.ts'], environment: 'node' },
});
