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

/** y = A x: one workgroup per row, x in f32, A in `storage`. */
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
