/**
 * Dense GEMM, Y = A X, with WebAssembly SIMD (128-bit vectors).
 *
 * The classic Goto/BLIS structure, shrunk to what a wasm engine can keep in
 * its 16 vector registers:
 *
 *   for jc (NC columns of X)          X block  ~ L3
 *     for pc (KC rows of X)           pack X[pc.., jc..] into NR-wide panels  -> L2
 *       for ic (MC rows of A)         pack A[ic.., pc..] into MR-tall panels  -> L2
 *         for jr (NR columns)         one X panel, reused by every ir         -> L1
 *           for ir (MR rows)          micro-kernel: an MR × NR tile of Y
 *                                     lives in registers for all KC steps
 *
 * Packing makes every load in the micro-kernel sequential and zero-pads the
 * ragged edges, so any size works, not only multiples of 4 or 8.
 *
 * All pointers are byte offsets into linear memory; `work` must hold
 * `gemmWorkBytes()` bytes.
 */

const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 512;
const MR: i32 = 4;
/** f32: two vectors of four lanes per row of the tile. */
const NR32: i32 = 8;
/** f64: two vectors of two lanes per row of the tile. */
const NR64: i32 = 4;

export function gemmWorkBytes(): i32 {
  return KC * NC * 8 + MC * KC * 8 + 64;
}

// Scratch for ragged tiles at the edges of Y.
const TILE: usize = memory.data(MR * NR32 * 4, 16);

// ---------------------------------------------------------------- f32

function packXF32(x: usize, ldx: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR32) {
    const w = min(NR32, nc - jr);
    let src = x + ((<usize>(pc * ldx + jc + jr)) << 2);
    const step = <usize>ldx << 2;
    if (w == NR32) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        dst += NR32 * 4;
        src += step;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let c = 0; c < NR32; c++) store<f32>(dst + (c << 2), c < w ? load<f32>(src + (c << 2)) : 0);
        dst += NR32 * 4;
        src += step;
      }
    }
  }
}

function packAF32(a: usize, lda: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const h = min(MR, mc - ir);
    const row = a + ((<usize>((ic + ir) * lda + pc)) << 2);
    const ld = <usize>lda << 2;
    if (h == MR) {
      for (let p = 0; p < kc; p++) {
        const s = row + (<usize>p << 2);
        store<f32>(dst, load<f32>(s));
        store<f32>(dst, load<f32>(s + ld), 4);
        store<f32>(dst, load<f32>(s + 2 * ld), 8);
        store<f32>(dst, load<f32>(s + 3 * ld), 12);
        dst += 16;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          store<f32>(dst + (<usize>r << 2), r < h ? load<f32>(row + <usize>r * ld + (<usize>p << 2)) : 0);
        }
        dst += 16;
      }
    }
  }
}

@inline
function storeRowF32(c: usize, v0: v128, v1: v128, first: bool): void {
  if (first) {
    v128.store(c, v0);
    v128.store(c, v1, 16);
  } else {
    v128.store(c, f32x4.add(v128.load(c), v0));
    v128.store(c, f32x4.add(v128.load(c, 16), v1), 16);
  }
}

/** Y[4 × 8 tile] (=|+=) A-panel · X-panel over kc steps. `ldc` in bytes. */
function microF32(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, first: bool, h: i32, w: i32): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
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
    ap += 16;
    bp += 32;
  }
  if (h == MR && w == NR32) {
    storeRowF32(c, c00, c01, first);
    storeRowF32(c + ldc, c10, c11, first);
    storeRowF32(c + 2 * ldc, c20, c21, first);
    storeRowF32(c + 3 * ldc, c30, c31, first);
    return;
  }
  // A ragged edge: spill the tile, then copy only the part inside Y.
  v128.store(TILE, c00);
  v128.store(TILE, c01, 16);
  v128.store(TILE, c10, 32);
  v128.store(TILE, c11, 48);
  v128.store(TILE, c20, 64);
  v128.store(TILE, c21, 80);
  v128.store(TILE, c30, 96);
  v128.store(TILE, c31, 112);
  for (let r = 0; r < h; r++) {
    const row = c + <usize>r * ldc;
    for (let j = 0; j < w; j++) {
      const t = load<f32>(TILE + (<usize>(r * NR32 + j) << 2));
      const dst = row + (<usize>j << 2);
      store<f32>(dst, first ? t : load<f32>(dst) + t);
    }
  }
}

