import { defineParams, type Rule } from '../../../src/state/params';

export const params = defineParams({
  op: {
    kind: 'enum',
    label: 'Product',
    default: 'dot',
    options: [
      { value: 'dot', label: 'dot product x·y' },
      { value: 'gemv', label: 'matrix × vector, y = A x' },
    ],
  },
  n: {
    kind: 'number',
    label: 'Size n',
    unit: 'elements (n × n for the matrix)',
    help: 'The vectors have n entries; the matrix is n × n.',
    default: 1024,
    min: 1,
    max: 100000,
    integer: true,
  },
  source: {
    kind: 'enum',
    label: 'Operands come from',
    help: 'Where every operand is read from (and where y is written). A register figure exists only in Han et al.’s table.',
    default: 'dram',
    options: [
      { value: 'register', label: 'registers' },
      { value: 'sram-8k', label: '8 KB SRAM' },
      { value: 'sram-32k', label: '32 KB SRAM' },
      { value: 'sram-1m', label: '1 MB SRAM' },
      { value: 'dram', label: 'DRAM' },
    ],
  },
  precision: {
    kind: 'enum',
    label: 'Operands',
    default: 'fp32',
    options: [
      { value: 'fp32', label: '32-bit floats' },
      { value: 'fp16', label: '16-bit floats' },
    ],
  },
  estimate: {
    kind: 'enum',
    label: 'DRAM figure',
    help: 'Horowitz gives a range for a 64-bit DRAM access, 1.3 to 2.6 nJ.',
    default: 'low',
    options: [
      { value: 'low', label: 'low end' },
      { value: 'high', label: 'high end' },
    ],
  },
  table: {
    kind: 'enum',
    label: 'Table',
    default: 'horowitz2014',
    options: [
      { value: 'horowitz2014', label: 'Horowitz 2014 (45 nm)' },
      { value: 'han2015', label: 'Han et al. 2015 (32-bit version)' },
    ],
  },
});

/** Han et al.'s table has 32-bit figures only, and no 32 KB or 1 MB memory. */
export const rules: readonly Rule<typeof params>[] = [
  (v) =>
    v.table === 'han2015' && v.precision !== 'fp32'
      ? {
          change: { precision: 'fp32' },
          note: {
            param: 'precision',
            text: 'Han et al.’s table gives 32-bit figures only, so the operands were set to 32-bit floats.',
          },
        }
      : null,
  (v) =>
    v.table === 'han2015' && (v.source === 'sram-32k' || v.source === 'sram-1m')
      ? {
          change: { source: 'sram-8k' },
          note: {
            param: 'source',
            text: 'Han et al.’s table has one on-chip memory figure, without a size, so the operands come from it (filed as 8 KB SRAM).',
          },
        }
      : null,
  (v) =>
    v.table === 'horowitz2014' && v.source === 'register'
      ? {
          change: { table: 'han2015', precision: 'fp32' },
          note: {
            param: 'table',
            text: 'Only Han et al.’s table gives a register-file figure, so it is used for registers.',
          },
        }
      : null,
];
