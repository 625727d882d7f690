/**
 * A race: a baseline kernel (dense) against a candidate (sparse) on one
 * problem, timed alternately and both answers checked. The lab's slider, its
 * crossover search and sweep, the crossover atlas, `npm run bench --sweep` and
 * its Chromium twin all measure through these two functions.
 */
import type { Problem } from '../kernels/problem';
import {
  findCrossover,
  type CrossoverOptions,
  type CrossoverResult,
  type Probe,
} from './crossover';
import { drain } from './measure';
import {
  runProblemSteps,
  type KernelId,
  type RunContext,
  type RunResult,
  type RunStep,
} from './runner';

export interface Race {
  baseline: RunResult;
  candidate: RunResult;
  /** Baseline time / candidate time; null unless both answers verified. */
  speedup: number | null;
  /** The speedup with the interval its quartiles allow; null unless both verified. */
  probe: Probe | null;
}

export function* raceSteps(
  problem: Problem,
  baseline: KernelId,
  candidate: KernelId,
  ctx: RunContext,
): Generator<RunStep, Race> {
  const [b, c] = (yield* runProblemSteps(problem, [baseline, candidate], ctx)) as [
    RunResult,
    RunResult,
  ];
  const ok = b.verified && c.verified;
  return {
    baseline: b,
    candidate: c,
    speedup: ok ? b.medianMs / c.medianMs : null,
    probe: ok
      ? {
          sparsity: problem.sparsity,
          speedup: b.medianMs / c.medianMs,
          low: b.q1Ms / c.q3Ms,
          high: b.q3Ms / c.q1Ms,
          noisy: b.noisy || c.noisy,
        }
      : null,
  };
}

/** `raceSteps` straight through. */
export function race(
  problem: Problem,
  baseline: KernelId,
  candidate: KernelId,
  ctx: RunContext,
): Race {
  return drain(raceSteps(problem, baseline, candidate, ctx));
}

/** A race's probe, or an error: a search never charts an answer that failed its check. */
export function verifiedProbe(r: Race): Probe {
  if (r.probe === null) {
    const who = !r.baseline.verified ? r.baseline.kernel : r.candidate.kernel;
    throw new Error(
      `${who}'s answer failed verification at ${(r.baseline.sparsity * 100).toFixed(2)} % sparsity.`,
    );
  }
  return r.probe;
}

/**
 * Bisects over sparsity for where `candidate` starts to beat `baseline` on the
 * problems of one curve. `runRace` measures one sparsity: `race` in Node, a
 * worker's step-by-step version in the page; `onRace` sees every race.
 */
export async function crossoverSearch(
  curve: Omit<Problem, 'sparsity'>,
  runRace: (problem: Problem) => Race | Promise<Race>,
  options: CrossoverOptions & { onRace?: (r: Race) => void } = {},
): Promise<CrossoverResult> {
  return findCrossover(async (sparsity) => {
    const r = await runRace({ ...curve, sparsity });
    options.onRace?.(r);
    return verifiedProbe(r);
  }, options);
}
