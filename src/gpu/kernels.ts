import { createBuffer, outputBuffer } from './buffers';
import { GpuLimitError } from './errors';
import { foldGrid } from './grid';
import type { Gpu } from './open';
import type { CsrOperand, DenseOperand } from './operands';
import { pipelineFor } from './pipelines';
import { GEMM_SIMPLE_LANES, GEMM_TILE, gemmSimpleWgsl, gemmWgsl } from './shaders/gemm';
import { GEMV_THREAD_LANES, gemvThreadWgsl, gemvWgsl } from './shaders/gemv';
import { SPMM_THREAD_LANES, spmmGroupWgsl, spmmThreadWgsl } from './shaders/spmm';
import { SPMV_THREAD_LANES, spmvGroupWgsl, spmvThreadWgsl, type CsrStrategy } from './shaders/spmv';
import { BufferUsage, type GPUBuffer, type GPUComputePassEncoder } from './webgpu-types';

/** One product Y = A·X ready to dispatch as often as a measurement wants. */
export interface GpuKernel {
  /** e.g. 'gemv-f32-thread', 'gemm-f16-tiled', 'spmv-csr-group-subgroups', 'spmm-csr-thread'. */
  readonly name: string;
  readonly rows: number;
  /** Columns of X and Y (1 for a matrix-vector product). */
  readonly k: number;
  /** Useful FLOPs per call: 2·rows·cols·k for dense (zeros included), 2·nnz·k for CSR. */
  readonly flops: number;
  /** Y, rows × k row-major f32, valid after a dispatch. */
  readonly y: GPUBuffer;
  /** Terms summed for each output row (verification's m_i). */
  termsInRow(row: number): number;
  /** Records one call into a compute pass. */
  encode(pass: GPUComputePassEncoder): void;
  /** Device bytes the kernel itself owns (output and parameters; operands are separate). */
  readonly bytes: number;
  destroy(): void;
}

/**
 * How the dense kernel shares out the work:
 * - 'simple': one invocation per output element (GEMV: per row), no workgroup memory;
 * - 'cooperative': a workgroup per row reducing together (GEMV), or the 32 × 32 tiled GEMM.
 */
export type DenseStrategy = 'simple' | 'cooperative';
export const DENSE_STRATEGIES: readonly DenseStrategy[] = ['simple', 'cooperative'];

async function assemble(
  gpu: Gpu,
  name: string,
  code: string,
  shape: { rows: number; cols: number; k: number },
  groups: number,
  operands: GPUBuffer[],
): Promise<Omit<GpuKernel, 'flops' | 'termsInRow'>> {
  const grid = foldGrid(groups, gpu.limits.maxComputeWorkgroupsPerDimension);
  if (!grid) {
    throw new GpuLimitError(
      `${name} needs ${groups} workgroups, more than this device can dispatch at once.`,
    );
  }
  const tooBig = operands.find((b) => b.size > gpu.limits.maxStorageBufferBindingSize);
  if (tooBig) {
    throw new GpuLimitError(
      `${name} would bind ${Math.round(tooBig.size / 2 ** 20)} MB at once, more than this GPU allows ` +
        `(maxStorageBufferBindingSize ${Math.round(gpu.limits.maxStorageBufferBindingSize / 2 ** 20)} MB).`,
    );
  }
  const pipeline = await pipelineFor(gpu, name, code);
  const params = await createBuffer(
    gpu,
    `${name} params`,
    16,
    BufferUsage.UNIFORM | BufferUsage.COPY_DST,
  );
  gpu.device.queue.writeBuffer(params, 0, new Uint32Array([shape.rows, shape.cols, shape.k, 0]));
  let y: GPUBuffer;
  try {
    y = await outputBuffer(gpu, `${name} output`, shape.rows * shape.k);
  } catch (e) {
    params.destroy();
    throw e;
  }
  const bindGroup = gpu.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [params, ...operands, y].map((buffer, binding) => ({
      binding,
      resource: { buffer },
    })),
    label: name,
  });
  const [gx, gy] = grid;
  return {
    name,
    rows: shape.rows,
    k: shape.k,
    y,
    bytes: params.size + y.size,
    encode: (pass) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(gx, gy);
    },
    destroy: () => {
      params.destroy();
      y.destroy();
    },
  };
}

