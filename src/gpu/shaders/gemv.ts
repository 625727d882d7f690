import {
  enables,
  entryArgs,
  GROUP_ID_WGSL,
  operandWgsl,
  PARAMS_WGSL,
  workgroupSumWgsl,
  type Storage,
} from './common';

/**
 * Lanes per row of the dense GEMV. A is row-major, so the lanes of one
 * workgroup stride along one row together: lane l reads columns l, l + 64, …
 * and each step of the group is one contiguous 256-byte read (coalesced).
 * 64 is a whole number of 32-wide warps and exactly one 64-wide AMD wave, small
 * enough that a row of a few hundred columns still gives every lane work, and
 * it takes log2(64) = 6 tree steps to reduce without subgroups.
 * (One thread per row would read A with a stride of a whole row between
 * neighbouring lanes: every load its own memory transaction.)
 */
export const GEMV_LANES = 64;

/**
 * Invocations per workgroup of the simple GEMV, one row each. On a real GPU
 * neighbouring lanes read A a whole row apart (uncoalesced), so the
 * cooperative kernel below should win; on a software adapter, where every
 * barrier is a context switch on the CPU, this one does. The measurement
 * times both and keeps the faster, so the dense side is never a straw man.
 */
export const GEMV_THREAD_LANES = 64;

/** y = A x, one invocation per row, no workgroup memory. */
export function gemvThreadWgsl(storage: Storage): string {
  return `${enables(storage, false)}
${PARAMS_WGSL}
${operandWgsl('A', 1, storage)}
${operandWgsl('X', 2, storage)}
@group(0) @binding(3) var<storage, read_write> Y: array<f32>;
${GROUP_ID_WGSL}

@compute @workgroup_size(${GEMV_THREAD_LANES})
fn main(${entryArgs(false)}) {
  let row = groupId(wid, nwg) * ${GEMV_THREAD_LANES}u + lid;
  if (row >= P.rows) { return; }
  let base = row * P.cols;
  var s = 0.0;
  for (var j = 0u; j < P.cols; j++) { s += load_A(base + j) * load_X(j); }
  Y[row] = s;
}
`;
}

/** y = A x: one workgroup per row, lanes cooperating along it; A and x in `storage`. */
export function gemvWgsl(storage: Storage, subgroups: boolean): string {
  return `${enables(storage, subgroups)}
${PARAMS_WGSL}
${operandWgsl('A', 1, storage)}
${operandWgsl('X', 2, storage)}
@group(0) @binding(3) var<storage, read_write> Y: array<f32>;
var<workgroup> partial: array<f32, ${GEMV_LANES}>;
${GROUP_ID_WGSL}
${workgroupSumWgsl(GEMV_LANES, subgroups)}

@compute @workgroup_size(${GEMV_LANES})
fn main(${entryArgs(subgroups)}) {
  let row = groupId(wid, nwg);
  if (row >= P.rows) { return; }
  let base = row * P.cols;
  var s = 0.0;
  for (var j = lid; j < P.cols; j += ${GEMV_LANES}u) {
    s += load_A(base + j) * load_X(j);
  }
  let total = workgroupSum(s, lid${subgroups ? ', sgSize' : ''});
  if (lid == 0u) { Y[row] = total; }
}
`;
}
