import { verifyProduct, type Verification } from '../bench/verify';
import type { ReferenceProduct } from '../kernels/reference';
import type { GpuKernel } from './kernels';
import type { Storage } from './shaders/common';

/**
 * The bound a GPU answer is checked against.
 * - 'f32': the project's rule unchanged, |y − ŷ| ≤ 4·m·2^-23·Σ|a·x| (src/bench/verify.ts).
 *   An f64 problem rounded to f32 for the GPU is covered by it: rounding both
 *   factors moves each term by at most 2^-23 of its size, a quarter of one
 *   term's share of the bound.
 * - 'f16-inputs': A and X are rounded to half precision (unit roundoff 2^-11),
 *   which moves each product a·x by up to about 2·2^-11 = 2^-10 of its size
 *   before any adding happens; the sums themselves are f32. The bound gains
 *   the same 4× slack on that term: + 4·2^-10·Σ|a·x| = 2^-8·Σ|a·x|. In units
 *   of the f32 rule that is 2^13 = 8192 extra terms per row: at m = 256 the
 *   bound is 33× the f32 one, at m = 4096 3×.
 */
export type GpuBound = 'f32' | 'f16-inputs';

/** Extra f32-rule terms that stand for rounding both factors to half precision (see GpuBound). */
export const HALF_INPUT_EXTRA_TERMS = 2 ** 13;

export function boundFor(storage: Storage): GpuBound {
  return storage === 'f32' ? 'f32' : 'f16-inputs';
}

/** Checks a GPU result (rows × k, row-major) against the f64 reference of the original inputs. */
export function verifyGpuProduct(
  y: Float32Array,
  ref: ReferenceProduct,
  kernel: Pick<GpuKernel, 'k' | 'termsInRow'>,
  bound: GpuBound,
): Verification & { bound: GpuBound } {
  const extra = bound === 'f16-inputs' ? HALF_INPUT_EXTRA_TERMS : 0;
  const k = kernel.k;
  const v = verifyProduct(y, ref, (i) => kernel.termsInRow(Math.floor(i / k)) + extra, 'f32');
  return { ...v, bound };
}
