import { enables, entryArgs, GROUP_ID_WGSL, PARAMS_WGSL } from './common';

/**
 * Thread-per-row SpMM, Y = A X with X dense (cols × k): invocation (i, j) walks
 * row i alone for output column j. Output elements are numbered with j
 * fastest, so neighbouring lanes read neighbouring entries of X's rows
 * (coalesced) and share the row's values and indices (one broadcast load).
 */
export const SPMM_THREAD_LANES = 64;

/**
 * Group-per-row SpMM (the row-split kernel of Yang, Buluç and Owens 2018): a
 * workgroup of 32 lanes owns row i, lane l computing columns l, l + 32, … of
 * Y's row. The lanes read the row's nonzeros 32 at a time in one coalesced
 * load, each lane one, then hand each nonzero to every lane: with subgroups by
 * subgroupShuffle in registers, otherwise through workgroup memory behind a
 * barrier. Every value and index is loaded from memory once per row, not once
 * per output column. 32 lanes cover k ≤ 32 in one pass.
 */
export const SPMM_GROUP_LANES = 32;

const CSR_BINDINGS = /* wgsl */ `
@group(0) @binding(1) var<storage, read> rowPtr: array<u32>;
@group(0) @binding(2) var<storage, read> colIdx: array<u32>;
@group(0) @binding(3) var<storage, read> vals: array<f32>;
@group(0) @binding(4) var<storage, read> X: array<f32>;
@group(0) @binding(5) var<storage, read_write> Y: array<f32>;`;

export function spmmThreadWgsl(): string {
  return `${PARAMS_WGSL}
${CSR_BINDINGS}
${GROUP_ID_WGSL}

@compute @workgroup_size(${SPMM_THREAD_LANES})
fn main(${entryArgs(false)}) {
  let e = groupId(wid, nwg) * ${SPMM_THREAD_LANES}u + lid;
  if (e >= P.rows * P.k) { return; }
  let row = e / P.k;
  let j = e % P.k;
  var s = 0.0;
  for (var p = rowPtr[row]; p < rowPtr[row + 1u]; p++) { s += vals[p] * X[colIdx[p] * P.k + j]; }
  Y[e] = s;
}
`;
}

export function spmmGroupWgsl(subgroups: boolean): string {
  const L = SPMM_GROUP_LANES;
  // Each subgroup walks the row in chunks of its own width and shuffles within itself, so the
  // kernel is right for any subgroup size (live lanes are numbered from 0, as WGSL implementations do).
  const chunk = subgroups
    ? `
    // A subgroup wider than the workgroup (a 64-wide wave running 32 lanes) has only L live lanes.
    let width = min(sgSize, ${L}u);
    for (var c = start; c < end; c += width) {
      var v = 0.0;
      var col = 0u;
      if (c + sgLane < end) { v = vals[c + sgLane]; col = colIdx[c + sgLane]; }
      let m = min(width, end - c);
      for (var t = 0u; t < m; t++) {
        let vt = subgroupShuffle(v, t);
        let ct = subgroupShuffle(col, t);
        if (j < P.k) { s += vt * X[ct * P.k + j]; }
      }
    }`
    : `
    for (var c = start; c < end; c += ${L}u) {
      if (c + lid < end) { sv[lid] = vals[c + lid]; sc[lid] = colIdx[c + lid]; }
      workgroupBarrier();
      let m = min(${L}u, end - c);
      for (var t = 0u; t < m; t++) {
        if (j < P.k) { s += sv[t] * X[sc[t] * P.k + j]; }
      }
      workgroupBarrier();
    }`;
  return `${enables('f32', subgroups)}
${PARAMS_WGSL}
${CSR_BINDINGS}
${subgroups ? '' : `var<workgroup> sv: array<f32, ${L}>;\nvar<workgroup> sc: array<u32, ${L}>;`}
${GROUP_ID_WGSL}

@compute @workgroup_size(${L})
fn main(${entryArgs(subgroups)}) {
  let row = groupId(wid, nwg);
  if (row >= P.rows) { return; }
  let start = rowPtr[row];
  let end = rowPtr[row + 1u];
  for (var j0 = 0u; j0 < P.k; j0 += ${L}u) {
    let j = j0 + lid;
    var s = 0.0;${chunk}
    if (j < P.k) { Y[row * P.k + j] = s; }
  }
}
`;
}
