/**
 * The scalar JavaScript peak probe: the fastest multiply-add rate plain JS
 * reaches on this machine, to put the typed-array kernels in proportion.
 * Same shape as the WebAssembly probe (assembly/probe.ts) and as gemmTuned's
 * inner loop: six loads from small L1-resident arrays feeding eight
 * independent accumulators. FLOPs per step: 8 multiply-adds = 16.
 */
export const PEAK_SCALAR_FLOPS_PER_STEP = 16;

export function peakScalar(steps: number): number {
  const a = new Float64Array(512);
  const b = new Float64Array(1024);
  for (let i = 0; i < a.length; i++) a[i] = 1 + i * 1e-3;
  for (let i = 0; i < b.length; i++) b[i] = 1 - i * 1e-4;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let t = 0; t < steps; t++) {
    const e = (t & 255) << 1;
    const d = (t & 255) << 2;
    const a0 = a[e]!;
    const a1 = a[e + 1]!;
    const b0 = b[d]!;
    const b1 = b[d + 1]!;
    const b2 = b[d + 2]!;
    const b3 = b[d + 3]!;
    s00 += a0 * b0;
    s01 += a0 * b1;
    s02 += a0 * b2;
    s03 += a0 * b3;
    s10 += a1 * b0;
    s11 += a1 * b1;
    s12 += a1 * b2;
    s13 += a1 * b3;
  }
  return s00 + s01 + s02 + s03 + s10 + s11 + s12 + s13;
}
