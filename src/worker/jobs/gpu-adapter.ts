/** `gpu-adapter`: whether this browser exposes a WebGPU adapter, and which; opens no device. */
import type { GpuProbe } from '../../gpu/access';
import { defineJob } from '../context';

export const gpuAdapter = defineJob<Record<string, never>, GpuProbe>({
  priority: 2,
  run: (_params, ctx) => ctx.gpu.probe(),
});
