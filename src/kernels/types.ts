/** Element precision of a matrix or vector. JS arithmetic is f64; `f32` means f32 storage. */
export type DType = 'f64' | 'f32';

/** The typed array that stores elements of a given precision. */
export type FloatArray = Float64Array | Float32Array;

/** Bytes per stored element. */
export const BYTES: Readonly<Record<DType, number>> = { f64: 8, f32: 4 };

/** Unit roundoff-style epsilon (machine epsilon) used by the verification bound. */
export const EPSILON: Readonly<Record<DType, number>> = { f64: 2 ** -52, f32: 2 ** -23 };

/** A zeroed array of the given precision. */
export function allocFloat(dtype: DType, length: number): FloatArray {
  return dtype === 'f64' ? new Float64Array(length) : new Float32Array(length);
}
