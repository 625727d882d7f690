import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  speedup: {
    unit: 'ratio',
    label: 'Vectorised speedup',
    meaning:
      'The interpreted loop’s time over the vectorised call’s, for the same operation and size.',
  },
  'loop-ns': {
    unit: 'ns',
    label: 'Interpreted loop',
    meaning:
      'Median time per element of the loop run by our bytecode interpreter over boxed values.',
  },
  'vectorized-ns': {
    unit: 'ns',
    label: 'Vectorised call',
    meaning: 'Median time per element of one compiled call over typed arrays.',
  },
});
