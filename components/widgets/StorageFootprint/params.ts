import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    help: 'The matrices are n × n. Bytes grow as n²; the break-evens barely move with n.',
    default: 512,
    min: 64,
    max: 2048,
    integer: true,
  },
  dtype: {
    kind: 'enum',
    label: 'Precision on the chart',
    help: 'The chart shows one precision; the break-even table shows both.',
    default: 'f32',
    options: [
      { value: 'f32', label: 'f32 (4-byte values)' },
      { value: 'f64', label: 'f64 (8-byte values)' },
    ],
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The same seed gives the same matrices on every machine.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
