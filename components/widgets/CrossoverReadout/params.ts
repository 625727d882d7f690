import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    help: 'An n × n matrix times one vector, in double precision.',
    default: 1024,
    min: 64,
    max: 4096,
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
