import { enables, entryArgs, GROUP_ID_WGSL, PARAMS_WGSL, workgroupSumWgsl } from './common';

/** How the nonzeros of a CSR row are shared out among invocations. */
export type CsrStrategy = 'thread-per-row' | 'group-per-row';

/**
 * Thread-per-row ("scalar CSR"): invocation i walks row i alone. No
 * reduction and no idle lanes when rows are short (very sparse matrices),
 * but neighbouring lanes read values and column indices from different rows,
 * so the loads do not coalesce, and one long row holds up its whole warp.
 * 64 per workgroup: two 32-wide warps or one 64-wide wave, the size WebGPU
 * implementations run well everywhere.
 */
export const SPMV_THREAD_LANES = 64;

/**
 * Group-per-row ("vector CSR"): a workgroup of 32 lanes shares one row, lane l
 * taking nonzeros l, l + 32, …, so each step reads 32 consecutive values and
 * indices (coalesced), then the lanes' sums are added (subgroupAdd, or a
 * workgroup tree). 32 matches a warp, so on most GPUs the reduction is a
 * single subgroupAdd; it pays once rows have tens of nonzeros, and wastes
 * lanes when they have only a few.
 */
export const SPMV_GROUP_LANES = 32;

const CSR_BINDINGS = /* wgsl */ `
@group(0) @binding(1) var<storage, read> rowPtr: array<u32>;
@group(0) @binding(2) var<storage, read> colIdx: array<u32>;
@group(0) @binding(3) var<storage, read> vals: array<f32>;
@group(0) @binding(4) var<storage, read> X: array<f32>;
@group(0) @binding(5) var<storage, read_write> Y: array<f32>;`;

export function spmvThreadWgsl(): string {
  return `${PARAMS_WGSL}
${CSR_BINDINGS}
${GROUP_ID_WGSL}

@compute @workgroup_size(${SPMV_THREAD_LANES})
fn main(${entryArgs(false)}) {
  let row = groupId(wid, nwg) * ${SPMV_THREAD_LANES}u + lid;
  if (row >= P.rows) { return; }
  var s = 0.0;
  for (var p = rowPtr[row]; p < rowPtr[row + 1u]; p++) { s += vals[p] * X[colIdx[p]]; }
  Y[row] = s;
}
`;
}

export function spmvGroupWgsl(subgroups: boolean): string {
  return `${enables('f32', subgroups)}
${PARAMS_WGSL}
${CSR_BINDINGS}
var<workgroup> partial: array<f32, ${SPMV_GROUP_LANES}>;
${GROUP_ID_WGSL}
${workgroupSumWgsl(SPMV_GROUP_LANES, subgroups)}

@compute @workgroup_size(${SPMV_GROUP_LANES})
fn main(${entryArgs(subgroups)}) {
  let row = groupId(wid, nwg);
  if (row >= P.rows) { return; }
  let end = rowPtr[row + 1u];
  var s = 0.0;
  for (var p = rowPtr[row] + lid; p < end; p += ${SPMV_GROUP_LANES}u) { s += vals[p] * X[colIdx[p]]; }
  let total = workgroupSum(s, lid${subgroups ? ', sgSize' : ''});
  if (lid == 0u) { Y[row] = total; }
}
`;
}
