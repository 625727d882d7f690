import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  speedup: {
    unit: 'ratio',
    label: 'Speedup used',
    meaning: 'The speedup the budget applied: typed, published, or measured by another widget.',
  },
  'per-week': {
    unit: 'count',
    label: 'Experiments a week',
    meaning: 'Experiments finished per week after the speedup (fractional below one).',
  },
  'per-phd': {
    unit: 'count',
    label: 'Experiments in a doctorate',
    meaning: 'Whole experiments finished in the doctorate after the speedup.',
  },
  'per-phd-baseline': {
    unit: 'count',
    label: 'Experiments in a doctorate, no speedup',
    meaning: 'Whole experiments finished in the doctorate at the original time per experiment.',
  },
});
