import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    default: 1024,
    min: 64,
    max: 2048,
    integer: true,
  },
  batch: {
    kind: 'number',
    label: 'Batch',
    unit: 'columns',
    help: '1 multiplies one vector (SpMV); more multiply a matrix (SpMM).',
    default: 1,
    min: 1,
    max: 64,
    integer: true,
    aliases: ['k'],
  },
  dtype: {
    kind: 'enum',
    label: 'Precision',
    default: 'f64',
    options: [
      { value: 'f64', label: 'f64 (double)' },
      { value: 'f32', label: 'f32 (single)' },
    ],
  },
  gpu: {
    kind: 'enum',
    label: 'WebGPU rows',
    help: 'Add crossovers measured on this device’s GPU through WebGPU (where the browser exposes an adapter): CSR on the GPU, and the best sparse kernel on the CPU, each against dense on the GPU.',
    default: 'off',
    options: [
      { value: 'off', label: 'off' },
      { value: 'on', label: 'on' },
    ],
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
