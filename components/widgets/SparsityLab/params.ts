import { defineParams, type Rule } from '../../../src/state/params';

export const params = defineParams({
  sparsity: {
    kind: 'number',
    label: 'Sparsity',
    help: 'Fraction of the matrix entries that are zero: 0.9 means 90 %.',
    default: 0.9,
    min: 0,
    max: 0.9999,
  },
  n: {
    kind: 'number',
    label: 'Matrix size n',
    unit: 'rows and columns',
    help: 'The matrix is n × n; the vector has n entries.',
    default: 2048,
    min: 64,
    max: 4096,
    integer: true,
  },
  batch: {
    kind: 'number',
    label: 'Batch',
    unit: 'columns',
    help: 'Columns of the right-hand side: 1 multiplies one vector (SpMV), more multiply a matrix (SpMM).',
    default: 1,
    min: 1,
    max: 256,
    integer: true,
    aliases: ['k'],
  },
  structure: {
    kind: 'enum',
    label: 'Structure',
    help: 'Where the nonzeros sit: anywhere, in 4 × 4 tiles, 2 of every 4, near the diagonal, or in a few long rows.',
    default: 'unstructured',
    options: [
      { value: 'unstructured', label: 'unstructured' },
      { value: 'block', label: 'blocks 4 × 4' },
      { value: 'nm', label: '2:4' },
      { value: 'banded', label: 'banded' },
      { value: 'power-law', label: 'power-law rows' },
    ],
  },
  format: {
    kind: 'enum',
    label: 'Sparse format',
    help: 'How the sparse side stores the matrix: CSR, COO, BSR (4 × 4 blocks) or 2:4 (needs the 2:4 structure).',
    default: 'csr',
    options: [
      { value: 'csr', label: 'CSR' },
      { value: 'coo', label: 'COO' },
      { value: 'bsr', label: 'BSR 4 × 4' },
      { value: 'nm', label: '2:4' },
    ],
  },
  dtype: {
    kind: 'enum',
    label: 'Precision',
    default: 'f64',
    options: [
      { value: 'f64', label: 'f64 (double)' },
      { value: 'f32', label: 'f32 (single)' },
    ],
  },
  tier: {
    kind: 'enum',
    label: 'Dense kernel',
    help: 'naive: the textbook loop; tuned: blocked and unrolled TypeScript; simd: WebAssembly SIMD; webgpu: this device’s GPU through WebGPU, racing CSR on the GPU and the best sparse kernel on the CPU (where the browser exposes an adapter).',
    default: 'tuned',
    options: [
      { value: 'naive', label: 'naive' },
      { value: 'tuned', label: 'tuned' },
      { value: 'simd', label: 'SIMD' },
      { value: 'webgpu', label: 'WebGPU' },
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

/**
 * Slider stops: whole percents up to 90 %, then ever finer steps, because the
 * interesting crossovers sit between 90 % and 99.99 %.
 */
export const SPARSITY_STOPS: readonly number[] = [
  ...Array.from({ length: 91 }, (_, i) => i / 100),
  ...Array.from({ length: 18 }, (_, i) => (905 + 5 * i) / 1000),
  ...Array.from({ length: 9 }, (_, i) => (991 + i) / 1000),
  ...Array.from({ length: 9 }, (_, i) => (9991 + i) / 10000),
];

/** The whole curve measured by the Sweep button. */
export const SWEEP_SPARSITIES: readonly number[] = [
  0, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999,
];

/**
 * 2:4 storage only holds 2:4 matrices: the structure follows the format's lead.
 * WebGPU has no f64: the GPU tier's precision follows the tier's lead.
 */
export const rules: readonly Rule<typeof params>[] = [
  (v) =>
    v.format === 'nm' && v.structure !== 'nm'
      ? {
          change: { structure: 'nm' },
          note: {
            param: 'structure',
            text: `2:4 storage needs the 2:4 structure, so the structure was switched from ${v.structure} to 2:4.`,
          },
        }
      : null,
  (v) =>
    v.tier === 'webgpu' && v.dtype === 'f64'
      ? {
          change: { dtype: 'f32' },
          note: {
            param: 'dtype',
            text: 'WebGPU computes in f32 (it has no f64), so the precision was switched to f32 for the WebGPU tier.',
          },
        }
      : null,
];
