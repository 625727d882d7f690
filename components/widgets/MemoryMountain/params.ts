import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  mode: {
    kind: 'enum',
    label: 'Measurement',
    help: 'Quick: one working set per doubling, stride 1 and one number per cache line, in a few seconds. Full: two sizes per doubling and six strides, in about a minute.',
    default: 'quick',
    options: [
      { value: 'quick', label: 'Quick' },
      { value: 'full', label: 'Full' },
    ],
  },
  max: {
    kind: 'number',
    label: 'Largest working set',
    unit: 'KB',
    help: 'The working sets go from 4 KB up to this. Past the last-level cache (often 8–64 MB) the reads come from DRAM.',
    default: 65536,
    min: 64,
    max: 131072,
    integer: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The numbers in the array (small integers, so every sum is exact and checked). It changes what is summed, not how fast.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
