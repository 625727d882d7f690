/**
 * Embedding from another origin: a host page served from a second localhost
 * port puts every widget in an iframe and as a custom element. Each must
 * measure and verify, fit its iframe, keep to itself, clean up, and treat
 * hostile settings as text.
 */
import { createServer, type Server } from 'node:http';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { widgets } from '../../components/widgets/registry';
import { declaredMotion } from './site';

const SITE = `http://localhost:${process.env['PD_E2E_PORT'] ?? 4322}`;
const HOST_PORT = Number(process.env['PD_E2E_PORT'] ?? 4322) + 77;
const HOST = `http://127.0.0.1:${HOST_PORT}`;

/** Pages the host serves, by path. */
const pages = new Map<string, string>();
let server: Server;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.statusCode = body === undefined ? 404 : 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(body ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(HOST_PORT, '127.0.0.1', resolve));
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function hostPage(path: string, body: string): string {
  pages.set(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title><link rel="icon" href="data:,"></head><body><h1>A blog post</h1>${body}</body></html>`,
  );
  return `${HOST}${path}`;
}

const query = (preset: Record<string, unknown>): string =>
  new URLSearchParams(Object.entries(preset).map(([k, v]) => [k, String(v)])).toString();
const attributes = (preset: Record<string, unknown>): string =>
  Object.entries(preset)
    .map(([k, v]) => ` ${k}="${String(v)}"`)
    .join('');

function iframeSnippet(id: string, q: string): string {
  return (
    `<iframe data-pd-embed src="${SITE}/embed/${id}/?${q}" title="widget" ` +
    `sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" style="width:100%;height:300px;border:0"></iframe>` +
    `<script src="${SITE}/embed/resize.js" defer></script>`
  );
}

function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

async function frameOf(page: Page, id: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes(`/embed/${id}/`))).toBe(true);
  return page.frames().find((f) => f.url().includes(`/embed/${id}/`))!;
}

for (const widget of widgets) {
  test(`${widget.id} in a sandboxed iframe on another origin measures, verifies and fits its iframe`, async ({
    page,
  }) => {
    const errors = errorsOf(page);
    await page.goto(
      hostPage(`/iframe-${widget.id}`, iframeSnippet(widget.id, query(widget.testPreset))),
    );
    const frame = await frameOf(page, widget.id);
    const w = frame.locator('[data-widget]');
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    for (const v of await w.locator('[data-verified]').all())
      await expect(v).toHaveAttribute('data-verified', 'true');
    await expect(w).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
    // The iframe grows to its content: no inner scroll bar.
    await expect
      .poll(async () => {
        const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
        const outer = await page
          .locator('iframe')
          .evaluate((f) => (f as HTMLIFrameElement).clientHeight);
        return Math.abs(inner - outer);
      })
      .toBeLessThanOrEqual(1);
    // …and neither collapsed nor stuck at the snippet's 40rem.
    const height = await page
      .locator('iframe')
      .evaluate((f) => (f as HTMLIFrameElement).clientHeight);
    expect(height).toBeGreaterThan(200);
    expect(height).not.toBe(640);
    expect(errors).toEqual([]);
  });

  test(`${widget.id} as a custom element on another origin measures and verifies, leaving the page alone`, async ({
    page,
  }) => {
    const errors = errorsOf(page);
    await page.goto(
      hostPage(
        `/element-${widget.id}`,
        `<script type="module" src="${SITE}/embed.js"></script><pd-${widget.id}${attributes(widget.testPreset)}></pd-${widget.id}>`,
      ),
    );
    const before = await page.evaluate(() => ({
      href: location.href,
      history: history.length,
      storage: localStorage.length + sessionStorage.length,
      cookie: document.cookie,
    }));
    const w = page.locator(`pd-${widget.id}`).locator('[data-widget]');
    await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    for (const v of await w.locator('[data-verified]').all())
      await expect(v).toHaveAttribute('data-verified', 'true');
    const after = await page.evaluate(() => ({
      href: location.href,
      history: history.length,
      storage: localStorage.length + sessionStorage.length,
      cookie: document.cookie,
    }));
    expect(after).toEqual(before);
    expect(errors).toEqual([]);
  });
}

