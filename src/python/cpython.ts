/**
 * Real CPython (the npm `pyodide` core: CPython compiled to WebAssembly),
 * loaded on request from our own origin inside a dedicated module worker.
 *
 *   const python = await loadCPython({
 *     baseUrl: new URL('/pyodide/', self.location.href),
 *     onProgress: ({ loadedBytes, totalBytes }) => …,
 *   });
 *   python.runNumbers('import math; math.sumprod([1.0, 2.0], [3.0, 4.0])'); // Float64Array [11]
 *
 * Why it downloads the big files itself: Pyodide fetches them internally and
 * reports nothing, so the loader streams them with a byte count, then answers
 * Pyodide's own requests for the same URLs from those bytes (a fetch wrapper,
 * installed only while CPython starts). Handing Pyodide blob: URLs instead
 * would need `blob:` in the CSP's connect-src. The lock file is not fetched at
 * all: no packages are loaded, so an empty one is passed.
 *
 * Every failure becomes a CPythonLoadError whose message says what to fix (a
 * missing file, a Content-Security-Policy refusal, a stalled download), and
 * nothing waits forever: Pyodide only logs a failed WebAssembly instantiation
 * and never settles, so start-up is raced against a timeout.
 *
 * Load once per worker: while it starts, the loader briefly owns the worker's
 * global fetch and console.warn.
 */
import type { PyodideAPI } from 'pyodide';
import { CORE_BYTES, CORE_FILES, PYODIDE_LOCK_INFO, PYODIDE_VERSION } from './core-files';

export interface LoadProgress {
  /** 'download' while bytes arrive; 'start' while CPython boots from them. */
  phase: 'download' | 'start';
  loadedBytes: number;
  totalBytes: number;
}

export interface LoadCPythonOptions {
  /** Where the core files are served, e.g. new URL('/pyodide/', self.location.href). */
  baseUrl: string | URL;
  onProgress?: (progress: LoadProgress) => void;
  /** Give up when no byte has arrived for this long (default 30 s)… */
  stallTimeoutMs?: number;
  /** …or when CPython has not started this long after the download (default 60 s). */
  startTimeoutMs?: number;
  /**
   * Pyodide's own indexURL (default: baseUrl). Under Node, Pyodide resolves it
   * with the path module, so Node callers pass the package folder here.
   */
  indexUrl?: string;
  /** How to import an ES module by URL (default: dynamic import()). */
  importModule?: (url: string) => Promise<unknown>;
  /** The fetch to download with (default: the global one). */
  fetch?: typeof fetch;
}

export type LoadFailure = 'not-found' | 'blocked' | 'network' | 'timeout' | 'start';

export class CPythonLoadError extends Error {
  constructor(
    readonly reason: LoadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CPythonLoadError';
  }
}

export interface CPython {
  /** CPython's version, e.g. '3.14.2'. */
  readonly version: string;
  /** The Pyodide distribution it came from, e.g. '314.0.7'. */
  readonly pyodideVersion: string;
  /** Bytes this load downloaded. */
  readonly downloadedBytes: number;
  /** The Pyodide API, for runners that keep Python objects alive between calls. */
  readonly api: PyodideAPI;
  /** Runs Python source; returns its last expression converted to JavaScript. */
  run(code: string): unknown;
  /** Runs Python source whose last expression is a float or a list of floats. */
  runNumbers(code: string): Float64Array;
}

/** The empty WebAssembly module: compiling it tells whether this context may compile WebAssembly at all. */
const EMPTY_WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

const MB = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** The files the loader streams itself (the two big ones); the .mjs files are imported. */
const STREAMED = ['pyodide.asm.wasm', 'python_stdlib.zip'] as const;

const importByUrl = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

function sizeOf(name: string): number {
  return CORE_FILES.find((f) => f.name === name)?.bytes ?? 0;
}

async function ensureWasmAllowed(): Promise<void> {
  if (typeof WebAssembly !== 'object') {
    throw new CPythonLoadError(
      'blocked',
      'This browser has no WebAssembly, so CPython cannot run.',
    );
  }
  try {
    await WebAssembly.compile(EMPTY_WASM);
  } catch (e) {
    throw new CPythonLoadError(
      'blocked',
      `This page may not compile WebAssembly (${e instanceof Error ? e.message : String(e)}): ` +
        `its Content-Security-Policy needs 'wasm-unsafe-eval' in script-src.`,
    );
  }
}

