/**
 * Where does one kernel start to beat another? Given a probe that measures the
 * speedup (baseline time / candidate time) at a sparsity, bisect for speedup = 1.
 *
 * Sparsity is searched on a scale of "nines", t = −log10(1 − s): 0 % → 0,
 * 90 % → 1, 99 % → 2, 99.9 % → 3. Equal steps in t give 99 % and 99.9 % as much
 * room as 0 % and 90 %, where the interesting crossovers live. (The charts draw
 * the same scale: components/charts/nines.ts.)
 *
 * Each probe carries an interval from the spread of its measurements, so a
 * crossover near 1× is reported with a band, never as a crisp number that a
 * rerun would move.
 */

const nines = (sparsity: number): number => -Math.log10(1 - sparsity);
const fromNines = (t: number): number => 1 - 10 ** -t;

export interface Probe {
  sparsity: number;
  /** Baseline time / candidate time (medians): above 1, the candidate (sparse) wins. */
  speedup: number;
  /** The speedup the quartiles allow: baseline q1 / candidate q3 … baseline q3 / candidate q1. */
  low: number;
  high: number;
  /** Either measurement's spread was wide (the machine was busy). */
  noisy?: boolean;
}

/** A probe's interval holds 1×: from the measurements alone, either kernel could be faster there. */
export const withinNoise = (p: Probe): boolean => p.low <= 1 && p.high >= 1;

export type CrossoverResult =
  | {
      kind: 'inside';
      /** Estimated crossover: log-speedup interpolated within the final bracket. */
      sparsity: number;
      bracket: [number, number];
      /**
       * Sparsities between the last probe where the candidate surely lost (its
       * whole interval below 1×) and the first where it surely won. The crossover
       * lies in here; a band much wider than the bracket means the two kernels
       * ran within noise of each other around it.
       */
      band: [number, number];
      probes: Probe[];
    }
  /** The candidate already wins at the low end: the crossover is at or below the range. */
  | { kind: 'below'; lo: number; withinNoise: boolean; probes: Probe[] }
  /** The candidate still loses at the high end: the crossover is above the range. */
  | { kind: 'above'; hi: number; withinNoise: boolean; probes: Probe[] };

export interface CrossoverOptions {
  lo?: number;
  hi?: number;
  /** Stop when the bracket is this narrow in nines… */
  toleranceNines?: number;
  /** …or this narrow in sparsity (0.005 = half a percentage point). */
  toleranceSparsity?: number;
  maxProbes?: number;
  /** Called after every probe, e.g. to stream progress. */
  onProbe?: (probe: Probe, done: number, expected: number) => void;
}

/**
 * Where the line from `a` to `b` crosses speedup 1, interpolating log-speedup
 * on the nines scale (the scale on which these curves are close to straight).
 */
export function interpolateCrossover(
  a: { sparsity: number; speedup: number },
  b: { sparsity: number; speedup: number },
): number {
  const [ta, tb] = [nines(a.sparsity), nines(b.sparsity)];
  const [ya, yb] = [Math.log(a.speedup), Math.log(b.speedup)];
  const t = ya === yb ? (ta + tb) / 2 : ta + ((tb - ta) * -ya) / (yb - ya);
  return fromNines(Math.min(tb, Math.max(ta, t)));
}

/** The band (see CrossoverResult) from a search's probes. */
export function noiseBand(probes: readonly Probe[], lo: number, hi: number): [number, number] {
  const lost = probes.filter((p) => p.high < 1).map((p) => p.sparsity);
  const won = probes.filter((p) => p.low > 1).map((p) => p.sparsity);
  const from = Math.max(lo, ...lost);
  const to = Math.min(hi, ...won.filter((s) => s >= from));
  return [from, Math.max(from, to)];
}

export async function findCrossover(
  probe: (sparsity: number) => Probe | Promise<Probe>,
  options: CrossoverOptions = {},
): Promise<CrossoverResult> {
  const lo = options.lo ?? 0;
  const hi = options.hi ?? 0.9999;
  const tolT = options.toleranceNines ?? 0.02;
  const tolS = options.toleranceSparsity ?? 0.005;
  const maxProbes = options.maxProbes ?? 14;
  const expected = Math.min(
    maxProbes,
    2 + Math.ceil(Math.log2(Math.max(1, (nines(hi) - nines(lo)) / tolT))),
  );
  const probes: Probe[] = [];
  const run = async (sparsity: number): Promise<Probe> => {
    const p = { ...(await probe(sparsity)), sparsity };
    probes.push(p);
    options.onProbe?.(p, probes.length, expected);
    return p;
  };

  const atLo = await run(lo);
  if (atLo.speedup >= 1) return { kind: 'below', lo, withinNoise: withinNoise(atLo), probes };
  const atHi = await run(hi);
  if (atHi.speedup < 1) return { kind: 'above', hi, withinNoise: withinNoise(atHi), probes };

  // Invariant: the candidate loses at a and wins at b.
  let [a, b] = [atLo, atHi];
  while (
    nines(b.sparsity) - nines(a.sparsity) > tolT &&
    b.sparsity - a.sparsity > tolS &&
    probes.length < maxProbes
  ) {
    const m = await run(fromNines((nines(a.sparsity) + nines(b.sparsity)) / 2));
    if (m.speedup >= 1) b = m;
    else a = m;
  }
  return {
    kind: 'inside',
    sparsity: interpolateCrossover(a, b),
    bracket: [a.sparsity, b.sparsity],
    probes,
    band: noiseBand(probes, lo, hi),
  };
}
