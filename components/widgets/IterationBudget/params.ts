import { defineParams } from '../../../src/state/params';
import type { SpeedupSource } from './speedups';

export const params = defineParams({
  minutes: {
    kind: 'number',
    label: 'One experiment takes',
    unit: 'minutes',
    help: 'Wall-clock time of one experiment before the speedup.',
    default: 30240,
    min: 0.01,
    max: 525600,
  },
  source: {
    kind: 'enum',
    label: 'Speed it up by',
    help: 'A figure from the literature, one you type, or one measured by another widget in the essay.',
    default: 'raina' as SpeedupSource,
    options: [
      { value: 'raina', label: 'GPUs in 2009 (Raina et al.)' },
      { value: 'lottery', label: 'your lottery spread' },
      { value: 'sparsity-lab', label: 'your sparse-over-dense speedup' },
      { value: 'interpreter-ladder', label: 'your interpreter ladder' },
      { value: 'manual', label: 'a speedup I type' },
    ],
  },
  speedup: {
    kind: 'number',
    label: 'Speedup',
    unit: '×',
    help: 'How many times faster each experiment runs (below 1: slower).',
    default: 10,
    min: 0.001,
    max: 1_000_000,
  },
  hoursPerWeek: {
    kind: 'number',
    label: 'Hours a week the machine runs',
    unit: 'hours',
    default: 168,
    min: 1,
    max: 168,
  },
  parallel: {
    kind: 'number',
    label: 'Experiments side by side',
    unit: 'machines',
    default: 1,
    min: 1,
    max: 1024,
    integer: true,
  },
  phdYears: {
    kind: 'number',
    label: 'Length of the doctorate',
    unit: 'years',
    default: 5,
    min: 1,
    max: 10,
  },
});
