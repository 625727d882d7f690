/**
 * Le et al. 2012 against Coates et al. 2013 (content/data/scale-of-cats.json),
 * typed for the scale-of-cats widget. Derived values carry how they were derived,
 * and figures from secondary sources carry flag S.
 */
import data from '../../content/data/scale-of-cats.json';

export { CATS_METRICS, type CatsMetric } from './cats-metrics';
import type { CatsMetric } from './cats-metrics';

export interface CatsValue {
  /** null when the source does not give it. */
  value: number | null;
  cite: string[];
  /** How a value not stated in the source was computed. */
  derived?: string;
  approx?: boolean;
  note?: string;
  flag?: 'S' | 'U';
}

export interface CatsSystem {
  id: string;
  label: string;
  short: string;
  cite: string[];
  metrics: Record<CatsMetric, CatsValue>;
  /** What the paper claimed, in our words; `claimFlags[i]` flags claim i. */
  claims: string[];
  claimFlags: ('S' | 'U' | null)[];
  /** What it is often said to have done and did not. */
  notClaimed: string;
}

export interface CatsCorrection {
  said: string;
  source: string[];
  fact: string;
  cite: string[];
  flag?: 'S' | 'U';
}

export interface ScaleOfCats {
  about: string;
  updated: string;
  perServer: {
    text: string;
    cpuCores: number;
    gpus: number;
    cite: string[];
    flag?: 'S' | 'U';
    note: string;
  };
  systems: CatsSystem[];
  corrections: CatsCorrection[];
}

export const scaleOfCats = data as ScaleOfCats;

/**
 * How many times more of a resource one system used than another, or null when
 * either value is missing or the second is zero (GPUs: Google used none).
 */
export function scaleRatio(a: CatsSystem, b: CatsSystem, metric: CatsMetric): number | null {
  const x = a.metrics[metric].value;
  const y = b.metrics[metric].value;
  return x === null || y === null || y === 0 ? null : x / y;
}
