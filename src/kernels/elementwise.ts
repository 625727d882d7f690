import type { FloatArray } from './types';

/**
 * Element-wise kernels over typed arrays: output i depends only on the inputs
 * at i, the shape of NumPy's ufuncs. Written as the plain loop a compiler
 * vectorises; the interpreted twins of the same loops are in interpreter.ts.
 */

/** z = αx + y (BLAS's axpy writes into y; a third array keeps repeated calls identical). */
export function axpyTyped(alpha: number, x: FloatArray, y: FloatArray, z: FloatArray): void {
  const n = z.length;
  for (let i = 0; i < n; i++) z[i] = alpha * x[i]! + y[i]!;
}

/** y = 1 / x, element by element (VanderPlas's example of a ufunc). */
export function reciprocalTyped(x: FloatArray, y: FloatArray): void {
  const n = y.length;
  for (let i = 0; i < n; i++) y[i] = 1 / x[i]!;
}
