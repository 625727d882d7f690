import { GpuPipelineError, unlessLost } from './errors';
import type { Gpu } from './open';
import type { GPUComputePipeline, GPUDevice } from './webgpu-types';

const cache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

/**
 * A compute pipeline for `code`, compiled once per device: a measurement that
 * probes twelve sparsities compiles each kernel once, not twelve times.
 * Compilation errors come back with the compiler's messages, not a bare
 * "invalid pipeline" later at dispatch.
 */
export function pipelineFor(gpu: Gpu, name: string, code: string): Promise<GPUComputePipeline> {
  let perDevice = cache.get(gpu.device);
  if (!perDevice) cache.set(gpu.device, (perDevice = new Map()));
  let pipeline = perDevice.get(code);
  if (!pipeline) {
    pipeline = compile(gpu, name, code);
    perDevice.set(code, pipeline);
    pipeline.catch(() => perDevice.delete(code));
  }
  return pipeline;
}

async function compile(gpu: Gpu, name: string, code: string): Promise<GPUComputePipeline> {
  const module = gpu.device.createShaderModule({ code, label: name });
  const info = await unlessLost(gpu, module.getCompilationInfo());
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    throw new GpuPipelineError(
      name,
      errors.map((m) => `line ${m.lineNum}: ${m.message}`).join('; '),
    );
  }
  try {
    return await unlessLost(
      gpu,
      gpu.device.createComputePipelineAsync({
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
        label: name,
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'GpuDeviceLostError') throw e;
    throw new GpuPipelineError(name, e instanceof Error ? e.message : String(e));
  }
}