test('two elements on one page measure independently, and removing one ends only its worker', async ({
  page,
}) => {
  const workers: { url: string; closed: boolean }[] = [];
  page.on('worker', (w) => {
    const record = { url: w.url(), closed: false };
    workers.push(record);
    w.on('close', () => (record.closed = true));
  });
  await page.goto(
    hostPage(
      '/two',
      `<script type="module" src="${SITE}/embed.js"></script>` +
        `<pd-sparsity-lab id="a" n="256"></pd-sparsity-lab><pd-sparsity-lab id="b" n="128" dtype="f32"></pd-sparsity-lab>`,
    ),
  );
  const a = page.locator('#a [data-widget]');
  const b = page.locator('#b [data-widget]');
  await expect(a).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await b.scrollIntoViewIfNeeded();
  await expect(b).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(a.locator('[data-metric="dense-bytes"]')).toHaveAttribute(
    'data-value',
    String(256 * 256 * 8),
  );
  await expect(b.locator('[data-metric="dense-bytes"]')).toHaveAttribute(
    'data-value',
    String(128 * 128 * 4),
  );
  expect(workers.filter((w) => !w.closed)).toHaveLength(2);
  await page.locator('#b').evaluate((el) => el.remove());
  await expect.poll(() => workers.filter((w) => !w.closed).length).toBe(1);
  // The other one still answers a change.
  const job = (await a.getAttribute('data-job'))!;
  await page.locator('#a').evaluate((el) => el.setAttribute('sparsity', '0.99'));
  await expect(a).not.toHaveAttribute('data-job', job, { timeout: 30_000 });
  await expect(a.locator('[data-metric="speedup"]')).toHaveAttribute('data-verified', 'true');
});

const HOSTILE = {
  n: 'NaN',
  sparsity: '-1',
  seed: '1e12',
  structure: '<img src=x onerror=alert(1)>',
  format: '"><script>alert(2)</script>',
  batch: '\u202Egnol',
};

