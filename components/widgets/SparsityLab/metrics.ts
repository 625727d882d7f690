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
});
