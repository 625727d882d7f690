/**
 * Real CPython through the site's loader: the core files served over HTTP from
 * node_modules/pyodide (as /pyodide/ is on the site), streamed with a byte
 * count, booted, and made to compute a dot product two ways. Loading takes a
 * few seconds: PD_SKIP_CPYTHON=1 skips the tests that boot CPython.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateResolution, systemClock } from '../../../src/bench/clock';
import { measureLadder } from '../../../src/bench/ladder';
import { randomVector } from '../../../src/kernels/generate';
import { referenceDot } from '../../../src/kernels/reference';
import { EPSILON } from '../../../src/kernels/types';
import { CORE_BYTES, CORE_FILES, PYODIDE_VERSION } from '../../../src/python/core-files';
import {
  loadCPython,
  CPythonLoadError,
  type CPython,
  type LoadProgress,
} from '../../../src/python/cpython';
import { createLadderRunner } from '../../../src/python/ladder-runner';
import { DIR, importFromFolder, serveCore, skipBoot } from './serve-core';

const dotBound = (a: Float64Array, b: Float64Array): number =>
  4 * a.length * EPSILON.f64 * referenceDot(a.map(Math.abs), b.map(Math.abs));

let server: Server;
let base: string;
beforeAll(async () => {
  ({ server, base } = await serveCore());
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('CORE_FILES', () => {
  it('matches the installed pyodide package, file by file', () => {
    const pkg = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8')) as { version: string };
    expect(PYODIDE_VERSION).toBe(pkg.version);
    for (const f of CORE_FILES) expect(statSync(join(DIR, f.name)).size, f.name).toBe(f.bytes);
  });
});

describe('loadCPython(options)', () => {
  it('rejects with a CPythonLoadError naming the missing file when the core is not served', async () => {
    const error = await loadCPython({
      baseUrl: base.replace('/pyodide/', '/missing/'),
      importModule: () =>
        Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CPythonLoadError);
    expect((error as CPythonLoadError).reason).toBe('not-found');
    expect((error as Error).message).toMatch(/\/missing\/.*HTTP 404/);
  });

  describe.skipIf(skipBoot)('with the core served', () => {
    let python: CPython;
    const progress: LoadProgress[] = [];
    beforeAll(async () => {
      python = await loadCPython({
        baseUrl: base,
        indexUrl: `${DIR}/`,
        importModule: importFromFolder,
        onProgress: (p) => progress.push(p),
      });
    }, 60_000);

    it('counts every byte of the core as it arrives, then starts', () => {
      expect(python.version).toMatch(/^3\.\d+\.\d+$/);
      expect(python.pyodideVersion).toBe(PYODIDE_VERSION);
      expect(python.downloadedBytes).toBe(CORE_BYTES);
      const download = progress.filter((p) => p.phase === 'download');
      expect(download.length).toBeGreaterThan(4);
      for (let i = 1; i < download.length; i++)
        expect(download[i]!.loadedBytes).toBeGreaterThanOrEqual(download[i - 1]!.loadedBytes);
      expect(progress.at(-1)).toEqual({
        phase: 'start',
        loadedBytes: CORE_BYTES,
        totalBytes: CORE_BYTES,
      });
    });

    it('runs the pure-Python dot loop and math.sumprod to referenceDot(a, b)', () => {
      const a = randomVector(1000, 'f64', 7) as Float64Array;
      const b = randomVector(1000, 'f64', 8) as Float64Array;
      const ref = referenceDot(a, b);
      const list = (v: Float64Array) => `[${Array.from(v, (x) => x.toPrecision(17)).join(',')}]`;
      const [loop] = python.runNumbers(`
a = ${list(a)}
b = ${list(b)}
s = 0.0
for i in range(len(a)):
    s += a[i] * b[i]
s`);
      const [sumprod] = python.runNumbers('import math; math.sumprod(a, b)');
      expect(Math.abs(loop! - ref)).toBeLessThanOrEqual(dotBound(a, b));
      expect(Math.abs(sumprod! - ref)).toBeLessThanOrEqual(dotBound(a, b));
    });

    it('measureLadder verifies and times the CPython rungs through createLadderRunner(python)', () => {
      const runner = createLadderRunner(python);
      expect(runner.cLoop).toBe('math.sumprod');
      const ctx = {
        clock: systemClock,
        resolutionMs: calibrateResolution(systemClock),
        simd: null,
        python: runner,
        measure: { batches: 3, warmupMs: 1, minBatchMs: 2 },
      };
      for (const op of ['dot', 'gemv'] as const) {
        const result = measureLadder(
          { op, n: 64, seed: 3, rungs: ['python-loop', 'python-c-loop', 'typed-array'] },
          ctx,
        );
        for (const rung of result.rungs) {
          expect(rung.status, `${op} ${rung.id}`).toBe('measured');
          expect(rung.verified, `${op} ${rung.id}`).toBe(true);
          expect(rung.nsPerElement).toBeGreaterThan(0);
        }
        expect(result.crossingNs).toBeGreaterThan(0);
        expect(result.ratios.pythonOverCLoop).toBeGreaterThan(0);
      }
    }, 30_000);
  });
});