test('hostile settings in the embed page’s query string are clamped or rejected with notes, never run', async ({
  page,
}) => {
  const errors = errorsOf(page);
  await page.goto(`${SITE}/embed/sparsity-lab/?${new URLSearchParams(HOSTILE)}`);
  const w = page.locator('[data-widget]');
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const notes = w.getByRole('status').first();
  await expect(notes).toContainText('Matrix size n: “\u2068NaN\u2069” is not a number');
  await expect(notes).toContainText('is below the minimum');
  await expect(notes).toContainText('is above the maximum');
  await expect(notes).toContainText('<img src=x onerror=alert(1)>');
  expect(await notes.textContent()).not.toContain('\u202E');
  await expect(page.locator('img, script:not([src])').filter({ hasText: 'alert' })).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('hostile attributes on a custom element are clamped or rejected with notes, never run', async ({
  page,
}) => {
  const errors = errorsOf(page);
  await page.goto(
    hostPage(
      '/hostile',
      `<script type="module" src="${SITE}/embed.js"></script><pd-sparsity-lab id="h"></pd-sparsity-lab>`,
    ),
  );
  await page.locator('#h').evaluate((el, attrs) => {
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  }, HOSTILE);
  const w = page.locator('#h [data-widget]');
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const notes = w.getByRole('status').first();
  await expect(notes).toContainText('is not a number');
  await expect(notes).toContainText('<img src=x onerror=alert(1)>');
  expect(
    await page
      .locator('#h')
      .evaluate((el) => el.shadowRoot!.querySelectorAll('img[src="x"], script').length),
  ).toBe(0);
  expect(errors).toEqual([]);
});

test('the Embed button writes both snippets for the current settings, with a live preview', async ({
  page,
}) => {
  await page.goto('/sparsity/?sparsity-lab.n=256&sparsity-lab.sparsity=0.95');
  const w = page.locator('[data-widget="sparsity-lab"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  const open = w.getByRole('button', { name: 'Embed' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: /Embed “Sparse against dense/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('pre').first()).toContainText(
    `/embed/sparsity-lab/?sparsity=0.95&n=256`,
  );
  await expect(dialog.locator('pre').nth(1)).toContainText(
    '<pd-sparsity-lab sparsity="0.95" n="256"></pd-sparsity-lab>',
  );
  const preview = dialog.frameLocator('iframe.preview');
  await expect(preview.locator('[data-widget]')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test.describe('inside the custom elements’ shadow roots', () => {
  const everyWidget = () =>
    widgets.map((w) => `<pd-${w.id}${attributes(w.testPreset)}></pd-${w.id}>`).join('');

  test('all sixteen elements declare no motion when the reader asks for reduced motion', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const url = hostPage(
      '/every-element',
      `<script type="module" src="${SITE}/embed.js"></script>${everyWidget()}`,
    );
    const settle = async () => {
      // An element mounts its widget when it comes near the viewport: bring each to it.
      for (const w of widgets) {
        const host = page.locator(`pd-${w.id}`);
        await host.scrollIntoViewIfNeeded();
        const el = host.locator('[data-widget]');
        await expect(el).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
        await expect(el).not.toHaveAttribute('aria-busy', 'true', { timeout: 90_000 });
      }
    };
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(url);
    await settle();
    expect(await declaredMotion(page)).toEqual([]);
    // And the check does reach into the shadow roots: a transition put in one is found.
    await page.locator('pd-sparsity-lab').evaluate((el) =>
      el.shadowRoot!.append(
        Object.assign(document.createElement('style'), {
          textContent: 'button { transition: color 0.2s }',
        }),
      ),
    );
    expect((await declaredMotion(page)).length).toBeGreaterThan(0);
  });

  test('every Tab stop inside an element (one per chapter) shows a focus ring', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const ids = ['lottery', 'memory-mountain', 'interpreter-ladder', 'sparsity-lab'];
    await page.goto(
      hostPage(
        '/tab-walk',
        `<script type="module" src="${SITE}/embed.js"></script><a href="#top">Before</a>` +
          ids
            .map(
              (id) =>
                `<pd-${id}${attributes(widgets.find((w) => w.id === id)!.testPreset)}></pd-${id}>`,
            )
            .join(''),
      ),
    );
    for (const id of ids) {
      const host = page.locator(`pd-${id}`);
      await host.scrollIntoViewIfNeeded();
      await expect(host.locator('[data-widget]')).toHaveAttribute('data-status', 'done', {
        timeout: 90_000,
      });
    }
    await page.locator('a[href="#top"]').focus();
    const missing: string[] = [];
    const inside = new Set<string>();
    let first = '';
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        // Focus inside a shadow root shows on the document as the host element: go down.
        let el = document.activeElement;
        let host = '';
        while (el?.shadowRoot?.activeElement) {
          host = el.tagName.toLowerCase();
          el = el.shadowRoot.activeElement;
        }
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow !== 'none' && /[1-9]\d*(\.\d+)?px/.test(s.boxShadow);
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        return {
          key: `${host} ${el.tagName.toLowerCase()} “${name}”`,
          host,
          ring: outline || shadow,
        };
      });
      if (!stop || stop.key === first) break;
      first ||= stop.key;
      if (stop.host) inside.add(stop.host);
      if (!stop.ring) missing.push(stop.key);
    }
    // Tab reached into every element, and every stop there showed a ring.
    expect([...inside].sort()).toEqual(ids.map((id) => `pd-${id}`).sort());
    expect([...new Set(missing)]).toEqual([]);
  });
});
