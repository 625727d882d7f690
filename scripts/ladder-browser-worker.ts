/**
 * The worker scripts/ladder-browser.ts runs in headless Chromium: one job per
 * message, either the CPython rungs (loading CPython from /pyodide/ first) or
 * the JavaScript and WebAssembly rungs. Two workers, as on the site, because
 * loading CPython slows every typed-array loop in its thread.
 */
import { calibrateResolution, systemClock } from '../src/bench/clock';
import { measureLadder, type LadderParams, type LadderResult } from '../src/bench/ladder';
import { tryLoadSimdKernels } from '../src/kernels/wasm';
import { CPythonLoadError, loadCPython, type LoadProgress } from '../src/python/cpython';
import { createLadderRunner } from '../src/python/ladder-runner';
import type { PythonLadderRunner } from '../src/bench/ladder';

export type LadderWorkerRequest =
  | { kind: 'python'; params: LadderParams[]; baseUrl: string }
  | { kind: 'js'; params: LadderParams[]; wasmUrl: string };

export type LadderWorkerMessage =
  | { type: 'load'; progress: LoadProgress }
  | { type: 'loaded'; version: string; ms: number }
  | { type: 'result'; result: LadderResult }
  | { type: 'error'; reason: string; message: string }
  | { type: 'done' };

const post = (m: LadderWorkerMessage): void => self.postMessage(m);

self.onmessage = async (event: MessageEvent<LadderWorkerRequest>) => {
  const job = event.data;
  try {
    let python: PythonLadderRunner | null = null;
    let simd = null;
    let simdUnavailable: string | undefined;
    if (job.kind === 'python') {
      const t0 = performance.now();
      const cpython = await loadCPython({
        baseUrl: new URL(job.baseUrl, self.location.href),
        onProgress: (progress) => post({ type: 'load', progress }),
        stallTimeoutMs: 10_000,
        startTimeoutMs: 30_000,
      });
      post({ type: 'loaded', version: cpython.version, ms: performance.now() - t0 });
      python = createLadderRunner(cpython);
    } else {
      const loaded = await tryLoadSimdKernels(new URL(job.wasmUrl, self.location.href));
      simd = loaded.kernels;
      if (loaded.reason !== null) simdUnavailable = loaded.reason;
    }
    const env = {
      clock: systemClock,
      resolutionMs: calibrateResolution(systemClock),
      simd,
      python,
      ...(simdUnavailable ? { simdUnavailable } : {}),
    };
    for (const params of job.params) post({ type: 'result', result: measureLadder(params, env) });
    post({ type: 'done' });
  } catch (e) {
    post({
      type: 'error',
      reason: e instanceof CPythonLoadError ? e.reason : 'error',
      message: e instanceof Error ? e.message : String(e),
    });
  }
};
