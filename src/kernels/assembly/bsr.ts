/**
 * BSR kernels in WebAssembly (layout as in ../bsr.ts: blockRowPtr (i32),
 * blockColIdx (i32), values: b·b per block, each block row-major). One
 * generic body per product, instantiated for f32 and f64.
 *
 * SpMV: for each output row, the b values of a block row are contiguous and so
 * are the b x values they meet: a short dense dot product in vector registers,
 * one index load per block instead of one per nonzero.
 * SpMM: like CSR SpMM (sparse.ts) — each stored entry is broadcast across a
 * row segment of X — but column indices come from the block, not from memory.
 * Blocks that hang over the right edge take a scalar path, so padding never
 * meets memory past the end of x.
 */

@inline
function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

@inline
function hsum<T>(v: v128): T {
  if (sizeof<T>() == 8) return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
  return <T>(
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

function spmvBsr<T>(blockRowPtr: usize, blockColIdx: usize, values: usize, x: usize, y: usize, rows: i32, cols: i32, b: i32): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const vecEnd = b - (b % L);
  const blockBytes = <usize>(b * b) * size;
  const rowBytes = <usize>b * size;
  for (let I = 0; I * b < rows; I++) {
    const h = min(b, rows - I * b);
    const q0 = load<i32>(blockRowPtr + (<usize>I << 2));
    const q1 = load<i32>(blockRowPtr + (<usize>(I + 1) << 2));
    let r = 0;
    // Four rows of the block row at a time: each x vector is loaded once for
    // four multiply-adds, into four independent accumulators.
    for (; r + 4 <= h; r += 4) {
      let a0 = v128.splat<T>(<T>0);
      let a1 = v128.splat<T>(<T>0);
      let a2 = v128.splat<T>(<T>0);
      let a3 = v128.splat<T>(<T>0);
      let t0: T = <T>0;
      let t1: T = <T>0;
      let t2: T = <T>0;
      let t3: T = <T>0;
      for (let q = q0; q < q1; q++) {
        const x0 = load<i32>(blockColIdx + (<usize>q << 2)) * b;
        const v = values + <usize>q * blockBytes + <usize>r * rowBytes;
        const xs = x + <usize>x0 * size;
        const inside = x0 + b <= cols;
        const w = inside ? vecEnd : 0;
        let c = 0;
        for (; c < w; c += L) {
          const o = <usize>c * size;
          const xv = v128.load(xs + o);
          a0 = v128.add<T>(a0, v128.mul<T>(v128.load(v + o), xv));
          a1 = v128.add<T>(a1, v128.mul<T>(v128.load(v + rowBytes + o), xv));
          a2 = v128.add<T>(a2, v128.mul<T>(v128.load(v + 2 * rowBytes + o), xv));
          a3 = v128.add<T>(a3, v128.mul<T>(v128.load(v + 3 * rowBytes + o), xv));
        }
        const end = inside ? b : cols - x0;
        for (; c < end; c++) {
          const o = <usize>c * size;
          const xc = load<T>(xs + o);
          t0 += load<T>(v + o) * xc;
          t1 += load<T>(v + rowBytes + o) * xc;
          t2 += load<T>(v + 2 * rowBytes + o) * xc;
          t3 += load<T>(v + 3 * rowBytes + o) * xc;
        }
      }
      const yo = y + <usize>(I * b + r) * size;
      store<T>(yo, hsum<T>(a0) + t0);
      store<T>(yo + size, hsum<T>(a1) + t1);
      store<T>(yo + 2 * size, hsum<T>(a2) + t2);
      store<T>(yo + 3 * size, hsum<T>(a3) + t3);
    }
    for (; r < h; r++) {
      let acc = v128.splat<T>(<T>0);
      let tail: T = <T>0;
      for (let q = q0; q < q1; q++) {
        const x0 = load<i32>(blockColIdx + (<usize>q << 2)) * b;
        const v = values + <usize>q * blockBytes + <usize>r * rowBytes;
        const xs = x + <usize>x0 * size;
        const inside = x0 + b <= cols;
        const w = inside ? vecEnd : 0;
        let c = 0;
        for (; c < w; c += L) {
          const o = <usize>c * size;
          acc = v128.add<T>(acc, v128.mul<T>(v128.load(v + o), v128.load(xs + o)));
        }
        const end = inside ? b : cols - x0;
        for (; c < end; c++) tail += load<T>(v + <usize>c * size) * load<T>(xs + <usize>c * size);
      }
      store<T>(y + <usize>(I * b + r) * size, hsum<T>(acc) + tail);
    }
  }
}

function spmmBsr<T>(blockRowPtr: usize, blockColIdx: usize, values: usize, x: usize, y: usize, rows: i32, cols: i32, b: i32, k: i32): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const ld = <usize>k * size;
  const wide = k - (k % (4 * L));
  const vec = k - (k % L);
  const blockBytes = <usize>(b * b) * size;
  for (let I = 0; I * b < rows; I++) {
    const h = min(b, rows - I * b);
    const q0 = load<i32>(blockRowPtr + (<usize>I << 2));
    const q1 = load<i32>(blockRowPtr + (<usize>(I + 1) << 2));
    for (let r = 0; r < h; r++) {
      const yrow = y + <usize>(I * b + r) * ld;
      let j = 0;
      for (; j < wide; j += 4 * L) {
        let c0 = v128.splat<T>(<T>0);
        let c1 = v128.splat<T>(<T>0);
        let c2 = v128.splat<T>(<T>0);
        let c3 = v128.splat<T>(<T>0);
        const off = <usize>j * size;
        for (let q = q0; q < q1; q++) {
          const x0 = load<i32>(blockColIdx + (<usize>q << 2)) * b;
          const w = min(b, cols - x0);
          const v = values + <usize>q * blockBytes + <usize>(r * b) * size;
          for (let c = 0; c < w; c++) {
            const s = v128.splat<T>(load<T>(v + <usize>c * size));
            const xr = x + <usize>(x0 + c) * ld + off;
            c0 = v128.add<T>(c0, v128.mul<T>(s, v128.load(xr)));
            c1 = v128.add<T>(c1, v128.mul<T>(s, v128.load(xr, 16)));
            c2 = v128.add<T>(c2, v128.mul<T>(s, v128.load(xr, 32)));
            c3 = v128.add<T>(c3, v128.mul<T>(s, v128.load(xr, 48)));
          }
        }
        v128.store(yrow + off, c0);
        v128.store(yrow + off, c1, 16);
        v128.store(yrow + off, c2, 32);
        v128.store(yrow + off, c3, 48);
      }
      for (; j < vec; j += L) {
        let c0 = v128.splat<T>(<T>0);
        const off = <usize>j * size;
        for (let q = q0; q < q1; q++) {
          const x0 = load<i32>(blockColIdx + (<usize>q << 2)) * b;
          const w = min(b, cols - x0);
          const v = values + <usize>q * blockBytes + <usize>(r * b) * size;
          for (let c = 0; c < w; c++) {
            const s = v128.splat<T>(load<T>(v + <usize>c * size));
            c0 = v128.add<T>(c0, v128.mul<T>(s, v128.load(x + <usize>(x0 + c) * ld + off)));
          }
        }
        v128.store(yrow + off, c0);
      }
      for (; j < k; j++) {
        let s: T = <T>0;
        const off = <usize>j * size;
        for (let q = q0; q < q1; q++) {
          const x0 = load<i32>(blockColIdx + (<usize>q << 2)) * b;
          const w = min(b, cols - x0);
          const v = values + <usize>q * blockBytes + <usize>(r * b) * size;
          for (let c = 0; c < w; c++) s += load<T>(v + <usize>c * size) * load<T>(x + <usize>(x0 + c) * ld + off);
        }
        store<T>(yrow + off, s);
      }
    }
  }
}

export function spmvBsrF64(p: usize, c: usize, v: usize, x: usize, y: usize, rows: i32, cols: i32, b: i32): void {
  spmvBsr<f64>(p, c, v, x, y, rows, cols, b);
}
export function spmvBsrF32(p: usize, c: usize, v: usize, x: usize, y: usize, rows: i32, cols: i32, b: i32): void {
  spmvBsr<f32>(p, c, v, x, y, rows, cols, b);
}
export function spmmBsrF64(p: usize, c: usize, v: usize, x: usize, y: usize, rows: i32, cols: i32, b: i32, k: i32): void {
  spmmBsr<f64>(p, c, v, x, y, rows, cols, b, k);
}
export function spmmBsrF32(p: usize, c: usize, v: usize, x: usize, y: usize, rows: i32, cols: i32, b: i32, k: i32): void {
  spmmBsr<f32>(p, c, v, x, y, rows, cols, b, k);
}
