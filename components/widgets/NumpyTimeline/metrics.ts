import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  items: {
    unit: 'count',
    label: 'Items shown',
    meaning: 'Timeline items shown, each with its source (verified: every one cites an entry).',
  },
});
