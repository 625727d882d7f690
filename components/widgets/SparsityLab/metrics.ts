import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  'dense-ms': {
    unit: 'ms',
    label: 'Dense time',
    meaning: 'Median time of one dense product at the slider’s sparsity.',
  },
  'sparse-ms': {
    unit: 'ms',
    label: 'Sparse time',
    meaning: 'Median time of one sparse product at the slider’s sparsity.',
  },
  speedup: {
    unit: 'ratio',
    label: 'Speedup of sparse',
    meaning: 'Dense time divided by sparse time; above 1 the sparse kernel wins.',
  },
  verified: {
    unit: 'count',
    label: 'Same answer',
    meaning: '1 when both outputs matched the double-precision reference, else 0.',
  },
  'dense-bytes': {
    unit: 'bytes',
    label: 'Dense matrix',
    meaning: 'Bytes the dense matrix occupies.',
  },
  'sparse-bytes': {
    unit: 'bytes',
    label: 'Sparse matrix',
    meaning: 'Bytes the sparse format occupies at this sparsity.',
  },
  'dense-gbps': {
    unit: 'gbps',
    label: 'Dense bandwidth',
    meaning: 'Compulsory bytes the dense kernel moved per second (matrix, x and y once).',
  },
  'dense-gflops': {
    unit: 'gflops',
    label: 'Dense GFLOP/s',
    meaning: 'Floating-point operations per second of the dense kernel.',
  },
  'sparse-gflops': {
    unit: 'gflops',
    label: 'Sparse GFLOP/s',
    meaning: 'Useful floating-point operations per second of the sparse kernel.',
  },
  'built-sparsity': {
    unit: 'sparsity',
    label: 'Sparsity built',
    meaning: 'Share of zeros in the matrix actually built (2:4 keeps exactly half).',
  },
  crossover: {
    unit: 'sparsity',
    label: 'Crossover',
    meaning: 'The sparsity from which the sparse kernel beats the dense one on this device.',
  },
  'gpu-adapter': {
    unit: 'count',
    label: 'WebGPU adapter',
    meaning:
      '0 when this browser exposes no WebGPU adapter, 1 for a software (fallback) adapter that runs on the CPU, 2 for a hardware GPU.',
  },
  'gpu-dense-ms': {
    unit: 'ms',
    label: 'Dense time on the WebGPU adapter',
    meaning:
      'Median time of the faster dense kernel on the WebGPU adapter, at the slider’s sparsity.',
  },
  'gpu-sparse-ms': {
    unit: 'ms',
    label: 'CSR time on the WebGPU adapter',
    meaning:
      'Median time of the faster CSR kernel on the WebGPU adapter, at the slider’s sparsity.',
  },
  'gpu-speedup': {
    unit: 'ratio',
    label: 'Speedup of CSR on the WebGPU adapter',
    meaning:
      'Dense time divided by CSR time, both on the WebGPU adapter; above 1 CSR wins. Only when all four GPU answers verified.',
  },
  'gpu-verified': {
    unit: 'count',
    label: 'Same answer on the WebGPU adapter',
    meaning: '1 when all four GPU kernels matched the double-precision reference, else 0.',
  },
  'gpu-dense-gflops': {
    unit: 'gflops',
    label: 'Dense GFLOP/s on the WebGPU adapter',
    meaning:
      'Floating-point operations per second of the faster dense kernel on the WebGPU adapter.',
  },
  'gpu-upload-ms': {
    unit: 'ms',
    label: 'Dense upload time',
    meaning:
      'Wall-clock time to move the dense matrix to the WebGPU adapter, timed apart from the kernels.',
  },
  'gpu-upload-gbps': {
    unit: 'gbps',
    label: 'Dense upload rate',
    meaning:
      'Bytes of the dense matrix moved to the WebGPU adapter per second: what moving the matrix costs.',
  },
  'gpu-cpu-sparse-ms': {
    unit: 'ms',
    label: 'Best CPU sparse time',
    meaning: 'Median time of the faster sparse kernel on this CPU, on the WebGPU tier’s problem.',
  },
  'gpu-vs-cpu-speedup': {
    unit: 'ratio',
    label: 'CPU sparse against GPU dense',
    meaning:
      'Dense time on the WebGPU adapter divided by the best sparse time on this CPU; above 1 the CPU’s sparse kernel wins.',
  },
  'gpu-crossover': {
    unit: 'sparsity',
    label: 'Crossover on the WebGPU adapter',
    meaning: 'The sparsity from which CSR on the WebGPU adapter beats dense on the same adapter.',
  },
  'gpu-cpu-crossover': {
    unit: 'sparsity',
    label: 'Crossover, CPU sparse against GPU dense',
    meaning:
      'The sparsity from which the best sparse kernel on this CPU beats the dense kernel on the WebGPU adapter.',
  },
});
