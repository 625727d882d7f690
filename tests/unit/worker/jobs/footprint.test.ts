import { describe, expect, it } from 'vitest';
import { BYTES, type DType } from '../../../../src/kernels/types';
import {
  breakEvenCount,
  FOOTPRINT_DTYPES,
  FOOTPRINT_FORMATS,
  FOOTPRINT_SPARSITIES,
  footprint,
  formulaBytes,
} from '../../../../src/worker/jobs/footprint';
import { nodeContext } from '../node-context';

describe('breakEvenCount(format, n, dtype)', () => {
  it('is the largest count whose formula size is no bigger than dense', () => {
    for (const n of [64, 100, 512, 2048]) {
      for (const dtype of FOOTPRINT_DTYPES) {
        const dense = formulaBytes('dense', n, dtype, 0, 0);
        for (const format of FOOTPRINT_FORMATS) {
          const c = breakEvenCount(format, n, dtype);
          const size = (count: number) =>
            format === 'bsr'
              ? formulaBytes(format, n, dtype, 0, count)
              : formulaBytes(format, n, dtype, count, 0);
          expect(size(c)).toBeLessThanOrEqual(dense);
          expect(size(c + 1)).toBeGreaterThan(dense);
        }
      }
    }
  });

  it('approaches the textbook shares for large n: CSR 4/(w+4), COO 8/(w+8), bitmap 1/(8w)', () => {
    const n = 2048;
    const s = (format: 'csr' | 'coo' | 'bitmap', dtype: DType) =>
      1 - breakEvenCount(format, n, dtype) / (n * n);
    for (const dtype of FOOTPRINT_DTYPES) {
      const w = BYTES[dtype];
      expect(s('csr', dtype)).toBeCloseTo(4 / (w + 4), 3);
      expect(s('coo', dtype)).toBeCloseTo(8 / (w + 8), 3);
      expect(s('bitmap', dtype)).toBeCloseTo(1 / (8 * w), 3);
    }
  });
});

describe('footprint.run(params, ctx)', () => {
  it('builds real matrices whose bytes match every formula, and confirms each break-even', async () => {
    const r = await footprint.run({ n: 100, seed: 3 }, nodeContext());
    expect(r.mismatches).toEqual([]);
    expect(r.verified).toBe(true);
    // Sparsities that leave no nonzero at all are skipped (nothing to put on a log axis).
    const kept = FOOTPRINT_SPARSITIES.filter((s) => Math.round(100 * 100 * (1 - s)) > 0);
    expect(r.points.length).toBe(2 * kept.length);
    expect(r.breakEvens.length).toBe(8);
    for (const b of r.breakEvens) {
      expect(b.confirmed, `${b.format} ${b.dtype}`).toBe(true);
      expect(b.bytesAt).toBeLessThanOrEqual(b.dense);
      expect(b.bytesAbove!).toBeGreaterThan(b.dense);
    }
    // Checked: dense + 4 formats per point, and two matrices per break-even.
    expect(r.checked).toBe(r.points.length * 5 + 16);
    const csr32 = r.breakEvens.find((b) => b.format === 'csr' && b.dtype === 'f32')!;
    expect(csr32.sparsity).toBeGreaterThan(0.5);
    expect(csr32.sparsity).toBeLessThan(0.51);
  });

  it('with the corrupt fault (test builds), fails the formula check', async () => {
    const r = await footprint.run({ n: 64, seed: 1 }, nodeContext({ fault: 'corrupt' }));
    expect(r.verified).toBe(false);
    expect(r.mismatches.length).toBe(1);
    expect(r.breakEvens.find((b) => b.format === 'csr' && b.dtype === 'f32')!.verified).toBe(false);
  });

  it('caps n to the memory budget, counting every buffer the job holds', async () => {
    const { footprintBytes, MEMORY_BUDGET_BYTES } = await import('../../../../src/bench/budget');
    expect(footprintBytes(2048)).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    expect(footprintBytes(4096)).toBeGreaterThan(MEMORY_BUDGET_BYTES);
  });
});
