import { describe, expect, it } from 'vitest';
import { csrFromDense } from '../../../src/kernels/csr';
import { randomDense, randomUnstructured } from '../../../src/kernels/generate';
import { halfBits, halfValue } from '../../../src/kernels/half';
import { referenceSpmm } from '../../../src/kernels/reference';
import { HALF_INPUT_EXTRA_TERMS, verifyGpuProduct } from '../../../src/gpu/verify-gpu';

const n = 129;
const k = 3;
const a = randomUnstructured({ rows: n, cols: n, sparsity: 0.5, dtype: 'f64', seed: 7 });
const x = randomDense(n, k, 'f64', 7);
const ref = referenceSpmm(csrFromDense(a), x);
const dense = { k, termsInRow: () => n };

/** Y computed as the GPU does with half inputs: A and X rounded to f16, sums in f32. */
function halfInputProduct(): Float32Array {
  const h = (v: number) => halfValue(halfBits(v));
  const y = new Float32Array(n * k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < n; p++)
        s = Math.fround(s + Math.fround(h(a.data[i * n + p]!) * h(x.data[p * k + j]!)));
      y[i * k + j] = s;
    }
  return y;
}

describe('verifyGpuProduct(y, ref, kernel, bound)', () => {
  it('accepts the f32 rounding of the reference and rejects one wrong element', () => {
    const y = new Float32Array(ref.y);
    expect(verifyGpuProduct(y, ref, dense, 'f32').ok).toBe(true);
    y[n] = y[n]! + 1e-3;
    const v = verifyGpuProduct(y, ref, dense, 'f32');
    expect(v.ok).toBe(false);
    expect(v.worstIndex).toBe(n);
  });

  it('needs the widened bound for half-precision inputs: they fail the f32 rule and pass f16-inputs', () => {
    const y = halfInputProduct();
    expect(verifyGpuProduct(y, ref, dense, 'f32').ok).toBe(false);
    const v = verifyGpuProduct(y, ref, dense, 'f16-inputs');
    expect(v.ok).toBe(true);
    expect(v.bound).toBe('f16-inputs');
  });

  it('widens by 2^13 f32-rule terms, i.e. 4 · 2^-10 · Σ|a·x|', () => {
    expect(4 * HALF_INPUT_EXTRA_TERMS * 2 ** -23).toBe(4 * 2 ** -10);
  });
});
