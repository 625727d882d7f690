import { defineMetrics, type MetricSpec } from '../../../src/state/metrics';

/** The active shares measured, as they appear in metric names: 1pct … 50pct. */
export const ACTIVE_TAGS = ['1pct', '2pct', '5pct', '10pct', '20pct', '50pct'] as const;
type Tag = (typeof ACTIVE_TAGS)[number];
const WAYS = {
  dense: 'dense',
  convert: 'build CSR + multiply',
  gather: 'gather',
  fixed: 'fixed-pattern CSR',
};

const perActive = Object.fromEntries(
  ACTIVE_TAGS.flatMap((tag) => [
    ...Object.entries(WAYS).map(([way, name]) => [
      `${way}-ms-${tag}`,
      {
        unit: 'ms',
        label: `${name}, ${tag.replace('pct', ' %')} active`,
        meaning: `Median time per step of ${name} with ${tag.replace('pct', ' %')} of inputs active.`,
      } satisfies MetricSpec,
    ]),
    ...Object.entries(WAYS)
      .filter(([way]) => way !== 'dense')
      .map(([way, name]) => [
        `${way}-speedup-${tag}`,
        {
          unit: 'ratio',
          label: `${name} speedup, ${tag.replace('pct', ' %')} active`,
          meaning: `Dense time over ${name} time with ${tag.replace('pct', ' %')} of inputs active.`,
        } satisfies MetricSpec,
      ]),
  ]),
) as Record<
  `${keyof typeof WAYS}-ms-${Tag}` | `${Exclude<keyof typeof WAYS, 'dense'>}-speedup-${Tag}`,
  MetricSpec
>;

export const metrics = defineMetrics({
  'gather-speedup': {
    unit: 'ratio',
    label: 'Gather speedup at 1 %',
    meaning: 'Dense time over gather time per step with 1 % of inputs active.',
  },
  'convert-speedup': {
    unit: 'ratio',
    label: 'Build-then-multiply speedup at 1 %',
    meaning: 'Dense time over build-CSR-then-multiply time per step with 1 % active.',
  },
  verified: {
    unit: 'count',
    label: 'Same answers',
    meaning: '1 when every way matched the reference at every step, else 0.',
  },
  ...perActive,
});
