import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  items: {
    unit: 'count',
    label: 'Events shown',
    meaning: 'Events on the timeline after the filter, each with its sources.',
  },
});
