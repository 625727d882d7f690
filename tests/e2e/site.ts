import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { widgetRoute, widgets } from '../../components/widgets/registry';

const DIST = 'dist-test';

/** Every page of the built test site, as a route ('/', '/sparsity/', …), without the test-only hosts page. */
export function routes(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') found.push(`/${relative(DIST, dir)}/`.replace(/\/+/g, '/'));
    }
  };
  walk(DIST);
  return found.filter((r) => !r.startsWith('/test/')).sort();
}

/** A file-safe name for a route. */
export const slugOf = (route: string): string =>
  route.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'home';

/**
 * Records console errors, uncaught exceptions, Content-Security-Policy violations (in the page
 * and its frames) and any request that leaves the site's origin (and blocks it), so a test can
 * assert the page stayed clean.
 */
export function watch(page: Page): { errors: string[]; external: string[] } {
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Runs before the page's own scripts, so even a blocked inline script in <head> is reported.
  void page.addInitScript(() =>
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        console.error(
          `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}` +
            ` at ${e.sourceFile || document.URL}:${e.lineNumber}`,
        ),
      true,
    ),
  );
  page.on('pageerror', (e) => errors.push(String(e)));
  // The origin the tests serve the site from: another port on localhost is another origin too.
  const origin = new URL(test.info().project.use.baseURL ?? 'http://localhost/').origin;
  void page.route(
    (url) => url.origin !== origin && !['data:', 'blob:'].includes(url.protocol),
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  return { errors, external };
}

/** Waits until every widget on the page has settled (done or error, and no longer busy searching). */
export async function widgetsSettled(page: Page): Promise<void> {
  for (const w of await page.locator('[data-widget]').all()) {
    // A widget already on screen may swap its placeholder for itself mid-scroll: try again.
    await expect(() => w.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
    await expect(w).toHaveAttribute('data-status', /done|error/, { timeout: 45_000 });
    await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
  }
}

/**
 * A route with every widget on it set to its registry test preset (prefixed
 * params, as a reader's link would carry them), so CI time stays bounded as
 * chapters gain widgets.
 */
export function withTestPresets(route: string): string {
  const q = new URLSearchParams();
  for (const w of widgets) {
    // A page carries every one of its widgets' presets, prefixed; an embed page its own, plain.
    const prefix = route === widgetRoute(w) ? `${w.id}.` : route === `/embed/${w.id}/` ? '' : null;
    if (prefix === null) continue;
    for (const [k, v] of Object.entries(w.testPreset)) q.set(`${prefix}${k}`, String(v));
  }
  const query = q.toString();
  return query ? `${route}?${query}` : route;
}

/**
 * Every chart in a widget is hidden from assistive technology and has a text
 * alternative with its numbers: an image role whose label carries digits
 * (PlotFigure), or, for the timelines drawn by hand, a list or table of the
 * same items with digits. Returns what is wrong, one line per chart.
 */
export async function chartProblems(widget: Locator): Promise<string[]> {
  return widget.evaluate((root) => {
    const problems: string[] = [];
    const digits = (s: string | null | undefined) => /\d/.test(s ?? '');
    for (const svg of root.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      const name = `svg ${Math.round(box.width)}×${Math.round(box.height)}`;
      if (!svg.closest('[aria-hidden="true"]') && svg.getAttribute('role') !== 'presentation') {
        problems.push(`${name} is not hidden from assistive technology`);
      }
      // Icons are not charts.
      if (box.width < 150 || box.height < 60) continue;
      if (!svg.closest('[aria-hidden="true"]')) problems.push(`${name} is a chart but not hidden`);
      const img = svg.closest('[role="img"]');
      if (img) {
        if (!digits(img.getAttribute('aria-label'))) {
          problems.push(`${name}: its label has no numbers: “${img.getAttribute('aria-label')}”`);
        }
        continue;
      }
      const alternatives = [...root.querySelectorAll('[role="listbox"], ol, ul, table')].filter(
        (el) => !el.closest('[aria-hidden="true"]') && digits(el.textContent),
      );
      if (alternatives.length === 0) problems.push(`${name} has no text alternative with numbers`);
    }
    return problems;
  });
}

/**
 * Every transition and animation of more than 10 ms that the page's elements declare, in the
 * document and in every shadow root in it (custom elements), as "tag.class: seconds".
 */
export function declaredMotion(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seconds = (list: string) =>
      Math.max(...list.split(',').map((d) => (d.trim().endsWith('ms') ? 1e-3 : 1) * parseFloat(d)));
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const s = getComputedStyle(el);
        const t = s.transitionProperty !== 'none' ? seconds(s.transitionDuration) : 0;
        const a = s.animationName !== 'none' ? seconds(s.animationDuration) : 0;
        if (t > 0.01 || a > 0.01)
          found.push(`${el.tagName.toLowerCase()}.${String(el.className)}: ${t || a}s`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}
