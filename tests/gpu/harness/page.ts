/**
 * Node side of the GPU specs: bundles harness/worker.ts with esbuild, serves a
 * blank page at http://localhost (a secure context: WebGPU is absent from
 * about:blank) with the site's own response headers from public/_headers, and
 * starts the bundle there as a dedicated worker from a blob URL. No web server:
 * Playwright answers the page's one request itself.
 */
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { readHeaders } from '../../../scripts/headers.mjs';

const ORIGIN = 'http://localhost:4399';

let bundle: Promise<string> | undefined;

/** The worker bundle, built once per test process. */
export function workerBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [new URL('./worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  }).then((r) => r.outputFiles[0]!.text);
  return bundle;
}

/** Opens the harness page and its worker; `call` then runs a worker handler. */
export async function openHarness(
  page: Page,
  options: { siteHeaders?: boolean } = {},
): Promise<{
  call: <T>(name: string, arg?: unknown) => Promise<T>;
}> {
  // The site's headers by default (COOP/COEP make the page cross-origin isolated, as the site is).
  const headers =
    options.siteHeaders === false
      ? {}
      : readHeaders(new URL('../../../public/_headers', import.meta.url));
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html lang="en"><title>GPU harness</title><p>GPU harness</p></html>',
    }),
  );
  await page.goto(`${ORIGIN}/`);
  const code = await workerBundle();
  await page.evaluate((source) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    const pending = new Map<
      number,
      { resolve: (v: unknown) => void; reject: (e: Error) => void }
    >();
    let next = 0;
    worker.onmessage = (
      e: MessageEvent<{ id: number; ok: boolean; result?: unknown; error?: string }>,
    ) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (e.data.ok) p?.resolve(e.data.result);
      else p?.reject(new Error(e.data.error));
    };
    worker.onerror = (e) =>
      pending.forEach((p) => p.reject(new Error(`worker error: ${e.message}`)));
    (globalThis as unknown as { pdGpu: unknown }).pdGpu = (name: string, arg: unknown) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, name, arg });
      });
  }, code);
  return {
    call: <T>(name: string, arg?: unknown) =>
      page.evaluate(
        ([n, a]) =>
          (globalThis as unknown as { pdGpu: (n: string, a: unknown) => Promise<unknown> }).pdGpu(
            n,
            a,
          ),
        [name, arg] as const,
      ) as Promise<T>,
  };
}
