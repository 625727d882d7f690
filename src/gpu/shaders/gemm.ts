import {
  enables,
  entryArgs,
  GROUP_ID_WGSL,
  operandWgsl,
  PARAMS_WGSL,
  type Storage,
} from './common';

/**
 * The tiled GEMM Y = A X (A rows × cols, X cols × k, all row-major).
 *
 * A workgroup of 8 × 8 = 64 invocations owns a 32 × 32 tile of Y; each
 * invocation keeps a 4 × 4 block of it in registers (16 accumulators plus 4 + 4
 * operands: few enough registers that occupancy stays high on every vendor).
 * The inner dimension is walked 16 at a time: the group copies a 32 × 16 slab
 * of A and a 16 × 32 slab of X into workgroup memory (4 KB, far under the
 * 16 KB minimum every adapter offers), consecutive lanes reading consecutive
 * addresses, and every value copied is then used 32 times from fast memory.
 * Rows of the A slab are padded to 17 so that lanes reading different rows
 * of the same column hit different memory banks.
 * Why not the classic 64 × 64 tile: the lab's batch k is 2…256 and often
 * small, and a 64-wide tile would leave most of its columns idle; at n = 4096,
 * k = 256 the 32 × 32 tile still makes 1024 workgroups, enough for any GPU.
 */
export const GEMM_TILE = 32;
export const GEMM_THREADS = 8;
export const GEMM_BLOCK = GEMM_TILE / GEMM_THREADS;
export const GEMM_DEPTH = 16;

export function gemmWgsl(storage: Storage): string {
  const T = GEMM_TILE;
  const D = GEMM_DEPTH;
  const S = D + 1; // padded row stride of the A slab
  const B = GEMM_BLOCK;
  const lanes = GEMM_THREADS * GEMM_THREADS;
  return `${enables(storage, false)}
${PARAMS_WGSL}
${operandWgsl('A', 1, storage)}
${operandWgsl('X', 2, storage)}
@group(0) @binding(3) var<storage, read_write> Y: array<f32>;
var<workgroup> As: array<f32, ${T * S}>;
var<workgroup> Xs: array<f32, ${D * T}>;
${GROUP_ID_WGSL}

@compute @workgroup_size(${GEMM_THREADS}, ${GEMM_THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) local: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  // Tiles run along k fastest: neighbouring workgroups share the same rows of A.
  let tilesK = (P.k + ${T - 1}u) / ${T}u;
  let g = groupId(wid, nwg);
  let row0 = (g / tilesK) * ${T}u;
  let col0 = (g % tilesK) * ${T}u;
  if (row0 >= P.rows) { return; }
  var acc: array<f32, ${B * B}>;
  for (var p0 = 0u; p0 < P.cols; p0 += ${D}u) {
    // Each of the 64 lanes copies ${(T * D) / lanes} elements of each slab; zeros past the edges.
    for (var e = lid; e < ${T * D}u; e += ${lanes}u) {
      let r = e / ${D}u;
      let c = e % ${D}u;
      var a = 0.0;
      if (row0 + r < P.rows && p0 + c < P.cols) { a = load_A((row0 + r) * P.cols + p0 + c); }
      As[r * ${S}u + c] = a;
      let xr = e / ${T}u;
      let xc = e % ${T}u;
      var x = 0.0;
      if (p0 + xr < P.cols && col0 + xc < P.k) { x = load_X((p0 + xr) * P.k + col0 + xc); }
      Xs[e] = x;
    }
    workgroupBarrier();
    for (var d = 0u; d < ${D}u; d++) {
      var a: array<f32, ${B}>;
      var x: array<f32, ${B}>;
      for (var i = 0u; i < ${B}u; i++) {
        a[i] = As[(local.y + i * ${GEMM_THREADS}u) * ${S}u + d];
        x[i] = Xs[d * ${T}u + local.x + i * ${GEMM_THREADS}u];
      }
      for (var i = 0u; i < ${B}u; i++) {
        for (var j = 0u; j < ${B}u; j++) { acc[i * ${B}u + j] += a[i] * x[j]; }
      }
    }
    workgroupBarrier();
  }
  // Lane (x, y) owns rows y, y + 8, y + 16, y + 24 and columns x, x + 8, … of the tile:
  // neighbouring lanes write neighbouring columns.
  for (var i = 0u; i < ${B}u; i++) {
    let r = row0 + local.y + i * ${GEMM_THREADS}u;
    for (var j = 0u; j < ${B}u; j++) {
      let c = col0 + local.x + j * ${GEMM_THREADS}u;
      if (r < P.rows && c < P.k) { Y[r * P.k + c] = acc[i * ${B}u + j]; }
    }
  }
}
`;
}

/**
 * The simple GEMM: one invocation per element of Y, numbered with the column
 * fastest so that neighbouring lanes read neighbouring entries of X's rows
 * (coalesced) and the same entry of A (one broadcast load). Every operand is
 * read from memory, nothing is reused from workgroup memory: the dense twin of
 * the thread-per-row SpMM, and the faster one where barriers are expensive.
 */
export const GEMM_SIMPLE_LANES = 64;

export function gemmSimpleWgsl(storage: Storage): string {
  return `${enables(storage, false)}
${PARAMS_WGSL}
${operandWgsl('A', 1, storage)}
${operandWgsl('X', 2, storage)}
@group(0) @binding(3) var<storage, read_write> Y: array<f32>;
${GROUP_ID_WGSL}

@compute @workgroup_size(${GEMM_SIMPLE_LANES})
fn main(${entryArgs(false)}) {
  let e = groupId(wid, nwg) * ${GEMM_SIMPLE_LANES}u + lid;
  if (e >= P.rows * P.k) { return; }
  let row = e / P.k;
  let j = e % P.k;
  var s = 0.0;
  for (var p = 0u; p < P.cols; p++) { s += load_A(row * P.cols + p) * load_X(p * P.k + j); }
  Y[e] = s;
}
`;
}