/** Why fetching `url` failed, in words, from a HEAD request (used after an import() failure, which says nothing). */
async function diagnose(
  url: string,
  fetchFn: typeof fetch,
  cause: unknown,
): Promise<CPythonLoadError> {
  const detail = cause instanceof Error ? cause.message : String(cause);
  try {
    const head = await fetchFn(url, { method: 'HEAD' });
    if (head.status === 404)
      return new CPythonLoadError('not-found', `${url} is missing (HTTP 404).`);
    if (!head.ok) return new CPythonLoadError('network', `${url} answered HTTP ${head.status}.`);
    return new CPythonLoadError(
      'blocked',
      `${url} exists but could not be run as a module (${detail}): check the Content-Security-Policy's ` +
        `script-src and that the server sends it as text/javascript.`,
    );
  } catch {
    return new CPythonLoadError('network', `Could not load ${url} (${detail}).`);
  }
}

interface Download {
  url: string;
  bytes: Uint8Array;
}

/**
 * Streams the big files in parallel, counting bytes as they arrive. A stall
 * (no byte for stallMs across all files) aborts everything.
 */
async function downloadAll(
  urls: readonly string[],
  fetchFn: typeof fetch,
  stallMs: number,
  onBytes: (delta: number) => void,
): Promise<Download[]> {
  const controller = new AbortController();
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  const one = async (url: string): Promise<Download> => {
    let response: Response;
    try {
      response = await fetchFn(url, { signal: controller.signal });
    } catch (e) {
      if (stalled) throw stallError(url, stallMs);
      throw new CPythonLoadError(
        'network',
        `Could not fetch ${url} (${e instanceof Error ? e.message : String(e)}): the network failed, ` +
          `or the Content-Security-Policy's connect-src refused it.`,
      );
    }
    if (response.status === 404)
      throw new CPythonLoadError('not-found', `${url} is missing (HTTP 404).`);
    if (!response.ok)
      throw new CPythonLoadError('network', `${url} answered HTTP ${response.status}.`);
    const chunks: Uint8Array[] = [];
    let length = 0;
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          arm();
          chunks.push(value);
          length += value.byteLength;
          onBytes(value.byteLength);
        }
      } catch (e) {
        if (stalled) throw stallError(url, stallMs);
        throw new CPythonLoadError(
          'network',
          `The download of ${url} broke off (${e instanceof Error ? e.message : String(e)}).`,
        );
      }
    } else {
      const whole = new Uint8Array(await response.arrayBuffer());
      chunks.push(whole);
      length = whole.byteLength;
      onBytes(length);
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return { url, bytes };
  };
  arm();
  try {
    return await Promise.all(urls.map(one));
  } catch (e) {
    controller.abort();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function stallError(url: string, stallMs: number): CPythonLoadError {
  return new CPythonLoadError(
    'timeout',
    `The download of ${url} stalled: no data for ${Math.round(stallMs / 1000)} s.`,
  );
}

function contentTypeOf(url: string): string {
  return url.endsWith('.wasm') ? 'application/wasm' : 'application/zip';
}

/**
 * While CPython starts, answers Pyodide's requests for files already
 * downloaded from memory (as a fresh Response each time); anything else goes
 * to the real fetch. Returns the function that puts the real fetch back.
 */
function serveFromMemory(files: readonly Download[]): () => void {
  const g = globalThis as { fetch: typeof fetch };
  const real = g.fetch;
  const byUrl = new Map(files.map((f) => [f.url, f.bytes]));
  const wrapped: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const bytes = byUrl.get(url);
    if (bytes && (init?.method ?? 'GET') === 'GET') {
      // A copy of the view, not the buffer: Response may transfer what it is given.
      return Promise.resolve(
        new Response(bytes.slice(), { headers: { 'Content-Type': contentTypeOf(url) } }),
      );
    }
    return real(input, init);
  };
  g.fetch = wrapped;
  return () => {
    if (g.fetch === wrapped) g.fetch = real;
  };
}

/**
 * Pyodide reports a failed WebAssembly instantiation only through
 * console.warn ("wasm instantiation failed!", then the error) and then never
 * settles. Listening there turns that into a prompt rejection.
 */
