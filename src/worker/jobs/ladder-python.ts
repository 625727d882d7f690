/**
 * `ladder-python`: the interpreter ladder's CPython rungs — a loop in Python
 * and the same loop in C (`math.sumprod`) — in real CPython, loaded once per
 * worker from the site's own /pyodide/ with byte-by-byte progress. It runs in
 * a named worker of its own (TaskSpec.worker): once Pyodide has grown its
 * WebAssembly memory, V8 runs every typed-array loop in that thread slower,
 * so the kernels must never share it.
 */
import type { LadderParams, LadderStep, PythonLadderRunner } from '../../bench/ladder';
import { CORE_BYTES } from '../../python/core-files';
import {
  CPythonLoadError,
  loadCPython,
  type LoadCPythonOptions,
  type LoadProgress,
} from '../../python/cpython';
import { createLadderRunner } from '../../python/ladder-runner';
import { defineJob } from '../context';
import { runLadder, type LadderJobResult } from './ladder';

export const PYTHON_RUNGS = ['python-loop', 'python-c-loop'] as const;

export interface LadderPythonParams extends LadderParams {
  /** Where CPython's core is served: /pyodide/ on the site's origin, as an absolute URL. */
  base: string;
}

/** What loading CPython cost this worker (the first job pays; later ones reuse it). */
export interface CPythonLoad {
  version: string;
  pyodideVersion: string;
  downloadedBytes: number;
  loadMs: number;
  /** This job found CPython already loaded. */
  cached: boolean;
}

export interface LadderPythonResult extends LadderJobResult {
  cpython: CPythonLoad;
}

/** Downloading and starting CPython (bytes as they arrive), then the ladder's steps. */
export type LadderPythonProgress = ({ phase: 'download' | 'start' } & LoadProgress) | LadderStep;

interface Loaded {
  runner: PythonLadderRunner;
  load: Omit<CPythonLoad, 'cached'>;
}

let loading: Promise<Loaded> | null = null;
let extra: Partial<LoadCPythonOptions> = {};
const listeners = new Set<(p: LoadProgress) => void>();

/** For Node tests: how to import Pyodide's modules and where its package lies. */
export function configureCPython(options: Partial<LoadCPythonOptions>): void {
  extra = options;
}

/** CPython for this worker: loaded on first use, shared by every later job; a failed load can be retried. */
function cpython(base: string): Promise<Loaded> {
  loading ??= (async () => {
    const t0 = performance.now();
    const python = await loadCPython({
      baseUrl: base,
      ...extra,
      onProgress: (p) => listeners.forEach((l) => l(p)),
    });
    return {
      runner: createLadderRunner(python),
      load: {
        version: python.version,
        pyodideVersion: python.pyodideVersion,
        downloadedBytes: python.downloadedBytes,
        loadMs: performance.now() - t0,
      },
    };
  })().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

export const ladderPython = defineJob<LadderPythonParams, LadderPythonResult, LadderPythonProgress>(
  {
    priority: 1,
    async run(params, ctx) {
      const cached = loading !== null;
      const report = (p: LoadProgress): void => ctx.progress(p.loadedBytes, p.totalBytes, p);
      listeners.add(report);
      let loaded: Loaded;
      try {
        if (!cached) report({ phase: 'download', loadedBytes: 0, totalBytes: CORE_BYTES });
        loaded = await cpython(params.base);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new Error(
          e instanceof CPythonLoadError ? `CPython did not load. ${why}` : `CPython failed: ${why}`,
        );
      } finally {
        listeners.delete(report);
      }
      const { base: _base, corrupt: _corrupt, ...ladderParams } = params;
      const result = await runLadder(
        ladderParams,
        PYTHON_RUNGS,
        { simd: null, python: loaded.runner },
        ctx,
      );
      return { ...result, cpython: { ...loaded.load, cached } };
    },
  },
);