/**
 * Dense Y = A·X: a GEMV kernel when X is one column, a GEMM otherwise.
 * X must be stored like A (both f32, or both half).
 */
export async function denseKernel(
  gpu: Gpu,
  a: DenseOperand,
  x: DenseOperand,
  strategy: DenseStrategy = 'cooperative',
): Promise<GpuKernel> {
  if (x.rows !== a.cols || x.storage !== a.storage) {
    throw new RangeError(
      `X (${x.rows}×${x.cols}, ${x.storage}) does not fit A (${a.rows}×${a.cols}, ${a.storage}).`,
    );
  }
  const k = x.cols;
  const shape = { rows: a.rows, cols: a.cols, k };
  const subgroups = gpu.features.subgroups;
  const operands = [a.buffer, x.buffer];
  let name: string;
  let code: string;
  let groups: number;
  if (k === 1 && strategy === 'simple') {
    [name, code] = [`gemv-${a.storage}-thread`, gemvThreadWgsl(a.storage)];
    groups = Math.ceil(a.rows / GEMV_THREAD_LANES);
  } else if (k === 1) {
    [name, code] = [
      `gemv-${a.storage}-group-${subgroups ? 'subgroups' : 'workgroup'}`,
      gemvWgsl(a.storage, subgroups),
    ];
    groups = a.rows;
  } else if (strategy === 'simple') {
    [name, code] = [`gemm-${a.storage}-simple`, gemmSimpleWgsl(a.storage)];
    groups = Math.ceil((a.rows * k) / GEMM_SIMPLE_LANES);
  } else {
    [name, code] = [`gemm-${a.storage}-tiled`, gemmWgsl(a.storage)];
    groups = Math.ceil(a.rows / GEMM_TILE) * Math.ceil(k / GEMM_TILE);
  }
  const base = await assemble(gpu, name, code, shape, groups, operands);
  return { ...base, flops: 2 * a.rows * a.cols * k, termsInRow: () => a.cols };
}

/** CSR Y = A·X with X in f32: SpMV when X is one column, SpMM otherwise, in either strategy. */
export async function csrKernel(
  gpu: Gpu,
  a: CsrOperand,
  x: DenseOperand,
  strategy: CsrStrategy,
): Promise<GpuKernel> {
  if (x.rows !== a.cols || x.storage !== 'f32') {
    throw new RangeError(
      `X (${x.rows}×${x.cols}, ${x.storage}) does not fit CSR A (${a.rows}×${a.cols}, f32).`,
    );
  }
  const k = x.cols;
  const shape = { rows: a.rows, cols: a.cols, k };
  const subgroups = gpu.features.subgroups;
  const operands = [a.rowPtr, a.colIdx, a.values, x.buffer];
  const op = k === 1 ? 'spmv' : 'spmm';
  let name: string;
  let code: string;
  let groups: number;
  if (strategy === 'thread-per-row') {
    name = `${op}-csr-thread`;
    code = k === 1 ? spmvThreadWgsl() : spmmThreadWgsl();
    groups = Math.ceil((a.rows * k) / (k === 1 ? SPMV_THREAD_LANES : SPMM_THREAD_LANES));
  } else {
    name = `${op}-csr-group-${subgroups ? 'subgroups' : 'workgroup'}`;
    code = k === 1 ? spmvGroupWgsl(subgroups) : spmmGroupWgsl(subgroups);
    groups = a.rows;
  }
  const base = await assemble(gpu, name, code, shape, groups, operands);
  return {
    ...base,
    flops: 2 * a.nnz * k,
    termsInRow: (row) => a.rowLengths[row]!,
  };
}
