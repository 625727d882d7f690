/**
 * Peak probes: how fast can this CPU multiply-add when memory is no object?
 * Eight independent accumulator chains (the shape of a GEMM micro-kernel's
 * inner loop) keep both adder pipes busy; `b` changes every iteration so the
 * compiler cannot hoist the multiplies out of the loop.
 *
 * FLOPs per iteration: 8 chains × lanes × 2 (one mul, one add). The update of
 * `b` is overhead and is not counted.
 */

export function peakF32x4(iters: i32, seed: f32): f32 {
  let b = f32x4.splat(seed);
  const d = f32x4.splat(1e-7);
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let a2 = f32x4.splat(0);
  let a3 = f32x4.splat(0);
  let a4 = f32x4.splat(0);
  let a5 = f32x4.splat(0);
  let a6 = f32x4.splat(0);
  let a7 = f32x4.splat(0);
  const c0 = f32x4(1.0, 1.1, 1.2, 1.3);
  const c1 = f32x4(0.9, 0.8, 0.7, 0.6);
  for (let i = 0; i < iters; i++) {
    b = f32x4.add(b, d);
    const e = f32x4.mul(b, c1);
    a0 = f32x4.add(a0, f32x4.mul(b, c0));
    a1 = f32x4.add(a1, e);
    a2 = f32x4.add(a2, f32x4.mul(b, b));
    a3 = f32x4.add(a3, f32x4.mul(e, c0));
    a4 = f32x4.add(a4, f32x4.mul(e, c1));
    a5 = f32x4.add(a5, f32x4.mul(e, b));
    a6 = f32x4.add(a6, f32x4.mul(e, e));
    a7 = f32x4.add(a7, f32x4.mul(b, d));
  }
  const s = f32x4.add(
    f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)),
    f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)),
  );
  return (
    f32x4.extract_lane(s, 0) +
    f32x4.extract_lane(s, 1) +
    f32x4.extract_lane(s, 2) +
    f32x4.extract_lane(s, 3)
  );
}

export function peakF64x2(iters: i32, seed: f64): f64 {
  let b = f64x2.splat(seed);
  const d = f64x2.splat(1e-9);
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  let a4 = f64x2.splat(0);
  let a5 = f64x2.splat(0);
  let a6 = f64x2.splat(0);
  let a7 = f64x2.splat(0);
  const c0 = f64x2(1.0, 1.1);
  const c1 = f64x2(0.9, 0.8);
  for (let i = 0; i < iters; i++) {
    b = f64x2.add(b, d);
    const e = f64x2.mul(b, c1);
    a0 = f64x2.add(a0, f64x2.mul(b, c0));
    a1 = f64x2.add(a1, e);
    a2 = f64x2.add(a2, f64x2.mul(b, b));
    a3 = f64x2.add(a3, f64x2.mul(e, c0));
    a4 = f64x2.add(a4, f64x2.mul(e, c1));
    a5 = f64x2.add(a5, f64x2.mul(e, b));
    a6 = f64x2.add(a6, f64x2.mul(e, e));
    a7 = f64x2.add(a7, f64x2.mul(b, d));
  }
  const s = f64x2.add(
    f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)),
    f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)),
  );
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}
