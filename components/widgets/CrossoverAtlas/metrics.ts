import { defineMetrics, type MetricSpec } from '../../../src/state/metrics';

const crossover = (what: string): MetricSpec => ({
  unit: 'sparsity',
  label: `Crossover, ${what}`,
  meaning: `The sparsity from which ${what} beats the dense kernel on this device.`,
});

export const metrics = defineMetrics({
  'crossover-naive': crossover('CSR against the naive dense loop'),
  'crossover-tuned': crossover('CSR against the tuned dense kernel'),
  'crossover-simd': crossover('CSR against the WebAssembly SIMD dense kernel'),
  'crossover-tuned-block': crossover('BSR on 4 × 4 blocks against the tuned dense kernel'),
  'crossover-simd-block': crossover('BSR on 4 × 4 blocks against the SIMD dense kernel'),
  'crossover-tuned-nm': crossover('the 2:4 format against the tuned dense kernel'),
  'crossover-simd-nm': crossover('the 2:4 format against the SIMD dense kernel'),
  'crossover-webgpu': {
    unit: 'sparsity',
    label: 'Crossover, CSR against dense, both on the WebGPU adapter',
    meaning:
      'The sparsity from which CSR on the WebGPU adapter beats dense on the same adapter (a software adapter is labelled as such).',
  },
  'crossover-webgpu-cpu': {
    unit: 'sparsity',
    label: 'Crossover, the CPU’s best sparse kernel against dense on the WebGPU adapter',
    meaning:
      'The sparsity from which the best sparse kernel on this CPU beats the dense kernel on the WebGPU adapter.',
  },
});
