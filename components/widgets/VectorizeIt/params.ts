import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  op: {
    kind: 'enum',
    label: 'Operation',
    help: 'Four everyday array operations: a reduction, a dot product, axpy (BLAS’s z = αx + y) and an element-wise map.',
    default: 'dot',
    options: [
      { value: 'sum', label: 'sum Σx' },
      { value: 'dot', label: 'dot Σx·y' },
      { value: 'axpy', label: 'axpy z = αx + y' },
      { value: 'map', label: 'map y = 1/x' },
    ],
  },
  n: {
    kind: 'number',
    label: 'Size n',
    unit: 'elements',
    help: 'Elements per array, from 16 (fixed costs dominate) to 524,288.',
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

/** Sizes the menu offers. */
export const VECTORIZE_SIZES: readonly number[] = [16, 256, 4096, 65536, 524288];
