/**
 * The iteration budget: how many experiments fit in a week, or in a PhD, when
 * each takes a given time and a tool makes it some number of times faster.
 * The essay's thread in one function: a question that takes a week to try is
 * asked a few hundred times in a doctorate; one that takes a minute, without
 * limit. Pure arithmetic, so the widget, the prose and the tests agree.
 */
export interface IterationInputs {
  /** Wall-clock time of one experiment before any speedup, in minutes (> 0). */
  minutesPerExperiment: number;
  /** How many times faster the tool makes each experiment (1 = no change; > 0). */
  speedup: number;
  /** Hours a week the experiments can run: 168 if a machine runs them day and night. */
  hoursPerWeek?: number;
  /** Experiments that run side by side (machines, or GPUs, at once). */
  parallel?: number;
  /** Length of the doctorate in years. */
  phdYears?: number;
}

export interface IterationBudget {
  /** One experiment after the speedup, in minutes. */
  minutesPerExperiment: number;
  /** Experiments finished per week (fractional: 0.5 means one every two weeks). */
  perWeek: number;
  /** Whole experiments finished in the doctorate. */
  perPhd: number;
  /** The inputs after defaults, echoed so a caption can state them. */
  assumptions: Required<IterationInputs>;
}

/** Defaults stated in the widget's caption: a machine working day and night, one at a time, a five-year PhD. */
export const ITERATION_DEFAULTS = { hoursPerWeek: 168, parallel: 1, phdYears: 5 } as const;

/** Weeks in a year on average (365.25 / 7). */
const WEEKS_PER_YEAR = 365.25 / 7;

/** Experiments a week and in a PhD for one time per experiment and one speedup. */
export function iterationBudget(inputs: IterationInputs): IterationBudget {
  const a: Required<IterationInputs> = { ...ITERATION_DEFAULTS, ...inputs };
  const positive: (keyof IterationInputs)[] = [
    'minutesPerExperiment',
    'speedup',
    'hoursPerWeek',
    'parallel',
    'phdYears',
  ];
  for (const k of positive) {
    if (!(Number.isFinite(a[k]) && a[k] > 0))
      throw new RangeError(`${k} must be a positive number`);
  }
  if (a.hoursPerWeek > 168)
    throw new RangeError('hoursPerWeek cannot exceed the 168 hours of a week');
  const minutes = a.minutesPerExperiment / a.speedup;
  const perWeek = ((a.hoursPerWeek * 60) / minutes) * a.parallel;
  const weeks = a.phdYears * WEEKS_PER_YEAR;
  // Rounded before flooring so that 40 × 5 years does not become 39.999… → 39.
  const perPhd = Math.floor(Math.round(perWeek * weeks * 1e9) / 1e9);
  return { minutesPerExperiment: minutes, perWeek, perPhd, assumptions: a };
}

/** The same budget at several speedups (e.g. 1×, the reader's measured speedups), for a chart or a table. */
export function iterationLadder(
  base: Omit<IterationInputs, 'speedup'>,
  speedups: readonly number[],
): IterationBudget[] {
  return speedups.map((speedup) => iterationBudget({ ...base, speedup }));
}
