import { defineMetrics } from '../../../src/state/metrics';

export const metrics = defineMetrics({
  'movement-ratio': {
    unit: 'ratio',
    label: 'Moving over computing',
    meaning:
      'Energy of moving the operands over energy of the arithmetic, for the chosen product and source.',
  },
  'movement-share': {
    unit: 'fraction',
    label: 'Share spent moving operands',
    meaning: 'Energy of moving the operands over the total.',
  },
  'arithmetic-joules': {
    unit: 'joules',
    label: 'Arithmetic',
    meaning: 'Energy of the multiplies and adds, from the table.',
  },
  'movement-joules': {
    unit: 'joules',
    label: 'Moving operands',
    meaning: 'Energy of reading (and writing) the operands at the chosen source, from the table.',
  },
  'total-joules': {
    unit: 'joules',
    label: 'Total',
    meaning: 'Arithmetic plus movement.',
  },
});