/** Y (rows × cols) = A (rows × inner) · X (inner × cols), all row-major f32. */
export function gemmF32(a: usize, x: usize, y: usize, rows: i32, inner: i32, cols: i32, work: usize): void {
  if (inner == 0) {
    memory.fill(y, 0, <usize>(rows * cols) << 2);
    return;
  }
  const packX = work;
  const packA = work + <usize>(KC * NC * 8);
  const ldc = <usize>cols << 2;
  for (let jc = 0; jc < cols; jc += NC) {
    const nc = min(NC, cols - jc);
    for (let pc = 0; pc < inner; pc += KC) {
      const kc = min(KC, inner - pc);
      packXF32(x, cols, pc, kc, jc, nc, packX);
      for (let ic = 0; ic < rows; ic += MC) {
        const mc = min(MC, rows - ic);
        packAF32(a, inner, ic, mc, pc, kc, packA);
        for (let jr = 0; jr < nc; jr += NR32) {
          const w = min(NR32, nc - jr);
          const bp = packX + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const h = min(MR, mc - ir);
            const c = y + (<usize>((ic + ir) * cols + jc + jr) << 2);
            microF32(kc, packA + (<usize>(ir * kc) << 2), bp, c, ldc, pc == 0, h, w);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------- f64

function packXF64(x: usize, ldx: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR64) {
    const w = min(NR64, nc - jr);
    let src = x + ((<usize>(pc * ldx + jc + jr)) << 3);
    const step = <usize>ldx << 3;
    if (w == NR64) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        dst += NR64 * 8;
        src += step;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let c = 0; c < NR64; c++) store<f64>(dst + (c << 3), c < w ? load<f64>(src + (c << 3)) : 0);
        dst += NR64 * 8;
        src += step;
      }
    }
  }
}

function packAF64(a: usize, lda: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const h = min(MR, mc - ir);
    const row = a + ((<usize>((ic + ir) * lda + pc)) << 3);
    const ld = <usize>lda << 3;
    if (h == MR) {
      for (let p = 0; p < kc; p++) {
        const s = row + (<usize>p << 3);
        store<f64>(dst, load<f64>(s));
        store<f64>(dst, load<f64>(s + ld), 8);
        store<f64>(dst, load<f64>(s + 2 * ld), 16);
        store<f64>(dst, load<f64>(s + 3 * ld), 24);
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          store<f64>(dst + (<usize>r << 3), r < h ? load<f64>(row + <usize>r * ld + (<usize>p << 3)) : 0);
        }
        dst += 32;
      }
    }
  }
}

@inline
function storeRowF64(c: usize, v0: v128, v1: v128, first: bool): void {
  if (first) {
    v128.store(c, v0);
    v128.store(c, v1, 16);
  } else {
    v128.store(c, f64x2.add(v128.load(c), v0));
    v128.store(c, f64x2.add(v128.load(c, 16), v1), 16);
  }
}

function microF64(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, first: bool, h: i32, w: i32): void {
  let c00 = f64x2.splat(0);
  let c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0);
  let c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0);
  let c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0);
  let c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
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
    ap += 32;
    bp += 32;
  }
  if (h == MR && w == NR64) {
    storeRowF64(c, c00, c01, first);
    storeRowF64(c + ldc, c10, c11, first);
    storeRowF64(c + 2 * ldc, c20, c21, first);
    storeRowF64(c + 3 * ldc, c30, c31, first);
    return;
  }
  v128.store(TILE, c00);
  v128.store(TILE, c01, 16);
  v128.store(TILE, c10, 32);
  v128.store(TILE, c11, 48);
  v128.store(TILE, c20, 64);
  v128.store(TILE, c21, 80);
  v128.store(TILE, c30, 96);
  v128.store(TILE, c31, 112);
  for (let r = 0; r < h; r++) {
    const row = c + <usize>r * ldc;
    for (let j = 0; j < w; j++) {
      const t = load<f64>(TILE + (<usize>(r * NR64 + j) << 3));
      const dst = row + (<usize>j << 3);
      store<f64>(dst, first ? t : load<f64>(dst) + t);
    }
  }
}

/** Y (rows × cols) = A (rows × inner) · X (inner × cols), all row-major f64. */
export function gemmF64(a: usize, x: usize, y: usize, rows: i32, inner: i32, cols: i32, work: usize): void {
  if (inner == 0) {
    memory.fill(y, 0, <usize>(rows * cols) << 3);
    return;
  }
  const packX = work;
  const packA = work + <usize>(KC * NC * 8);
  const ldc = <usize>cols << 3;
  for (let jc = 0; jc < cols; jc += NC) {
    const nc = min(NC, cols - jc);
    for (let pc = 0; pc < inner; pc += KC) {
      const kc = min(KC, inner - pc);
      packXF64(x, cols, pc, kc, jc, nc, packX);
      for (let ic = 0; ic < rows; ic += MC) {
        const mc = min(MC, rows - ic);
        packAF64(a, inner, ic, mc, pc, kc, packA);
        for (let jr = 0; jr < nc; jr += NR64) {
          const w = min(NR64, nc - jr);
          const bp = packX + (<usize>(jr * kc) << 3);
          for (let ir = 0; ir < mc; ir += MR) {
            const h = min(MR, mc - ir);
            const c = y + (<usize>((ic + ir) * cols + jc + jr) << 3);
            microF64(kc, packA + (<usize>(ir * kc) << 3), bp, c, ldc, pc == 0, h, w);
          }
        }
      }
    }
  }
}
