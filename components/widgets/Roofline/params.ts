import { defineParams } from '../../../src/state/params';

export const params = defineParams({
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    help: 'GEMV and SpMV multiply an n × n matrix by one vector; at 1536 in f64 the matrix (19 MB) outgrows most caches. GEMM and SpMM use min(n, 512).',
    default: 1536,
    min: 64,
    max: 4096,
    integer: true,
  },
  batch: {
    kind: 'number',
    label: 'Columns for GEMM and SpMM',
    unit: 'right-hand columns',
    help: 'Each matrix entry is used once per column, so more columns mean more FLOPs per byte.',
    default: 64,
    min: 2,
    max: 256,
    integer: true,
  },
  sparsity: {
    kind: 'number',
    label: 'Sparsity',
    unit: 'share of zeros',
    help: 'The matrix has this share of zeros; SpMV and SpMM store and multiply only the rest, GEMV and GEMM multiply every entry.',
    default: 0.9,
    min: 0,
    max: 0.999,
  },
  dtype: {
    kind: 'enum',
    label: 'Precision',
    default: 'f64',
    options: [
      { value: 'f64', label: 'f64 (8-byte)' },
      { value: 'f32', label: 'f32 (4-byte)' },
    ],
  },
  roof: {
    kind: 'enum',
    label: 'Memory roof from',
    help: 'The DRAM bandwidth of the memory mountain on this page, once it has measured, or this widget’s own read of 64 MB.',
    default: 'mountain',
    options: [
      { value: 'mountain', label: 'the memory mountain' },
      { value: 'own', label: 'its own read' },
    ],
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    help: 'The same seed gives the same matrices on every machine.',
    default: 1,
    min: 1,
    max: 2 ** 31 - 1,
    integer: true,
  },
});
