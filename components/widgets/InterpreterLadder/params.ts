import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  op: {
    kind: 'enum',
    label: 'Operation',
    help: 'A dot product of two vectors, or a square matrix times a vector: n multiply-adds either way.',
    default: 'dot',
    options: [
      { value: 'dot', label: 'dot product' },
      { value: 'gemv', label: 'matrix × vector' },
    ],
  },
  n: {
    kind: 'number',
    label: 'Size n',
    unit: 'multiply-adds',
    help: 'From 1 (each call is almost all fixed cost) to 524,288 (4 MB per vector of doubles).',
    default: 65536,
    min: 1,
    max: 524288,
    integer: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The same seed gives the same inputs on every machine.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
