/**
 * How a crossover search's outcome reads, for the lab and the atlas alike:
 * the metric the prose and tests read, and the sentence a reader sees. The
 * sentence names the kernels that actually ran and says when the two ran
 * within noise of each other instead of printing a crisp number.
 */
import type { CrossoverResult } from '../../src/bench/crossover';
import type { Tier } from '../../src/bench/runner';
import type { MetricValue } from '../../src/state/metrics';
import type { CrossoverOutcome } from '../../src/worker/jobs/crossover';
import { formatSparsity } from '../ui/format';

export const tierName = (tier: Tier): string => (tier === 'simd' ? 'SIMD' : tier);

/** A band this wide (in sparsity) around the crossover means "within noise", not a point. */
const WIDE_BAND = 0.05;

export const isNoisyBand = (c: CrossoverResult): boolean =>
  c.kind === 'inside' && c.band[1] - c.band[0] > WIDE_BAND;

/**
 * The crossover as a metric. `bound` is 'noise' when the kernels ran within noise of
 * each other there (a wide band, or an end of the range within noise of 1×); `noisy`
 * when the machine was busy while the search timed (a probe's spread was wide).
 */
export function crossoverMetric(c: CrossoverResult): MetricValue {
  const noisy = c.probes.some((p) => p.noisy === true);
  if (c.kind === 'inside') {
    return {
      value: c.sparsity,
      bound: isNoisyBand(c) ? 'noise' : 'inside',
      band: c.band,
      verified: true,
      noisy,
    };
  }
  const value = c.kind === 'below' ? c.lo : c.hi;
  return { value, bound: c.withinNoise ? 'noise' : c.kind, verified: true, noisy };
}

/** "On this device, CSR starts to beat the tuned dense kernel at about 38 % sparsity…" */
export function crossoverSentence(c: CrossoverOutcome, sparseName: string): string {
  const dense = `the ${tierName(c.params.tier)} dense kernel`;
  if (c.kind === 'inside') {
    const at = `On this device, ${sparseName} starts to beat ${dense} at about ${formatSparsity(c.sparsity)} sparsity`;
    return isNoisyBand(c)
      ? `${at}, though anywhere from ${formatSparsity(c.band[0])} to ${formatSparsity(c.band[1])} is within the noise of these measurements.`
      : `${at}.`;
  }
  if (c.kind === 'below') {
    return c.withinNoise
      ? `At 0 % sparsity ${sparseName} and ${dense} ran within noise of each other: the crossover is at 0 % or very near it.`
      : `On this device, ${sparseName} beats ${dense} at every sparsity, even 0 %.`;
  }
  return c.withinNoise
    ? `Even at ${formatSparsity(c.hi)} sparsity ${sparseName} only drew level with ${dense}, within noise: the crossover, if any, is right at the top of the range.`
    : `On this device, ${sparseName} never beats ${dense}, even at ${formatSparsity(c.hi)} sparsity.`;
}