function watchInstantiation(onFailure: (message: string) => void): () => void {
  const real = console.warn;
  let next = false;
  console.warn = (...args: unknown[]) => {
    if (next) {
      next = false;
      onFailure(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    } else if (args[0] === 'wasm instantiation failed!') next = true;
    real.apply(console, args);
  };
  return () => {
    console.warn = real;
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type PyodideModule = typeof import('pyodide');
type CreateModule = NonNullable<Parameters<PyodideModule['loadPyodide']>[0]>['createPyodideModule'];

export async function loadCPython(options: LoadCPythonOptions): Promise<CPython> {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const importModule = options.importModule ?? importByUrl;
  const stallMs = options.stallTimeoutMs ?? 30_000;
  const startMs = options.startTimeoutMs ?? 60_000;
  const base = new URL(String(options.baseUrl), globalThis.location?.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const urlOf = (name: string): string => new URL(name, base).href;
  const total = CORE_BYTES;
  let loaded = 0;
  const report = (phase: LoadProgress['phase']): void =>
    options.onProgress?.({ phase, loadedBytes: Math.min(loaded, total), totalBytes: total });

  await ensureWasmAllowed();
  report('download');

  // The two scripts load while the big files stream; each counts when it arrives.
  const script = async <T>(name: string): Promise<T> => {
    const url = urlOf(name);
    try {
      const module = (await withTimeout(
        importModule(url),
        stallMs,
        () =>
          new CPythonLoadError(
            'timeout',
            `${url} did not load within ${Math.round(stallMs / 1000)} s.`,
          ),
      )) as T;
      loaded += sizeOf(name);
      report('download');
      return module;
    } catch (e) {
      throw e instanceof CPythonLoadError ? e : await diagnose(url, fetchFn, e);
    }
  };
  const pyodideScript = script<PyodideModule>('pyodide.mjs');
  const asmScript = script<{ default: CreateModule }>('pyodide.asm.mjs');
  // Settle both before a failure elsewhere is reported, so no rejection goes unhandled.
  pyodideScript.catch(() => undefined);
  asmScript.catch(() => undefined);

  const files = await downloadAll(STREAMED.map(urlOf), fetchFn, stallMs, (delta) => {
    loaded += delta;
    report('download');
  });
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
    pyodideScript,
    asmScript,
  ]);
  const downloadedBytes = loaded;

  report('start');
  const restoreFetch = serveFromMemory(files);
  let failInstantiation: (message: string) => void = () => undefined;
  const instantiationFailed = new Promise<never>((_, reject) => {
    failInstantiation = (message) =>
      reject(
        new CPythonLoadError(
          'blocked',
          `CPython's WebAssembly module would not start (${message}).`,
        ),
      );
  });
  const restoreWarn = watchInstantiation((m) => failInstantiation(m));
  const output: string[] = [];
  let api: PyodideAPI;
  try {
    api = await withTimeout(
      Promise.race([
        loadPyodide({
          indexURL: options.indexUrl ?? base.href,
          stdLibURL: urlOf('python_stdlib.zip'),
          lockFileContents: {
            info: { ...PYODIDE_LOCK_INFO, version: PYODIDE_VERSION },
            packages: {},
          },
          ...(createPyodideModule ? { createPyodideModule } : {}),
          stdout: (line) => output.push(line),
          stderr: (line) => output.push(line),
        }),
        instantiationFailed,
      ]),
      startMs,
      () =>
        new CPythonLoadError(
          'timeout',
          `CPython did not start within ${Math.round(startMs / 1000)} s of its download` +
            (output.length ? ` (it said: ${output.slice(-3).join(' / ')}).` : '.'),
        ),
    );
  } catch (e) {
    if (e instanceof CPythonLoadError) throw e;
    throw new CPythonLoadError(
      'start',
      `CPython failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    restoreWarn();
    restoreFetch();
  }

  const run = (code: string): unknown => {
    const value: unknown = api.runPython(code);
    if (isProxy(value)) {
      try {
        return value.toJs();
      } finally {
        value.destroy();
      }
    }
    return value;
  };
  const version = String(run('import sys; sys.version.split()[0]'));
  return {
    version,
    pyodideVersion: api.version ?? PYODIDE_VERSION,
    downloadedBytes,
    api,
    run,
    runNumbers(code) {
      const value = run(code);
      if (typeof value === 'number') return Float64Array.of(value);
      if (Array.isArray(value) && value.every((v) => typeof v === 'number'))
        return Float64Array.from(value as number[]);
      throw new TypeError(
        `Expected a float or a list of floats from Python, got ${describe(value)}.`,
      );
    },
  };
}

interface ProxyLike {
  toJs(): unknown;
  destroy(): void;
}

function isProxy(value: unknown): value is ProxyLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ProxyLike>).toJs === 'function' &&
    typeof (value as Partial<ProxyLike>).destroy === 'function'
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  return value === null ? 'None' : typeof value;
}

/** "13.4 MB (about 6.4 MB compressed)": what the page states before the reader asks. */
export function describeDownload(bytes: number, gzipBytes: number): string {
  return `${MB(bytes)} (about ${MB(gzipBytes)} compressed)`;
}
