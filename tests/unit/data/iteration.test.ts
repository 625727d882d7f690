import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITERATION_DEFAULTS, iterationBudget, iterationLadder } from '../../../src/data/iteration';

const WEEKS_PER_YEAR = 365.25 / 7;

describe('iterationBudget(inputs)', () => {
  it('iterationBudget of a one-week experiment on a machine running all week is one a week', () => {
    const b = iterationBudget({ minutesPerExperiment: 7 * 24 * 60, speedup: 1 });
    expect(b.perWeek).toBeCloseTo(1, 12);
    expect(b.perPhd).toBe(Math.floor(5 * WEEKS_PER_YEAR)); // 260 weeks, 260 experiments
    expect(b.assumptions).toMatchObject(ITERATION_DEFAULTS);
  });

  it('iterationBudget divides the time by the speedup and multiplies the count by it', () => {
    const slow = iterationBudget({ minutesPerExperiment: 600, speedup: 1 });
    const fast = iterationBudget({ minutesPerExperiment: 600, speedup: 50 });
    expect(fast.minutesPerExperiment).toBe(12);
    expect(fast.perWeek / slow.perWeek).toBeCloseTo(50, 12);
  });

  it('iterationBudget with a 40-hour week, 2 machines and a 4-year PhD counts what the caption says', () => {
    const b = iterationBudget({
      minutesPerExperiment: 60,
      speedup: 1,
      hoursPerWeek: 40,
      parallel: 2,
      phdYears: 4,
    });
    expect(b.perWeek).toBe(80);
    expect(b.perPhd).toBe(Math.floor(80 * 4 * WEEKS_PER_YEAR));
  });

  it('iterationBudget perPhd is a whole number that never exceeds perWeek × weeks (random inputs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (minutes, speedup, parallel) => {
          const b = iterationBudget({ minutesPerExperiment: minutes, speedup, parallel });
          const exact = b.perWeek * 5 * WEEKS_PER_YEAR;
          expect(Number.isInteger(b.perPhd)).toBe(true);
          expect(b.perPhd).toBeLessThanOrEqual(Math.round(exact * 1e9) / 1e9);
          expect(b.perPhd).toBeGreaterThan(exact - 1 - 1e-6 * exact);
        },
      ),
      { seed: 20261129, numRuns: 200 },
    );
  });

  it('iterationBudget rejects times, speedups and weeks that cannot be', () => {
    expect(() => iterationBudget({ minutesPerExperiment: 0, speedup: 1 })).toThrow(RangeError);
    expect(() => iterationBudget({ minutesPerExperiment: 5, speedup: -2 })).toThrow(RangeError);
    expect(() => iterationBudget({ minutesPerExperiment: 5, speedup: NaN })).toThrow(RangeError);
    expect(() =>
      iterationBudget({ minutesPerExperiment: 5, speedup: 1, hoursPerWeek: 200 }),
    ).toThrow(RangeError);
  });
});

describe('iterationLadder(base, speedups)', () => {
  it('iterationLadder gives one budget per speedup, in order', () => {
    const ladder = iterationLadder({ minutesPerExperiment: 1440 }, [1, 10, 100]);
    expect(ladder.map((b) => b.minutesPerExperiment)).toEqual([1440, 144, 14.4]);
    expect(ladder[2]!.perWeek).toBeCloseTo(700, 9);
  });
});
