import { defineParams } from '../../../src/state/params';
import { CATS_METRICS, type CatsMetric } from '../../../src/data/cats-metrics';

export const params = defineParams({
  metric: {
    kind: 'enum',
    label: 'Compare',
    help: 'Which resource to set side by side on the log scale.',
    default: 'cpuCores' as CatsMetric,
    options: CATS_METRICS.map((m) => ({ value: m.id, label: m.label })),
  },
});
