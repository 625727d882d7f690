/**
 * The interpreter ladder in headless Chromium, served the way the site is:
 * same-origin files under public/_headers (cross-origin isolation, the CSP),
 * CPython's core at /pyodide/ from node_modules/pyodide, the SIMD kernels at
 * /kernels.wasm. The CPython rungs run in one module worker, the others in a
 * second (loading CPython slows typed-array loops in its thread), and the
 * halves are combined.
 *
 *   npx tsx scripts/ladder-browser.ts            # measure: dot and gemv at several sizes
 *   npx tsx scripts/ladder-browser.ts --check    # load, verify at a small size, then the failure paths
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, type Plugin } from 'esbuild';
import { combineLadders, type LadderParams, type LadderResult } from '../src/bench/ladder';
import { hashSource, inlineScripts } from './csp.mjs';
import { readHeaders } from './headers.mjs';
import type { LadderWorkerMessage, LadderWorkerRequest } from './ladder-browser-worker';
import { PYODIDE_CORE_FILES, pyodideDir } from './pyodide-assets.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const SITE_HEADERS = readHeaders(new URL('../public/_headers', import.meta.url));

/** Vite's `?raw` imports, for esbuild: the file's text as the default export. */
const rawText: Plugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>ladder</title><script type="module">
window.runJob = (request) => new Promise((resolve) => {
  const worker = new Worker('/worker.js', { type: 'module' });
  const messages = [];
  worker.onmessage = (e) => {
    messages.push(e.data);
    if (e.data.type === 'done' || e.data.type === 'error') { worker.terminate(); resolve(messages); }
  };
  worker.onerror = (e) => { worker.terminate(); resolve([...messages, { type: 'error', reason: 'worker', message: e.message }]); };
  worker.postMessage(request);
});
</script>`;

// The site's headers, with the CSP allowing this page's one inline script by its hash (as the
// build does for the site's pages).
const HEADERS = {
  ...SITE_HEADERS,
  'Content-Security-Policy': SITE_HEADERS['Content-Security-Policy']!.replace(
    'script-src ',
    `script-src ${inlineScripts(PAGE).map(hashSource).join(' ')} `,
  ),
};

interface Serving {
  server: Server;
  origin: string;
}

async function serve(
  worker: string,
  csp: string | null,
  pyodideMissing: boolean,
): Promise<Serving> {
  const dir = pyodideDir();
  const headers = { ...HEADERS };
  if (csp !== null) headers['Content-Security-Policy'] = csp;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const send = (status: number, type: string, body?: Buffer | string): void => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (path === '/') return send(200, 'text/html; charset=utf-8', PAGE);
    if (path === '/worker.js') return send(200, 'text/javascript', worker);
    if (path === '/kernels.wasm')
      return send(200, 'application/wasm', readFileSync(join(ROOT, 'build/wasm/kernels.wasm')));
    const name = path.replace(/^\/pyodide\//, '');
    if (path.startsWith('/pyodide/') && PYODIDE_CORE_FILES.includes(name) && !pyodideMissing) {
      const type = name.endsWith('.wasm')
        ? 'application/wasm'
        : name.endsWith('.zip')
          ? 'application/zip'
          : 'text/javascript';
      res.setHeader('Content-Length', String(statSync(join(dir, name)).size));
      return send(200, type, readFileSync(join(dir, name)));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function bundleWorker(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'scripts/ladder-browser-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    plugins: [rawText],
  });
  return out.outputFiles[0]!.text;
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launch>>['newPage']>>;

async function withPage<T>(
  worker: string,
  options: { csp?: string | null; pyodideMissing?: boolean },
  use: (page: Page, origin: string) => Promise<T>,
): Promise<T> {
  const executablePath = chromiumPath();
  const { server, origin } = await serve(
    worker,
    options.csp ?? null,
    options.pyodideMissing ?? false,
  );
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
  });
  const requests: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        console.log(`  [console.${m.type()}] ${m.text()}`);
    });
    await page.goto(`${origin}/`);
    const out = await use(page, origin);
    const foreign = requests.filter((u) => !u.startsWith(origin));
    if (foreign.length) console.log(`  requests that left the origin: ${foreign.join(', ')}`);
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}

const runJob = (page: Page, request: LadderWorkerRequest): Promise<LadderWorkerMessage[]> =>
  page.evaluate(
    (r) =>
      (
        window as unknown as { runJob: (r: LadderWorkerRequest) => Promise<LadderWorkerMessage[]> }
      ).runJob(r),
    request,
  );

const results = (messages: LadderWorkerMessage[]): LadderResult[] =>
  messages.flatMap((m) => (m.type === 'result' ? [m.result] : []));

function report(messages: LadderWorkerMessage[]): void {
  for (const m of messages) {
    if (m.type === 'loaded')
      console.log(`  CPython ${m.version} loaded in ${(m.ms / 1000).toFixed(1)} s`);
    if (m.type === 'error') console.log(`  error (${m.reason}): ${m.message}`);
  }
  const loads = messages.flatMap((m) => (m.type === 'load' ? [m.progress] : []));
  if (loads.length)
    console.log(
      `  progress: ${loads.length} reports, last ${loads.at(-1)!.phase} ${loads.at(-1)!.loadedBytes}/${loads.at(-1)!.totalBytes} bytes`,
    );
}

function table(r: LadderResult): void {
  console.log(`\n${r.op} n = ${r.n}${r.op === 'gemv' ? ` (${r.rows} × ${r.cols})` : ''}`);
  for (const rung of r.rungs) {
    const ns =
      rung.nsPerElement === null ? '—' : rung.nsPerElement.toFixed(rung.nsPerElement < 10 ? 3 : 1);
    const ratio = rung.ratioToFastest === null ? '' : `${rung.ratioToFastest.toFixed(1)}×`;
    const fixed = rung.fixedShare === null ? '' : `fixed ${(rung.fixedShare * 100).toFixed(0)} %`;
    const flags = `${rung.verified ? 'verified' : rung.status}${rung.noisy ? ' noisy' : ''}`;
    console.log(
      `  ${rung.id.padEnd(14)} ${ns.padStart(9)} ns/el  ${ratio.padStart(9)}  ${fixed.padEnd(11)} ${flags} ${rung.kernel}`,
    );
  }
  const q = r.ratios;
  const f = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}×`);
  console.log(
    `  python/simd ${f(q.pythonOverSimd)}  python/c-loop ${f(q.pythonOverCLoop)}  interpreter/typed ${f(q.interpreterOverTyped)}  crossing ${r.crossingNs === null ? '—' : `${(r.crossingNs / 1000).toFixed(1)} µs`}`,
  );
  if (r.notes.length) console.log(`  notes: ${r.notes.join(' ')}`);
}

