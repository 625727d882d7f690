/**
 * Where does one kernel start to beat another? Given a probe that measures the
 * speedup (dense time / sparse time) at a sparsity, bisect for speedup = 1.
 *
 * Sparsity is searched on a scale of "nines", t = −log10(1 − s): 0 % → 0,
 * 90 % → 1, 99 % → 2, 99.9 % → 3. Equal steps in t give 99 % and 99.9 % as much
 * room as 0 % and 90 %, where the interesting crossovers live.
 */

export const toNines = (sparsity: number): number => -Math.log10(1 - sparsity);
export const fromNines = (t: number): number => 1 - 10 ** -t;

export interface Probe {
  sparsity: number;
  /** Baseline time / candidate time: above 1, the candidate (sparse) wins. */
  speedup: number;
}

export type CrossoverResult =
  | {
      kind: 'inside';
      /** Estimated crossover: log-speedup interpolated within the final bracket. */
      sparsity: number;
      bracket: [number, number];
      probes: Probe[];
    }
  /** The candidate already wins at the low end: the crossover is below the range. */
  | { kind: 'below'; lo: number; probes: Probe[] }
  /** The candidate still loses at the high end: the crossover is above the range. */
  | { kind: 'above'; hi: number; probes: Probe[] };

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

export async function findCrossover(
  probe: (sparsity: number) => number | Promise<number>,
  options: CrossoverOptions = {},
): Promise<CrossoverResult> {
  const lo = options.lo ?? 0;
  const hi = options.hi ?? 0.9999;
  const tolT = options.toleranceNines ?? 0.02;
  const tolS = options.toleranceSparsity ?? 0.005;
  const maxProbes = options.maxProbes ?? 14;
  const expected = Math.min(
    maxProbes,
    2 + Math.ceil(Math.log2(Math.max(1, (toNines(hi) - toNines(lo)) / tolT))),
  );
  const probes: Probe[] = [];
  const run = async (sparsity: number): Promise<number> => {
    const speedup = await probe(sparsity);
    const p = { sparsity, speedup };
    probes.push(p);
    options.onProbe?.(p, probes.length, expected);
    return speedup;
  };

  const atLo = await run(lo);
  if (atLo >= 1) return { kind: 'below', lo, probes };
  const atHi = await run(hi);
  if (atHi < 1) return { kind: 'above', hi, probes };

  // Invariant: the candidate loses at a and wins at b.
  let [a, b] = [toNines(lo), toNines(hi)];
  let [ya, yb] = [Math.log(atLo), Math.log(atHi)];
  while (b - a > tolT && fromNines(b) - fromNines(a) > tolS && probes.length < maxProbes) {
    const m = (a + b) / 2;
    const ym = Math.log(await run(fromNines(m)));
    if (ym >= 0) [b, yb] = [m, ym];
    else [a, ya] = [m, ym];
  }
  const t = ya === yb ? (a + b) / 2 : a + ((b - a) * -ya) / (yb - ya);
  return {
    kind: 'inside',
    sparsity: fromNines(Math.min(b, Math.max(a, t))),
    bracket: [fromNines(a), fromNines(b)],
    probes,
  };
}
