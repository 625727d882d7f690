import type { ReferenceProduct } from '../kernels/reference';
import { EPSILON, type DType, type FloatArray } from '../kernels/types';

export interface Verification {
  /** Every element within its bound. */
  ok: boolean;
  /** Largest |y − y_ref| / bound seen (≤ 1 when ok; Infinity for NaN or a nonzero where 0 is exact). */
  worstRatio: number;
  /** Where the worst element is, or -1 when there is none. */
  worstIndex: number;
}

/**
 * Checks a product against its double-precision reference, element by element:
 *
 *   |y_i − ŷ_i| ≤ 4 · m_i · ε(dtype) · Σ_j |a_ij · x_j|
 *
 * where m_i is the number of terms the kernel summed in row i (all n columns for
 * a dense kernel, the row's nonzeros for a sparse one). This is a classic
 * forward-error bound for summation, with slack for f32 storage rounding.
 */
export function verifyProduct(
  y: FloatArray,
  ref: ReferenceProduct,
  termsInRow: (row: number) => number,
  dtype: DType,
): Verification {
  let worstRatio = 0;
  let worstIndex = -1;
  for (let i = 0; i < ref.y.length; i++) {
    const err = Math.abs(y[i]! - ref.y[i]!);
    const bound = 4 * termsInRow(i) * EPSILON[dtype] * ref.absSum[i]!;
    const ratio = err === 0 ? 0 : bound > 0 ? err / bound : Infinity;
    if (!(ratio <= worstRatio)) {
      // `!(<=)` also catches NaN, which must fail.
      worstRatio = Number.isNaN(ratio) ? Infinity : ratio;
      worstIndex = i;
    }
  }
  return { ok: worstRatio <= 1, worstRatio, worstIndex };
}
