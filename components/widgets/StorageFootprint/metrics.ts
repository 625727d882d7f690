import { defineMetrics, type MetricSpec } from '../../../src/state/metrics';

const breakEven = (format: string, dtype: string): MetricSpec => ({
  unit: 'sparsity',
  label: `${format} break-even, ${dtype}`,
  meaning: `The sparsity from which ${format} in ${dtype} takes no more bytes than dense (for BSR: the share of empty 4 × 4 blocks).`,
});

export const metrics = defineMetrics({
  'csr-breakeven-f32': breakEven('CSR', 'f32'),
  'csr-breakeven-f64': breakEven('CSR', 'f64'),
  'coo-breakeven-f32': breakEven('COO', 'f32'),
  'coo-breakeven-f64': breakEven('COO', 'f64'),
  'bsr-breakeven-f32': breakEven('BSR', 'f32'),
  'bsr-breakeven-f64': breakEven('BSR', 'f64'),
  'bitmap-breakeven-f32': breakEven('bitmap', 'f32'),
  'bitmap-breakeven-f64': breakEven('bitmap', 'f64'),
  'formula-check': {
    unit: 'count',
    label: 'Matrices counted',
    meaning: 'Matrices whose real byte counts were compared with their format’s formula.',
  },
});
