import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

// `npm run bench -- --sweep --engine chromium` runs the CLI's sweep inside the
// browser engine the site measures in; a tiny problem keeps this quick.
test('bench --sweep --engine chromium finds a crossover inside Chromium and reports its engine', () => {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      'scripts/bench.ts',
      '--sweep',
      '--n',
      '96',
      '--dtype',
      'f64',
      '--engine',
      'chromium',
      '--json',
      '--no-simd',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const lines = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const env = lines.find((l) => l['type'] === 'environment' && l['engine'] === 'chromium');
  expect(String(env?.['userAgent'])).toMatch(/HeadlessChrome/);
  const crossover = lines.find((l) => l['type'] === 'crossover' && l['engine'] === 'chromium');
  expect(['inside', 'below', 'above']).toContain(crossover?.['kind']);
  expect((crossover?.['probes'] as unknown[]).length).toBeGreaterThanOrEqual(1);
});

test('bench rejects a bad engine with exit code 2 and a clear message', () => {
  let status = 0;
  let stderr = '';
  try {
    execFileSync('npx', ['tsx', 'scripts/bench.ts', '--sweep', '--engine', 'firefox'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    const err = e as { status: number; stderr: string };
    status = err.status;
    stderr = err.stderr;
  }
  expect(status).toBe(2);
  expect(stderr).toMatch(/--engine must be node or chromium/);
});
