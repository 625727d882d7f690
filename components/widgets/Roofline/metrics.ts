import { defineMetrics, type MetricSpec } from '../../../src/state/metrics';

const OPS = {
  gemv: 'GEMV (dense matrix × vector)',
  spmv: 'CSR SpMV (sparse matrix × vector)',
  gemm: 'GEMM (dense matrix × matrix)',
  spmm: 'CSR SpMM (sparse matrix × matrix)',
} as const;
type Op = keyof typeof OPS;

const perOp = Object.fromEntries(
  (Object.keys(OPS) as Op[]).flatMap((op) => [
    [
      `${op}-gflops`,
      {
        unit: 'gflops',
        label: `${OPS[op]}, speed`,
        meaning: `GFLOP/s of ${OPS[op]} as measured (the SIMD kernel for the dense ones when available).`,
      } satisfies MetricSpec,
    ],
    [
      `${op}-fraction`,
      {
        unit: 'fraction',
        label: `${OPS[op]}, share of its roof`,
        meaning: `Measured speed over the roof above ${OPS[op]}: min(compute roof of its tier, intensity × memory roof).`,
      } satisfies MetricSpec,
    ],
    [
      `${op}-intensity`,
      {
        unit: 'flop-per-byte',
        label: `${OPS[op]}, arithmetic intensity`,
        meaning: `FLOPs per compulsory byte moved, counted by the kernel library.`,
      } satisfies MetricSpec,
    ],
  ]),
) as Record<`${Op}-${'gflops' | 'fraction' | 'intensity'}`, MetricSpec>;

export const metrics = defineMetrics({
  'peak-gflops': {
    unit: 'gflops',
    label: 'Compute roof',
    meaning:
      'The highest compute roof measured here: the WebAssembly SIMD multiply-add probe when available.',
  },
  'scalar-gflops': {
    unit: 'gflops',
    label: 'Compute roof, plain JavaScript',
    meaning: 'The scalar JavaScript multiply-add probe.',
  },
  'simd-gflops': {
    unit: 'gflops',
    label: 'Compute roof, WebAssembly SIMD',
    meaning: 'The WebAssembly SIMD multiply-add probe.',
  },
  'bandwidth-gbps': {
    unit: 'gbps',
    label: 'Memory roof',
    meaning:
      'The DRAM read bandwidth the kernels are placed under (the mountain’s, or the widget’s own read).',
  },
  ridge: {
    unit: 'flop-per-byte',
    label: 'Ridge point',
    meaning:
      'Compute roof over memory roof: the intensity a kernel needs before arithmetic, not memory, limits it.',
  },
  verified: {
    unit: 'count',
    label: 'Kernels checked',
    meaning: 'Kernels whose answers matched a double-precision reference.',
  },
  ...perOp,
});
