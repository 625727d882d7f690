import { GpuLimitError, GpuOutOfMemoryError, unlessLost } from './errors';
import type { Gpu } from './open';
import { BufferUsage, MapMode, type GPUBuffer } from './webgpu-types';

/** Buffer sizes must be whole 4-byte words, and a binding cannot be empty. */
export function paddedSize(bytes: number): number {
  return Math.max(4, Math.ceil(bytes / 4) * 4);
}

/**
 * A buffer the device may refuse. Sizes over maxBufferSize are refused up
 * front as a GpuLimitError; out-of-memory is caught in an error scope and
 * becomes a GpuOutOfMemoryError naming what was asked for. Either way the
 * device stays usable for smaller work.
 */
export async function createBuffer(
  gpu: Gpu,
  label: string,
  bytes: number,
  usage: number,
): Promise<GPUBuffer> {
  const size = paddedSize(bytes);
  if (size > gpu.limits.maxBufferSize) {
    throw new GpuLimitError(
      `${label} needs ${Math.round(size / 2 ** 20)} MB, more than this GPU's largest buffer ` +
        `(maxBufferSize ${Math.round(gpu.limits.maxBufferSize / 2 ** 20)} MB).`,
    );
  }
  gpu.device.pushErrorScope('out-of-memory');
  gpu.device.pushErrorScope('validation');
  const buffer = gpu.device.createBuffer({ size, usage, label });
  const invalid = await unlessLost(gpu, gpu.device.popErrorScope());
  const oom = await unlessLost(gpu, gpu.device.popErrorScope());
  if (oom || invalid) {
    buffer.destroy();
    if (oom) throw new GpuOutOfMemoryError(label, size, oom.message);
    throw new GpuLimitError(`The GPU refused ${label} (${size} bytes): ${invalid!.message}`);
  }
  return buffer;
}

/** A storage buffer holding `data` (written through the queue, not mapped). */
export async function storageBuffer(
  gpu: Gpu,
  label: string,
  data: ArrayBufferView,
): Promise<GPUBuffer> {
  const buffer = await createBuffer(
    gpu,
    label,
    data.byteLength,
    BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC,
  );
  writeWords(gpu, buffer, data);
  return buffer;
}

/**
 * queue.writeBuffer needs a multiple of 4 bytes; a Uint16Array of odd length
 * or an empty array is written as the whole words it covers (buffers are padded).
 */
export function writeWords(gpu: Gpu, buffer: GPUBuffer, data: ArrayBufferView): void {
  const words = Math.floor(data.byteLength / 4) * 4;
  if (words > 0) gpu.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, words);
  if (words < data.byteLength) {
    const tail = new Uint8Array(4);
    tail.set(new Uint8Array(data.buffer, data.byteOffset + words, data.byteLength - words));
    gpu.device.queue.writeBuffer(buffer, words, tail);
  }
}

/** An output buffer of `length` f32 values, readable by copy. */
export function outputBuffer(gpu: Gpu, label: string, length: number): Promise<GPUBuffer> {
  return createBuffer(gpu, label, length * 4, BufferUsage.STORAGE | BufferUsage.COPY_SRC);
}

/** The first `length` f32 values of `source`, copied back to the host. */
export async function readFloats(
  gpu: Gpu,
  source: GPUBuffer,
  length: number,
): Promise<Float32Array> {
  const size = paddedSize(length * 4);
  const staging = await createBuffer(
    gpu,
    'readback',
    size,
    BufferUsage.MAP_READ | BufferUsage.COPY_DST,
  );
  try {
    const encoder = gpu.device.createCommandEncoder();
    encoder.copyBufferToBuffer(source, 0, staging, 0, size);
    gpu.device.queue.submit([encoder.finish()]);
    await unlessLost(gpu, staging.mapAsync(MapMode.READ));
    const out = new Float32Array(length);
    out.set(new Float32Array(staging.getMappedRange(), 0, length));
    staging.unmap();
    return out;
  } finally {
    staging.destroy();
  }
}
