import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    help: 'An n × n matrix in double precision.',
    default: 512,
    min: 64,
    max: 4096,
    integer: true,
  },
  batch: {
    kind: 'number',
    label: 'Vectors at once',
    unit: 'columns',
    help: 'How many vectors the matrix multiplies in one call: 1 is a matrix-vector product; a batch, as a network layer sees, lets dense reuse every number it loads.',
    default: 16,
    min: 1,
    max: 64,
    integer: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The same seed builds the same matrices on every machine.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
