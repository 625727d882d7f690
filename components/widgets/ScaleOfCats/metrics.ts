import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  'core-ratio': {
    unit: 'ratio',
    label: 'CPU cores, Google ÷ GPU servers',
    meaning:
      'CPU cores of Le et al. 2012 ÷ those of Coates et al. 2013’s billion-parameter run (derived from the reported per-server configuration).',
  },
  'cost-ratio': {
    unit: 'ratio',
    label: 'Reported cost, Google ÷ GPU servers',
    meaning:
      'Reported hardware cost of Le et al. 2012 ÷ that of Coates et al. 2013’s three servers.',
  },
});
