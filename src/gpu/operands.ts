import type { Csr } from '../kernels/csr';
import type { Dense } from '../kernels/dense';
import { toHalfArray } from '../kernels/half';
import { csrNnz } from '../kernels/csr';
import { createBuffer, writeWords } from './buffers';
import type { Gpu } from './open';
import type { Storage } from './shaders/common';
import { BufferUsage, type GPUBuffer } from './webgpu-types';

/**
 * Matrices and right-hand sides on the device. Each operand is converted on
 * the host and its buffers allocated when it is made; `write()` only queues
 * the copy, so an upload can be timed on its own (see upload.ts).
 */
export interface Operand {
  readonly label: string;
  /** Bytes the device holds for it (what an upload moves). */
  readonly bytes: number;
  /** Queues the host data into the device buffers (queue.writeBuffer). */
  write(): void;
  destroy(): void;
}

export interface DenseOperand extends Operand {
  readonly kind: 'dense';
  readonly rows: number;
  readonly cols: number;
  readonly storage: Storage;
  readonly buffer: GPUBuffer;
}

export interface CsrOperand extends Operand {
  readonly kind: 'csr';
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  readonly rowPtr: GPUBuffer;
  readonly colIdx: GPUBuffer;
  readonly values: GPUBuffer;
  /** Stored entries per row (the m_i of the verification bound). */
  readonly rowLengths: Int32Array;
}

const USAGE = BufferUsage.STORAGE | BufferUsage.COPY_DST;

/** The bytes the GPU reads for `data` in `storage`: f32 as is, both f16 forms as 16-bit patterns. */
export function storageData(data: Dense['data'], storage: Storage): Float32Array | Uint16Array {
  if (storage === 'f32') return data instanceof Float32Array ? data : new Float32Array(data);
  return toHalfArray(data);
}

/** A dense matrix (or a dense right-hand side: rows × k) in `storage`. */
export async function denseOperand(
  gpu: Gpu,
  label: string,
  a: Dense,
  storage: Storage,
): Promise<DenseOperand> {
  const data = storageData(a.data, storage);
  const buffer = await createBuffer(gpu, label, data.byteLength, USAGE);
  return {
    kind: 'dense',
    label,
    rows: a.rows,
    cols: a.cols,
    storage,
    buffer,
    bytes: buffer.size,
    write: () => writeWords(gpu, buffer, data),
    destroy: () => buffer.destroy(),
  };
}

/** A CSR matrix: row pointers and column indices as u32 (same bits as our Int32Arrays), values in f32. */
export async function csrOperand(gpu: Gpu, label: string, a: Csr): Promise<CsrOperand> {
  const nnz = csrNnz(a);
  const values = storageData(a.values, 'f32');
  const rowLengths = new Int32Array(a.rows);
  for (let i = 0; i < a.rows; i++) rowLengths[i] = a.rowPtr[i + 1]! - a.rowPtr[i]!;
  const made: GPUBuffer[] = [];
  try {
    made.push(await createBuffer(gpu, `${label} row pointers`, a.rowPtr.byteLength, USAGE));
    made.push(await createBuffer(gpu, `${label} column indices`, nnz * 4, USAGE));
    made.push(await createBuffer(gpu, `${label} values`, nnz * 4, USAGE));
  } catch (e) {
    made.forEach((b) => b.destroy());
    throw e;
  }
  const [rowPtr, colIdx, vals] = made as [GPUBuffer, GPUBuffer, GPUBuffer];
  return {
    kind: 'csr',
    label,
    rows: a.rows,
    cols: a.cols,
    nnz,
    rowPtr,
    colIdx,
    values: vals,
    rowLengths,
    bytes: rowPtr.size + colIdx.size + vals.size,
    write: () => {
      writeWords(gpu, rowPtr, a.rowPtr);
      writeWords(gpu, colIdx, a.colIdx.subarray(0, nnz));
      writeWords(gpu, vals, values.subarray(0, nnz));
    },
    destroy: () => made.forEach((b) => b.destroy()),
  };
}
