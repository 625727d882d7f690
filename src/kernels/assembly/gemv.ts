/**
 * Dense GEMV, y = A x, with WebAssembly SIMD. Four rows at a time share each
 * vector load of x; each row keeps its own vector accumulator, so additions
 * overlap. Columns that do not fill a vector finish in a scalar tail, so any
 * size works. At large n this kernel waits on memory, not arithmetic.
 */

@inline
function hsumF32(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

@inline
function hsumF64(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

export function gemvF32(a: usize, x: usize, y: usize, rows: i32, cols: i32): void {
  const ld = <usize>cols << 2;
  const vecEnd = cols & ~3;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const r0 = a + <usize>i * ld;
    const r1 = r0 + ld;
    const r2 = r1 + ld;
    const r3 = r2 + ld;
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    for (let j = 0; j < vecEnd; j += 4) {
      const o = <usize>j << 2;
      const xv = v128.load(x + o);
      s0 = f32x4.add(s0, f32x4.mul(v128.load(r0 + o), xv));
      s1 = f32x4.add(s1, f32x4.mul(v128.load(r1 + o), xv));
      s2 = f32x4.add(s2, f32x4.mul(v128.load(r2 + o), xv));
      s3 = f32x4.add(s3, f32x4.mul(v128.load(r3 + o), xv));
    }
    let t0 = hsumF32(s0);
    let t1 = hsumF32(s1);
    let t2 = hsumF32(s2);
    let t3 = hsumF32(s3);
    for (let j = vecEnd; j < cols; j++) {
      const o = <usize>j << 2;
      const xj = load<f32>(x + o);
      t0 += load<f32>(r0 + o) * xj;
      t1 += load<f32>(r1 + o) * xj;
      t2 += load<f32>(r2 + o) * xj;
      t3 += load<f32>(r3 + o) * xj;
    }
    const yo = y + (<usize>i << 2);
    store<f32>(yo, t0);
    store<f32>(yo, t1, 4);
    store<f32>(yo, t2, 8);
    store<f32>(yo, t3, 12);
  }
  for (; i < rows; i++) {
    const r = a + <usize>i * ld;
    let s = f32x4.splat(0);
    for (let j = 0; j < vecEnd; j += 4) {
      const o = <usize>j << 2;
      s = f32x4.add(s, f32x4.mul(v128.load(r + o), v128.load(x + o)));
    }
    let t = hsumF32(s);
    for (let j = vecEnd; j < cols; j++) t += load<f32>(r + (<usize>j << 2)) * load<f32>(x + (<usize>j << 2));
    store<f32>(y + (<usize>i << 2), t);
  }
}

export function gemvF64(a: usize, x: usize, y: usize, rows: i32, cols: i32): void {
  const ld = <usize>cols << 3;
  const vecEnd = cols & ~1;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const r0 = a + <usize>i * ld;
    const r1 = r0 + ld;
    const r2 = r1 + ld;
    const r3 = r2 + ld;
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    for (let j = 0; j < vecEnd; j += 2) {
      const o = <usize>j << 3;
      const xv = v128.load(x + o);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), xv));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), xv));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), xv));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), xv));
    }
    let t0 = hsumF64(s0);
    let t1 = hsumF64(s1);
    let t2 = hsumF64(s2);
    let t3 = hsumF64(s3);
    if (vecEnd < cols) {
      const o = <usize>vecEnd << 3;
      const xj = load<f64>(x + o);
      t0 += load<f64>(r0 + o) * xj;
      t1 += load<f64>(r1 + o) * xj;
      t2 += load<f64>(r2 + o) * xj;
      t3 += load<f64>(r3 + o) * xj;
    }
    const yo = y + (<usize>i << 3);
    store<f64>(yo, t0);
    store<f64>(yo, t1, 8);
    store<f64>(yo, t2, 16);
    store<f64>(yo, t3, 24);
  }
  for (; i < rows; i++) {
    const r = a + <usize>i * ld;
    let s = f64x2.splat(0);
    for (let j = 0; j < vecEnd; j += 2) {
      const o = <usize>j << 3;
      s = f64x2.add(s, f64x2.mul(v128.load(r + o), v128.load(x + o)));
    }
    let t = hsumF64(s);
    if (vecEnd < cols) t += load<f64>(r + (<usize>vecEnd << 3)) * load<f64>(x + (<usize>vecEnd << 3));
    store<f64>(y + (<usize>i << 3), t);
  }
}
