import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  crossover: {
    unit: 'sparsity',
    label: 'Crossover',
    meaning:
      'The share of zeros from which a CSR matrix-vector product beats the tuned dense one on this device.',
  },
  probes: {
    unit: 'count',
    label: 'Races run',
    meaning: 'Dense-against-sparse races the search measured, each answer checked.',
  },
});
