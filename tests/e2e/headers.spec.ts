/**
 * The response headers of the built site as `astro preview` (so `npm start`) sends them: the
 * Content-Security-Policy allows no inline script but the ones the build hashed, and the
 * isolation and hygiene headers reach pages, embed pages and embed.js alike.
 */
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { readHeaders } from '../../scripts/headers.mjs';
import { routes, watch } from './site';

/** The policy's directives by name, e.g. { 'script-src': ["'self'", …] }. */
function directives(policy: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

const hashOf = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

for (const path of ['/sparsity/', '/embed/sparsity-lab/', '/embed.js']) {
  test(`${path} is served with the CSP, isolation, nosniff and referrer headers`, async ({
    request,
  }) => {
    const response = await request.get(path);
    expect(response.ok()).toBe(true);
    const h = response.headers();
    const csp = directives(h['content-security-policy']);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
    // Only 'self', 'wasm-unsafe-eval' and hashes: no host is trusted to serve scripts.
    for (const source of csp['script-src']!.slice(2)) expect(source).toMatch(/^'sha256-.+='$/);
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    // Embeds must be framable by any site.
    expect(csp['frame-ancestors']).toBeUndefined();
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['cross-origin-embedder-policy']).toBe('require-corp');
    expect(h['cross-origin-resource-policy']).toBe('cross-origin');
    expect(h['access-control-allow-origin']).toBe('*');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
}

test('preview sends the policy this build computed (dist-test/_headers)', async ({ request }) => {
  const built = readHeaders(new URL('../../dist-test/_headers', import.meta.url));
  const response = await request.get('/');
  expect(response.headers()['content-security-policy']).toBe(built['Content-Security-Policy']);
});

test('every inline script of every page is allowed by a hash in the policy it is served with', async ({
  page,
  request,
}) => {
  await page.goto('/404/');
  for (const route of routes()) {
    const response = await request.get(route);
    const allowed = directives(response.headers()['content-security-policy'])['script-src'];
    // The browser's own parser finds the scripts, not the build's regular expression.
    const scripts = await page.evaluate(
      (html) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return [...doc.querySelectorAll('script:not([src])')]
          .filter((s) => /^(|module|text\/javascript)$/i.test(s.getAttribute('type') ?? ''))
          .map((s) => s.textContent ?? '');
      },
      await response.text(),
    );
    expect(scripts.length, route).toBeGreaterThan(0);
    for (const script of scripts)
      expect(allowed, `${route}: ${script.trim().slice(0, 60)}…`).toContain(hashOf(script));
  }
});

// (eval is not tried here: code Playwright evaluates is exempt from the page's policy, and the
// header test above already checks that script-src carries no 'unsafe-eval'.)
test('an inline script the build did not hash is blocked, and watch() reports the violation', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto('/sparsity/');
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    return 'injected' in window;
  });
  expect(ran).toBe(false);
  // Every page test's clean-console check therefore also fails on any CSP violation.
  await expect
    .poll(() => seen.errors.filter((e) => e.startsWith('CSP violation')))
    .toEqual([expect.stringContaining('CSP violation: script-src-elem blocked inline at')]);
});

test('a CSP violation inside the measuring worker reaches the console, so watch() reports it', async ({
  page,
}) => {
  const seen = watch(page);
  // The worker script is served with a policy that forbids its fetches (the SIMD module's among them).
  await page.route(/\/_astro\/kernel\.worker-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace(
      "connect-src 'self'",
      "connect-src 'none'",
    );
    await route.fulfill({ response, headers });
  });
  await page.goto('/sparsity/?sparsity-lab.n=64');
  await page.locator('[data-widget="sparsity-lab"]').scrollIntoViewIfNeeded();
  await expect
    .poll(() => seen.errors.filter((e) => e.startsWith('CSP violation in the worker')))
    .toEqual(expect.arrayContaining([expect.stringContaining('connect-src blocked')]));
});
