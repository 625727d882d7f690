/**
 * WGSL pieces every kernel shares: the parameter block, the workgroup number
 * spread over a 2-D grid, how a matrix element is loaded in each storage
 * precision, and the sum of one value per lane across a workgroup.
 */

/** How the dense operands are stored on the GPU. Arithmetic is f32 in every case. */
export type Storage =
  /** array<f32>. */
  | 'f32'
  /** array<f16>, needs the adapter's `shader-f16` feature (`enable f16;`). */
  | 'f16'
  /** Two halves packed in each u32, unpacked with unpack2x16float: same bytes as 'f16', no feature needed. */
  | 'f16-packed';

/** `rows`, `cols` and `k` of Y = A·X (rows × cols times cols × k), padded to 16 bytes. */
export const PARAMS_WGSL = /* wgsl */ `
struct Params { rows: u32, cols: u32, k: u32, pad: u32 }
@group(0) @binding(0) var<uniform> P: Params;`;

/**
 * The linear workgroup number. Large problems need more workgroups than one
 * grid dimension allows (maxComputeWorkgroupsPerDimension, 65 535 by default),
 * so the host folds the count into x × y and every kernel unfolds it here.
 */
export const GROUP_ID_WGSL = /* wgsl */ `
fn groupId(wid: vec3<u32>, nwg: vec3<u32>) -> u32 { return wid.y * nwg.x + wid.x; }`;

/** `enable` lines a storage choice needs. */
export function enables(storage: Storage, subgroups: boolean): string {
  return [storage === 'f16' ? 'enable f16;' : '', subgroups ? 'enable subgroups;' : '']
    .filter(Boolean)
    .join('\n');
}

/** A read-only array binding `name` in `storage`, plus `load_<name>(i) -> f32`. */
export function operandWgsl(name: string, binding: number, storage: Storage): string {
  switch (storage) {
    case 'f32':
      return `@group(0) @binding(${binding}) var<storage, read> ${name}: array<f32>;
fn load_${name}(i: u32) -> f32 { return ${name}[i]; }`;
    case 'f16':
      return `@group(0) @binding(${binding}) var<storage, read> ${name}: array<f16>;
fn load_${name}(i: u32) -> f32 { return f32(${name}[i]); }`;
    case 'f16-packed':
      return `@group(0) @binding(${binding}) var<storage, read> ${name}: array<u32>;
fn load_${name}(i: u32) -> f32 { return unpack2x16float(${name}[i >> 1u])[i & 1u]; }`;
  }
}

/**
 * Sums `value` over the `lanes` invocations of a workgroup; the total is valid
 * in invocation 0. With subgroups, subgroupAdd does the work in registers and,
 * when one subgroup spans the whole workgroup (32-wide warps and wider), that
 * is all. Narrower subgroups (Intel's 8 or 16, SwiftShader's 4) leave one sum
 * per subgroup: each subgroup's elected lane stores it and every other lane
 * stores an exact 0, so a tree over the slots adds only the real partials.
 * Without subgroups the tree does the whole sum: log2(lanes) barrier steps.
 * Must be called from workgroup-uniform control flow; declares nothing itself
 * (the caller declares `var<workgroup> partial: array<f32, lanes>`).
 */
export function workgroupSumWgsl(lanes: number, subgroups: boolean): string {
  const tree = `
  workgroupBarrier();
  for (var w = ${lanes / 2}u; w > 0u; w >>= 1u) {
    if (lid < w) { partial[lid] += partial[lid + w]; }
    workgroupBarrier();
  }
  return partial[0];`;
  if (!subgroups) {
    return `
fn workgroupSum(value: f32, lid: u32) -> f32 {
  partial[lid] = value;${tree}
}`;
  }
  return `
fn workgroupSum(value: f32, lid: u32, sgSize: u32) -> f32 {
  let s = subgroupAdd(value);
  if (sgSize >= ${lanes}u) { return s; }
  partial[lid] = select(0.0, s, subgroupElect());${tree}
}`;
}

/** The builtins a kernel's entry point takes; subgroup size only where used. */
export function entryArgs(subgroups: boolean): string {
  return [
    '@builtin(workgroup_id) wid: vec3<u32>',
    '@builtin(num_workgroups) nwg: vec3<u32>',
    '@builtin(local_invocation_index) lid: u32',
    ...(subgroups
      ? ['@builtin(subgroup_size) sgSize: u32', '@builtin(subgroup_invocation_id) sgLane: u32']
      : []),
  ].join(', ');
}
