/**
 * Peak probes: the fastest multiply-add rate a wasm SIMD loop reaches here.
 *
 * The loop has the shape of the GEMM micro-kernel (gemm.ts): per step, two
 * vector loads and four broadcast loads from a small buffer that stays in L1,
 * feeding eight independent accumulators. So it measures what the engine's
 * code generator and the CPU's pipes allow, with memory taken out of the
 * picture. Register-only loops (no loads) came out slower on V8: it
 * rematerialises vector constants inside the loop.
 *
 * FLOPs per step: 8 accumulators × lanes × 2 (one mul, one add).
 */

// 4 KB of "A" broadcasts and 8 KB of "B" vectors: both far inside L1.
const BUF: usize = memory.data(12288, 16);

export function peakF32x4(iters: i32): f32 {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let i = 0; i < iters; i++) {
    const off = <usize>(i & 255) << 4;
    const ap = BUF + off;
    const bp = BUF + 4096 + (off << 1);
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
  }
  const s = f32x4.add(
    f32x4.add(f32x4.add(c00, c01), f32x4.add(c10, c11)),
    f32x4.add(f32x4.add(c20, c21), f32x4.add(c30, c31)),
  );
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 3);
}

export function peakF64x2(iters: i32): f64 {
  let c00 = f64x2.splat(0);
  let c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0);
  let c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0);
  let c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0);
  let c31 = f64x2.splat(0);
  for (let i = 0; i < iters; i++) {
    const off = <usize>(i & 127) << 5;
    const ap = BUF + off;
    const bp = BUF + 4096 + off;
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load64_splat(ap);
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
  }
  const s = f64x2.add(
    f64x2.add(f64x2.add(c00, c01), f64x2.add(c10, c11)),
    f64x2.add(f64x2.add(c20, c21), f64x2.add(c30, c31)),
  );
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}
