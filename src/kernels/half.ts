import type { FloatArray } from './types';

/**
 * IEEE 754 half precision (binary16), as GPUs store it: 1 sign bit, 5 exponent
 * bits, 10 fraction bits. Unit roundoff 2^-11, largest finite 65 504, smallest
 * normal 2^-14. JavaScript has no half type everywhere yet, so values travel
 * as their 16-bit patterns in a Uint16Array.
 */
export const HALF_UNIT_ROUNDOFF = 2 ** -11;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The half nearest to `v` (ties to even), as bits. `v` is first rounded to
 * f32 (exact for f32 data; for f64 data the double rounding can move a value
 * that sits within 2^-24 of a half tie by one half-ulp, inside the stated bound).
 * Bit manipulation: keep 10 fraction bits, round on the 13 dropped, and let a
 * carry ripple into the exponent (that is how 65 520 and up become infinity).
 */
export function halfBits(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const frac = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (frac ? 0x200 : 0); // infinity or NaN
  const e = exp - 127 + 15; // half's biased exponent
  if (e >= 0x1f) return sign | 0x7c00; // too large: infinity
  if (e <= 0) {
    // Subnormal half (or zero): shift the full significand down, rounding half to even.
    if (e < -10) return sign; // below half of the smallest subnormal: ±0
    const m = frac | 0x800000;
    const shift = 14 - e;
    const kept = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    const up = rest > halfway || (rest === halfway && (kept & 1) === 1);
    return sign | (kept + (up ? 1 : 0));
  }
  const kept = (e << 10) | (frac >>> 13);
  const rest = frac & 0x1fff;
  const up = rest > 0x1000 || (rest === 0x1000 && (kept & 1) === 1);
  return sign | (kept + (up ? 1 : 0)); // a carry out of the fraction bumps the exponent, as it should
}

/** The value a half bit pattern stands for. */
export function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const e = (bits >>> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/**
 * A whole array in half precision, padded to an even length so the GPU buffer
 * is a whole number of 4-byte words (two halves per word, low half first).
 */
export function toHalfArray(src: FloatArray): Uint16Array {
  const out = new Uint16Array(src.length + (src.length & 1));
  for (let i = 0; i < src.length; i++) out[i] = halfBits(src[i]!);
  return out;
}

/**
 * Reference twin of `halfBits`, by arithmetic instead of bits: scale by the
 * spacing of halves at v's magnitude, round half to even, scale back.
 * Returns the rounded value (not bits); slow, for tests.
 */
export function roundHalfReference(v: number): number {
  const x = Math.fround(v);
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a === 0 || a === Infinity) return x;
  // Spacing of halves around a: 2^-24 for subnormals, else 2^(floor(log2 a) - 10).
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--; // log2 can round up just below a power of two
  if (2 ** (e + 1) <= a) e++;
  const spacing = 2 ** Math.max(e - 10, -24);
  const q = a / spacing; // exact: spacing is a power of two
  const fl = Math.floor(q);
  const r = q - fl > 0.5 || (q - fl === 0.5 && fl % 2 === 1) ? fl + 1 : fl;
  const rounded = r * spacing;
  return Math.sign(x) * (rounded >= 65520 ? Infinity : rounded);
}
