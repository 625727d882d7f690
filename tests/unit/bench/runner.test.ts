import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKernelId, runPeaks, runProblem, type RunContext } from '../../../src/bench/runner';
import { loadKernelsForTest } from '../kernels/wasm-fixture';

let ctx: RunContext;
beforeAll(async () => {
  // A clock that ticks 1 ms per read: these tests check plumbing and verification, never speed.
  let t = 0;
  ctx = {
    clock: { now: () => (t += 1) },
    resolutionMs: 0.001,
    simd: await loadKernelsForTest(),
    measure: { batches: 2, minBatchMs: 0.5, minResolutions: 1, warmupMs: 0 },
  };
}, 60_000);

describe('parseKernelId(text)', () => {
  it('reads format, block size and tier, with tuned as the default tier', () => {
    expect(parseKernelId('dense:naive')).toEqual({ format: 'dense', tier: 'naive' });
    expect(parseKernelId('bsr8')).toEqual({ format: 'bsr', tier: 'tuned', blockSize: 8 });
    expect(parseKernelId('csr:simd')).toEqual({ format: 'csr', tier: 'simd' });
  });

  it('rejects unknown formats and tiers a format does not have', () => {
    expect(() => parseKernelId('ell')).toThrow(/Unknown kernel/);
    expect(() => parseKernelId('coo:simd')).toThrow(/no simd tier/);
    expect(() => parseKernelId('csr4')).toThrow(/block size/);
  });
});

describe('runProblem(problem, kernels, ctx)', () => {
  it('runs every tier and format on one seeded matrix and verifies every answer', () => {
    const kernels = [
      'dense:naive',
      'dense:tuned',
      'dense:simd',
      'csr:tuned',
      'csr:simd',
      'coo',
      'bsr2',
      'bsr4:simd',
    ].map(parseKernelId);
    for (const batch of [1, 5]) {
      for (const dtype of ['f64', 'f32'] as const) {
        const results = runProblem(
          { structure: 'unstructured', dtype, n: 37, batch, sparsity: 0.8, seed: 3 },
          kernels,
          ctx,
        );
        expect(results.map((r) => r.kernel)).toEqual([
          'dense:naive',
          'dense:tuned',
          'dense:simd',
          'csr:tuned',
          'csr:simd',
          'coo:tuned',
          'bsr2:tuned',
          'bsr4:simd',
        ]);
        for (const r of results) {
          expect(r.verified, `${r.kernel} worst ratio ${r.worstRatio}`).toBe(true);
          expect(r.nnz).toBe(Math.round(37 * 37 * 0.2));
          expect(r.op).toBe(
            r.format === 'dense' ? (batch === 1 ? 'gemv' : 'gemm') : batch === 1 ? 'spmv' : 'spmm',
          );
        }
        expect(results[0]!.flops).toBe(2 * 37 * 37 * batch);
        expect(results[3]!.flops).toBe(2 * results[3]!.nnz * batch);
      }
    }
  });

  it('runs 2:4 kernels on 2:4 matrices', () => {
    const [r] = runProblem(
      { structure: 'nm', dtype: 'f32', n: 18, batch: 3, sparsity: 0.6, seed: 2 },
      [parseKernelId('nm')],
      ctx,
    );
    expect(r!.verified).toBe(true);
  });

  it('runPeaks(ctx) reports the scalar and both SIMD probes', () => {
    expect(runPeaks(ctx, 1000).map((p) => p.kernel)).toEqual([
      'peak:scalar',
      'peak:simd-f32',
      'peak:simd-f64',
    ]);
  });
});

describe('npm run bench (scripts/bench.ts)', () => {
  const run = promisify(execFile);
  const bench = (...args: string[]) =>
    run('npx', ['tsx', 'scripts/bench.ts', ...args], { timeout: 60_000 });

  it('--help documents every flag', async () => {
    const { stdout } = await bench('--help');
    for (const flag of [
      '--json',
      '--sweep',
      '--ladder',
      '--kernels',
      '--n',
      '--batch',
      '--sparsity',
      '--dtype',
      '--structure',
      '--baseline',
      '--candidate',
    ]) {
      expect(stdout).toContain(flag);
    }
  }, 60_000);

  it('exits with code 2 and a clear message on a bad flag', async () => {
    await expect(bench('--bogus')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--bogus'"),
    });
    await expect(bench('--dtype', 'f16')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--dtype'),
    });
  }, 60_000);

  it('--json prints one measurement object per line with the documented fields', async () => {
    const { stdout } = await bench(
      '--json',
      '--n',
      '24',
      '--batch',
      '3',
      '--sparsity',
      '0.9',
      '--dtype',
      'f32',
      '--kernels',
      'dense:tuned,csr:simd',
      '--batches',
      '1',
      '--min-batch-ms',
      '1',
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const measurements = lines.filter((l) => l['type'] === undefined);
    expect(measurements).toHaveLength(2);
    for (const m of measurements) {
      for (const key of [
        'op',
        'tier',
        'format',
        'structure',
        'dtype',
        'n',
        'batch',
        'sparsity',
        'nnz',
        'medianMs',
        'q1Ms',
        'q3Ms',
        'gflops',
        'verified',
      ]) {
        expect(m).toHaveProperty(key);
      }
      expect(m['verified']).toBe(true);
    }
  }, 60_000);
});