async function measure(worker: string, params: LadderParams[]): Promise<void> {
  await withPage(worker, {}, async (page) => {
    const js = await runJob(page, { kind: 'js', params, wasmUrl: '/kernels.wasm' });
    report(js);
    const py = await runJob(page, {
      kind: 'python',
      params: params.map((p) => ({ ...p, rungs: ['python-loop', 'python-c-loop'] })),
      baseUrl: '/pyodide/',
    });
    report(py);
    const [a, b] = [results(js), results(py)];
    a.forEach((r, i) => table(b[i] ? combineLadders([r, b[i]!]) : r));
    console.log(`\n${JSON.stringify(a.map((r, i) => (b[i] ? combineLadders([r, b[i]!]) : r)))}`);
  });
}

async function check(worker: string): Promise<void> {
  const small: LadderParams[] = [{ op: 'dot', n: 1000, seed: 1, overhead: false }];
  console.log('1. site headers: CPython from /pyodide/, verified at n = 1000');
  await withPage(worker, {}, async (page) => {
    const py = await runJob(page, { kind: 'python', params: small, baseUrl: '/pyodide/' });
    report(py);
    for (const r of results(py)) table(r);
  });
  console.log('\n2. the core missing (404)');
  await withPage(worker, { pyodideMissing: true }, async (page) =>
    report(await runJob(page, { kind: 'python', params: small, baseUrl: '/pyodide/' })),
  );
  console.log("\n3. a CSP without 'wasm-unsafe-eval'");
  const noWasm = HEADERS['Content-Security-Policy']!.replace(" 'wasm-unsafe-eval'", '');
  await withPage(worker, { csp: noWasm }, async (page) =>
    report(await runJob(page, { kind: 'python', params: small, baseUrl: '/pyodide/' })),
  );
  console.log('\n4. the JS rungs with CPython absent');
  await withPage(worker, {}, async (page) => {
    const js = await runJob(page, { kind: 'js', params: small, wasmUrl: '/kernels.wasm' });
    report(js);
    for (const r of results(js)) table(r);
  });
}

const worker = await bundleWorker();
if (process.argv.includes('--check')) await check(worker);
else {
  const sizes = [1, 16, 1024, 65536, 524288];
  await measure(worker, [
    ...sizes.map((n): LadderParams => ({ op: 'dot', n, seed: 1 })),
    { op: 'gemv', n: 65536, seed: 1 },
  ]);
}
