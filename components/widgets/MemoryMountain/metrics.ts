import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  'l1-gbps': {
    unit: 'gbps',
    label: 'First level, read bandwidth',
    meaning:
      'The fastest stride-1 read (WebAssembly SIMD when available) on the working sets of the first level found: L1, or all the caches when the curve could not tell them apart.',
  },
  'l2-gbps': {
    unit: 'gbps',
    label: 'Second level, read bandwidth',
    meaning: 'The same read on the second level found, when at least three levels were found.',
  },
  'llc-gbps': {
    unit: 'gbps',
    label: 'Last-level cache, read bandwidth',
    meaning: 'The same read on the last cache level before DRAM.',
  },
  'dram-gbps': {
    unit: 'gbps',
    label: 'DRAM, read bandwidth',
    meaning: 'The same read on the largest working sets, past the last-level cache.',
  },
  'l1-to-dram': {
    unit: 'ratio',
    label: 'First level over DRAM',
    meaning: 'How many times faster the first level read than DRAM.',
  },
  'stride-cost': {
    unit: 'ratio',
    label: 'Cost of one number per line',
    meaning:
      'JavaScript stride 1 over stride 8 (one 8-byte number from each 64-byte line) on the DRAM sizes, in useful bytes per second.',
  },
  'llc-bytes': {
    unit: 'bytes',
    label: 'Last-level cache, as measured',
    meaning: 'Where the bandwidth falls halfway from the last-level cache to DRAM.',
  },
  levels: {
    unit: 'count',
    label: 'Levels found',
    meaning: 'Plateaus the level finder found in the curve, DRAM included.',
  },
  verified: {
    unit: 'count',
    label: 'Sums checked',
    meaning: 'Reads whose every sum matched its reference exactly.',
  },
});
