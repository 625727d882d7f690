/** `gpu-sweep`: the WebGPU tier's whole speedup-vs-sparsity curve, each point streamed as it lands. */
import { defineJob } from '../context';
import { measureGpuTier, setUpGpu, type GpuCurve, type GpuTierResult } from './gpu-product';

export interface GpuSweepParams extends GpuCurve {
  sparsities: number[];
}

export const gpuSweep = defineJob<GpuSweepParams, GpuTierResult[], { result: GpuTierResult }>({
  priority: 0,
  async run(params, ctx) {
    const { sparsities, ...curve } = params;
    const setup = await setUpGpu(curve, ctx);
    const results: GpuTierResult[] = [];
    for (const sparsity of sparsities) {
      const result = await measureGpuTier(setup, sparsity, ctx, { cpu: true });
      if (result.speedup === null) {
        throw new Error(
          `A GPU kernel's answer failed verification at ${(sparsity * 100).toFixed(2)} % sparsity: the sweep stopped rather than chart it.`,
        );
      }
      results.push(result);
      ctx.progress(results.length, sparsities.length, { result });
    }
    return results;
  },
});
