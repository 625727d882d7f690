import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  n: {
    kind: 'number',
    label: 'Layer width n',
    unit: 'inputs and outputs',
    help: 'W is n × n and dense; each step, k of the n inputs stay active.',
    default: 2048,
    min: 256,
    max: 4096,
    integer: true,
  },
  dtype: {
    kind: 'enum',
    label: 'Precision',
    default: 'f32',
    options: [
      { value: 'f32', label: 'f32 (single)' },
      { value: 'f64', label: 'f64 (double)' },
    ],
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The same seed gives the same weights and activations on every machine.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
