import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  mode: {
    kind: 'enum',
    label: 'Measurement',
    help: 'Quick: one working set per doubling. Full: two per doubling.',
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
    help: 'The working sets go from 4 KB up to this, as in the memory mountain.',
    default: 65536,
    min: 64,
    max: 131072,
    integer: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'Which random cycle the chase follows. The same seed gives the same cycle on every machine.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
