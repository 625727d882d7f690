/**
 * The lab's WebGPU-tier figures from one gpu-product result: what the session
 * publishes and what the readout checks, kept pure so they are tested apart
 * from the component.
 */
import type { MetricValues } from '../../../src/state/metrics';
import type { GpuKernelRun } from '../../../src/gpu/measure-product';
import type { GpuTierResult } from '../../../src/worker/jobs/gpu-product';
import type { metrics } from './metrics';

type LabMetric = keyof typeof metrics & string;

/** All four kernels that ran on the GPU: both dense strategies and both CSR ones. */
export function gpuKernels(g: GpuTierResult): GpuKernelRun[] {
  return [...Object.values(g.gpu.dense), ...Object.values(g.gpu.sparse)];
}

/** Every GPU kernel matched the double-precision reference. */
export function gpuVerified(g: GpuTierResult): boolean {
  return gpuKernels(g).every((k) => k.verified);
}

/** How often the dense kernel could run in the time one upload of its matrix took. */
export function uploadCalls(g: GpuTierResult): number {
  return g.gpu.uploads.dense.medianMs / g.dense.medianMs;
}

/** The metrics of the GPU's own measurement (not the adapter's kind, not the crossovers). */
export function gpuMetrics(g: GpuTierResult): MetricValues<LabMetric> {
  const verified = gpuVerified(g);
  return {
    'gpu-dense-ms': {
      value: g.dense.medianMs,
      verified: g.dense.verified,
      noisy: g.dense.noisy,
    },
    'gpu-sparse-ms': {
      value: g.sparse.medianMs,
      verified: g.sparse.verified,
      noisy: g.sparse.noisy,
    },
    ...(g.speedup === null
      ? {}
      : {
          'gpu-speedup': {
            value: g.speedup,
            verified: true,
            noisy: g.dense.noisy || g.sparse.noisy,
          },
        }),
    'gpu-verified': { value: verified ? 1 : 0, verified },
    'gpu-dense-gflops': { value: g.dense.gflops, verified: g.dense.verified },
    'gpu-upload-ms': { value: g.gpu.uploads.dense.medianMs },
    'gpu-upload-gbps': { value: g.gpu.uploads.dense.gbps },
    ...(g.bestCpu
      ? {
          'gpu-cpu-sparse-ms': {
            value: g.bestCpu.medianMs,
            verified: true,
            noisy: g.bestCpu.noisy,
          },
        }
      : {}),
    ...(g.versusCpu === null
      ? {}
      : {
          'gpu-vs-cpu-speedup': {
            value: g.versusCpu,
            verified: true,
            noisy: Boolean(g.versusCpuProbe?.noisy),
          },
        }),
  };
}
