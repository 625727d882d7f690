import { defineMetrics, type MetricSpec } from '../../../src/state/metrics';
import { RUNGS, type RungId } from '../../../src/bench/ladder';

const rungNs = Object.fromEntries(
  RUNGS.map((r) => [
    `${r.id}-ns`,
    {
      unit: 'ns',
      label: r.label,
      meaning: `Median time per multiply-add of the rung “${r.label}” on this device.`,
    } satisfies MetricSpec,
  ]),
) as Record<`${RungId}-ns`, MetricSpec>;

export const metrics = defineMetrics({
  ...rungNs,
  'python-over-simd': {
    unit: 'ratio',
    label: 'CPython loop ÷ SIMD',
    meaning:
      'Time per element of CPython’s pure-Python loop over the WebAssembly SIMD rung’s (the tuned rung’s where SIMD is unavailable).',
  },
  'python-over-c-loop': {
    unit: 'ratio',
    label: 'loop in Python ÷ loop in C',
    meaning: 'CPython’s loop in Python over the same loop in C (math.sumprod), on the same lists.',
  },
  'interpreter-over-typed': {
    unit: 'ratio',
    label: 'interpreter ÷ typed array',
    meaning: 'Our bytecode interpreter over boxed values, over the Float64Array loop.',
  },
  'slowest-over-fastest': {
    unit: 'ratio',
    label: 'slowest ÷ fastest',
    meaning: 'The slowest verified rung over the fastest, per element.',
  },
  'typed-ns': {
    unit: 'ns',
    label: 'Float64Array loop',
    meaning: 'Median time per multiply-add of the typed-array loop (the same as typed-array-ns).',
  },
  'simd-fixed-share': {
    unit: 'fraction',
    label: 'SIMD call: fixed cost',
    meaning: 'The share of one SIMD call at this size that is its fixed cost per call.',
  },
  'crossing-ns': {
    unit: 'ns',
    label: 'JS → Python call',
    meaning: 'One call from JavaScript into CPython that does no work.',
  },
  'cpython-bytes': {
    unit: 'bytes',
    label: 'CPython download',
    meaning: 'Bytes of CPython’s core this page downloaded (uncompressed).',
  },
});
