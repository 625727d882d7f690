import { readFloats } from './buffers';
import { unlessLost } from './errors';
import type { GpuKernel } from './kernels';
import type { Gpu } from './open';

/** One call of `kernel`, its answer read back (rows × k f32): for checking, not timing. */
export async function runOnce(gpu: Gpu, kernel: GpuKernel): Promise<Float32Array> {
  const encoder = gpu.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  kernel.encode(pass);
  pass.end();
  gpu.device.pushErrorScope('validation');
  gpu.device.queue.submit([encoder.finish()]);
  const error = await unlessLost(gpu, gpu.device.popErrorScope());
  if (error) throw new Error(`${kernel.name} could not run: ${error.message}`);
  return readFloats(gpu, kernel.y, kernel.rows * kernel.k);
}
