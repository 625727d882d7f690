import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladderRateKey } from '../../../../src/bench/ladder';
import { RateBook } from '../../../../src/bench/rates';
import { CORE_BYTES } from '../../../../src/python/core-files';
import { ladder } from '../../../../src/worker/jobs/ladder';
import {
  configureCPython,
  ladderPython,
  type LadderPythonProgress,
} from '../../../../src/worker/jobs/ladder-python';
import { vectorize } from '../../../../src/worker/jobs/vectorize';
import { loadKernelsForTest } from '../../kernels/wasm-fixture';
import { DIR, importFromFolder, serveCore, skipBoot } from '../../python/serve-core';
import { nodeContext } from '../node-context';

describe('ladder.run(params, ctx)', () => {
  it('measures the five JavaScript and WebAssembly rungs, each verified, and no CPython rung', async () => {
    const simd = await loadKernelsForTest();
    const steps: number[] = [];
    const r = await ladder.run(
      { op: 'dot', n: 1024, seed: 1 },
      nodeContext({ simd, progress: (done) => steps.push(done) }),
    );
    expect(r.rungs.map((x) => x.id)).toEqual([
      'interpreter',
      'plain-array',
      'typed-array',
      'tuned',
      'simd',
    ]);
    for (const rung of r.rungs) {
      expect(rung.verified, rung.id).toBe(true);
      expect(rung.nsPerElement, rung.id).toBeGreaterThan(0);
      expect(rung.fixedShare, rung.id).toBeGreaterThan(0);
    }
    expect(r.ratios.interpreterOverTyped).toBeGreaterThan(1);
    expect(r.binding).toBeNull();
    expect(steps.length).toBeGreaterThan(10);
  });

  it('learns each rung’s rate, and caps a size this device would take too long on', async () => {
    const rates = new RateBook();
    await ladder.run(
      { op: 'gemv', n: 4096, seed: 2, rungs: ['interpreter'] },
      nodeContext({ rates }),
    );
    expect(rates.measured(ladderRateKey('interpreter', 'gemv', 4096))).toBe(true);
    // A device where the interpreter needs 10 µs per multiply-add cannot afford 2^19 of them.
    rates.record(ladderRateKey('interpreter', 'dot', 524288), 2, 0.01);
    const r = await ladder.run(
      { op: 'dot', n: 524288, seed: 2, rungs: ['interpreter', 'typed-array'], overhead: false },
      nodeContext({ rates }),
    );
    expect(r.binding).toBe('time');
    expect(r.n).toBeLessThan(524288);
    expect(r.notes.join(' ')).toMatch(/time budget/);
  });

  it('with the corrupt fault, shows the fastest rung failed and never ranks it', async () => {
    const simd = await loadKernelsForTest();
    const r = await ladder.run(
      { op: 'dot', n: 64, seed: 3, rungs: ['typed-array', 'simd'], overhead: false },
      nodeContext({ simd, fault: 'corrupt' }),
    );
    const failed = r.rungs.find((x) => x.id === 'simd')!;
    expect(failed.status).toBe('failed');
    expect(failed.ratioToFastest).toBeNull();
    expect(r.fastest).toBe('typed-array');
  });
});

describe('vectorize.run(params, ctx)', () => {
  it('measures the loop and the vectorised call, both verified, and learns their rates', async () => {
    const rates = new RateBook();
    const r = await vectorize.run({ op: 'axpy', n: 2048, seed: 1 }, nodeContext({ rates }));
    expect(r.loop.verified && r.vectorized.verified).toBe(true);
    expect(r.speedup).toBeGreaterThan(1);
    expect(r.binding).toBeNull();
    expect(
      rates.measured({
        kernel: 'vectorize:axpy:loop',
        dtype: 'f64',
        batch: 1,
        matrixBytes: 8 * 2048,
      }),
    ).toBe(true);
  });

  it('with the corrupt fault, reports the vectorised answer failed and no speedup', async () => {
    const r = await vectorize.run(
      { op: 'map', n: 100, seed: 1 },
      nodeContext({ fault: 'corrupt' }),
    );
    expect(r.vectorized.verified).toBe(false);
    expect(r.speedup).toBeNull();
  });
});

describe.skipIf(skipBoot)('ladderPython.run(params, ctx) with the core served', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ server, base } = await serveCore());
    configureCPython({ indexUrl: `${DIR}/`, importModule: importFromFolder });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names a missing core in its error, then loads CPython once and measures both rungs, verified', async () => {
    const missing = await ladderPython
      .run({ op: 'dot', n: 16, seed: 1, base: base.replace('/pyodide/', '/gone/') }, nodeContext())
      .catch((e: unknown) => e);
    expect(String(missing)).toMatch(/CPython did not load\. .*\/gone\/.*404/);

    const seen: LadderPythonProgress[] = [];
    const first = await ladderPython.run(
      { op: 'dot', n: 256, seed: 1, base },
      nodeContext<LadderPythonProgress>({ progress: (_d, _t, p) => seen.push(p) }),
    );
    const download = seen.filter((p) => p.phase === 'download');
    expect(download.length).toBeGreaterThan(2);
    expect(download.at(-1)).toMatchObject({ loadedBytes: CORE_BYTES, totalBytes: CORE_BYTES });
    expect(seen.some((p) => p.phase === 'start')).toBe(true);
    expect(seen.some((p) => p.phase === 'time')).toBe(true);
    expect(first.cpython).toMatchObject({ cached: false, downloadedBytes: CORE_BYTES });
    expect(first.rungs.map((r) => [r.id, r.verified])).toEqual([
      ['python-loop', true],
      ['python-c-loop', true],
    ]);
    expect(first.ratios.pythonOverCLoop).toBeGreaterThan(0);
    expect(first.crossingNs).toBeGreaterThan(0);

    const second = await ladderPython.run({ op: 'gemv', n: 256, seed: 2, base }, nodeContext());
    expect(second.cpython.cached).toBe(true);
    expect([second.rows, second.cols]).toEqual([16, 16]);
    expect(second.rungs.every((r) => r.verified)).toBe(true);
  }, 90_000);
});
