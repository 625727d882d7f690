/**
 * CSR kernels in WebAssembly. SpMV has no SIMD to speak of (wasm has no
 * gather), but it pays no bounds checks and keeps two accumulators so the
 * additions of one row overlap. SpMM vectorises across the k columns of X:
 * each stored a_ij is broadcast once and multiplies a whole row segment of X,
 * with 16 (f32) or 8 (f64) output columns held in four vector registers.
 *
 * Layout as in csr.ts: rowPtr (i32, rows + 1), colIdx (i32, nnz), values.
 */

export function spmvCsrF64(rowPtr: usize, colIdx: usize, values: usize, x: usize, y: usize, rows: i32): void {
  let start = load<i32>(rowPtr);
  for (let i = 0; i < rows; i++) {
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    let s0: f64 = 0;
    let s1: f64 = 0;
    let p = start;
    for (; p + 2 <= end; p += 2) {
      const c = colIdx + (<usize>p << 2);
      const v = values + (<usize>p << 3);
      s0 += load<f64>(v) * load<f64>(x + (<usize>load<i32>(c) << 3));
      s1 += load<f64>(v, 8) * load<f64>(x + (<usize>load<i32>(c, 4) << 3));
    }
    if (p < end) s0 += load<f64>(values + (<usize>p << 3)) * load<f64>(x + (<usize>load<i32>(colIdx + (<usize>p << 2)) << 3));
    store<f64>(y + (<usize>i << 3), s0 + s1);
    start = end;
  }
}

export function spmvCsrF32(rowPtr: usize, colIdx: usize, values: usize, x: usize, y: usize, rows: i32): void {
  let start = load<i32>(rowPtr);
  for (let i = 0; i < rows; i++) {
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    let s0: f32 = 0;
    let s1: f32 = 0;
    let p = start;
    for (; p + 2 <= end; p += 2) {
      const c = colIdx + (<usize>p << 2);
      const v = values + (<usize>p << 2);
      s0 += load<f32>(v) * load<f32>(x + (<usize>load<i32>(c) << 2));
      s1 += load<f32>(v, 4) * load<f32>(x + (<usize>load<i32>(c, 4) << 2));
    }
    if (p < end) s0 += load<f32>(values + (<usize>p << 2)) * load<f32>(x + (<usize>load<i32>(colIdx + (<usize>p << 2)) << 2));
    store<f32>(y + (<usize>i << 2), s0 + s1);
    start = end;
  }
}

/** Y (rows × k) = A X, X (cols × k) row-major, f32. */
export function spmmCsrF32(rowPtr: usize, colIdx: usize, values: usize, x: usize, y: usize, rows: i32, k: i32): void {
  const ld = <usize>k << 2;
  const wide = k & ~15;
  const vec = k & ~3;
  for (let i = 0; i < rows; i++) {
    const start = load<i32>(rowPtr + (<usize>i << 2));
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const yrow = y + <usize>i * ld;
    let j = 0;
    for (; j < wide; j += 16) {
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let c2 = f32x4.splat(0);
      let c3 = f32x4.splat(0);
      const off = <usize>j << 2;
      for (let p = start; p < end; p++) {
        const v = v128.load32_splat(values + (<usize>p << 2));
        const xr = x + <usize>load<i32>(colIdx + (<usize>p << 2)) * ld + off;
        c0 = f32x4.add(c0, f32x4.mul(v, v128.load(xr)));
        c1 = f32x4.add(c1, f32x4.mul(v, v128.load(xr, 16)));
        c2 = f32x4.add(c2, f32x4.mul(v, v128.load(xr, 32)));
        c3 = f32x4.add(c3, f32x4.mul(v, v128.load(xr, 48)));
      }
      v128.store(yrow + off, c0);
      v128.store(yrow + off, c1, 16);
      v128.store(yrow + off, c2, 32);
      v128.store(yrow + off, c3, 48);
    }
    for (; j < vec; j += 4) {
      let c0 = f32x4.splat(0);
      const off = <usize>j << 2;
      for (let p = start; p < end; p++) {
        const v = v128.load32_splat(values + (<usize>p << 2));
        c0 = f32x4.add(c0, f32x4.mul(v, v128.load(x + <usize>load<i32>(colIdx + (<usize>p << 2)) * ld + off)));
      }
      v128.store(yrow + off, c0);
    }
    for (; j < k; j++) {
      let s: f32 = 0;
      const off = <usize>j << 2;
      for (let p = start; p < end; p++) {
        s += load<f32>(values + (<usize>p << 2)) * load<f32>(x + <usize>load<i32>(colIdx + (<usize>p << 2)) * ld + off);
      }
      store<f32>(yrow + off, s);
    }
  }
}

/** Y (rows × k) = A X, X (cols × k) row-major, f64. */
export function spmmCsrF64(rowPtr: usize, colIdx: usize, values: usize, x: usize, y: usize, rows: i32, k: i32): void {
  const ld = <usize>k << 3;
  const wide = k & ~7;
  const vec = k & ~1;
  for (let i = 0; i < rows; i++) {
    const start = load<i32>(rowPtr + (<usize>i << 2));
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const yrow = y + <usize>i * ld;
    let j = 0;
    for (; j < wide; j += 8) {
      let c0 = f64x2.splat(0);
      let c1 = f64x2.splat(0);
      let c2 = f64x2.splat(0);
      let c3 = f64x2.splat(0);
      const off = <usize>j << 3;
      for (let p = start; p < end; p++) {
        const v = v128.load64_splat(values + (<usize>p << 3));
        const xr = x + <usize>load<i32>(colIdx + (<usize>p << 2)) * ld + off;
        c0 = f64x2.add(c0, f64x2.mul(v, v128.load(xr)));
        c1 = f64x2.add(c1, f64x2.mul(v, v128.load(xr, 16)));
        c2 = f64x2.add(c2, f64x2.mul(v, v128.load(xr, 32)));
        c3 = f64x2.add(c3, f64x2.mul(v, v128.load(xr, 48)));
      }
      v128.store(yrow + off, c0);
      v128.store(yrow + off, c1, 16);
      v128.store(yrow + off, c2, 32);
      v128.store(yrow + off, c3, 48);
    }
    for (; j < vec; j += 2) {
      let c0 = f64x2.splat(0);
      const off = <usize>j << 3;
      for (let p = start; p < end; p++) {
        const v = v128.load64_splat(values + (<usize>p << 3));
        c0 = f64x2.add(c0, f64x2.mul(v, v128.load(x + <usize>load<i32>(colIdx + (<usize>p << 2)) * ld + off)));
      }
      v128.store(yrow + off, c0);
    }
    for (; j < k; j++) {
      let s: f64 = 0;
      const off = <usize>j << 3;
      for (let p = start; p < end; p++) {
        s += load<f64>(values + (<usize>p << 3)) * load<f64>(x + <usize>load<i32>(colIdx + (<usize>p << 2)) * ld + off);
      }
      store<f64>(yrow + off, s);
    }
  }
}
