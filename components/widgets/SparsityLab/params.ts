import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  sparsity: {
    kind: 'number',
    label: 'Sparsity',
    help: 'Fraction of the matrix entries that are zero: 0.9 means 90 %.',
    default: 0.9,
    min: 0,
    max: 0.9999,
  },
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    help: 'The matrix is n × n; the vector has n entries.',
    default: 2048,
    min: 64,
    max: 4096,
    integer: true,
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
  tier: {
    kind: 'enum',
    label: 'Dense kernel',
    help: 'naive: the textbook loop; tuned: four rows at a time with independent accumulators.',
    default: 'tuned',
    options: [
      { value: 'naive', label: 'naive' },
      { value: 'tuned', label: 'tuned' },
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

/**
 * Slider stops: whole percents up to 90 %, then ever finer steps, because the
 * interesting crossovers sit between 90 % and 99.99 %.
 */
export const SPARSITY_STOPS: readonly number[] = [
  ...Array.from({ length: 91 }, (_, i) => i / 100),
  ...Array.from({ length: 18 }, (_, i) => (905 + 5 * i) / 1000),
  ...Array.from({ length: 9 }, (_, i) => (991 + i) / 1000),
  ...Array.from({ length: 9 }, (_, i) => (9991 + i) / 10000),
];
