import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  'chase-ns': {
    unit: 'ns',
    label: 'Chase, DRAM',
    meaning:
      'Nanoseconds per hop of the pointer chase on the last level found (DRAM), or on the largest working set when no cliff was found.',
  },
  'l1-chase-ns': {
    unit: 'ns',
    label: 'Chase, first level',
    meaning: 'Nanoseconds per hop of the chase on the first level found (L1).',
  },
  'inorder-ns': {
    unit: 'ns',
    label: 'In order, DRAM',
    meaning: 'Nanoseconds per line reading the same lines in address order, on the DRAM sizes.',
  },
  'chase-ratio': {
    unit: 'ratio',
    label: 'Chase over in order, DRAM',
    meaning: 'How many times longer a line took by chasing than in order, on the DRAM sizes.',
  },
  'chase-llc-bytes': {
    unit: 'bytes',
    label: 'Last-level cache, as the chase shows it',
    meaning: 'Where the chase latency rises halfway from the last-level cache to DRAM.',
  },
  levels: {
    unit: 'count',
    label: 'Levels found',
    meaning: 'Plateaus the level finder found in the chase curve, DRAM included.',
  },
  verified: {
    unit: 'count',
    label: 'Sizes checked',
    meaning: 'Working sets whose in-order sums and chase end points all matched their references.',
  },
});
