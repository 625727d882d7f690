import { describe, expect, it } from 'vitest';
import { calibrateResolution } from '../../../src/bench/clock';
import { drain, measure, measureAlternating, measureSteps } from '../../../src/bench/measure';
import { quantile, summarize } from '../../../src/bench/stats';
import { FakeClock } from './fake-clock';

describe('stats', () => {
  it('quantile(sorted, q) interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([7], 0.75)).toBe(7);
  });

  it('summarize(samples) gives median, quartiles and relative spread', () => {
    const s = summarize([5, 1, 3, 2, 4]);
    expect(s).toEqual({ medianMs: 3, q1Ms: 2, q3Ms: 4, spread: 2 / 3 });
  });
});

describe('calibrateResolution(clock)', () => {
  it('finds the step of a coarsened clock', () => {
    // A clock that advances 1 µs per read but only shows 0.1 ms steps.
    const clock = new FakeClock(0.1);
    const ticking = { now: () => (clock.advance(0.001), clock.now()) };
    expect(calibrateResolution(ticking)).toBeCloseTo(0.1, 10);
  });
});

describe('measure(kernel, options)', () => {
  it('repeats a fast kernel until a batch lasts 100 timer steps and at least 5 ms', () => {
    const clock = new FakeClock();
    const m = measure(() => clock.advance(0.01), { clock, resolutionMs: 0.1 });
    // 100 × 0.1 ms = 10 ms batches of a 0.01 ms kernel.
    expect(m.reps * 0.01).toBeGreaterThanOrEqual(10);
    expect(m.reps * 0.01).toBeLessThan(10 * 1.3 + 0.01);
    expect(m.medianMs).toBeCloseTo(0.01, 10);
    expect(m.samplesMs).toHaveLength(5);
    expect(m.noisy).toBe(false);
  });

  it('uses the 5 ms floor when the timer is fine', () => {
    const clock = new FakeClock();
    const m = measure(() => clock.advance(0.5), { clock, resolutionMs: 0.005 });
    expect(m.reps * 0.5).toBeGreaterThanOrEqual(5);
  });

  it('flags a result as noisy when the batches disagree', () => {
    const clock = new FakeClock();
    let call = 0;
    // Every so often the "machine" is busy and a call takes 3× longer.
    const m = measure(() => clock.advance(++call % 7 < 3 ? 3 : 1), {
      clock,
      resolutionMs: 0.001,
      minBatchMs: 2,
    });
    expect(m.noisy).toBe(true);
  });
});

describe('measureAlternating(kernels, options)', () => {
  it('interleaves batches so both kernels see the same slow moment', () => {
    const clock = new FakeClock();
    const order: string[] = [];
    let slow = 1;
    const a = () => (order.push('a'), clock.advance(1 * slow));
    const b = () => (order.push('b'), clock.advance(2 * slow));
    const [ma, mb] = measureAlternating([a, b], {
      clock,
      resolutionMs: 0.01,
      warmupMs: 0,
      minBatchMs: 4,
    });
    slow = 1;
    expect(ma!.medianMs).toBeCloseTo(1, 10);
    expect(mb!.medianMs).toBeCloseTo(2, 10);
    // After warm-up and sizing, timed batches alternate a-run, b-run, a-run, …
    const timed = order.slice(-(ma!.reps + mb!.reps) * 2).join('');
    expect(timed).toBe(('a'.repeat(ma!.reps) + 'b'.repeat(mb!.reps)).repeat(2));
  });
});

describe('measureSteps(kernels, options) within a time budget', () => {
  it('takes the full protocol when calls are quick', () => {
    const clock = new FakeClock();
    const outcome = drain(
      measureSteps([() => clock.advance(1)], { clock, resolutionMs: 0.005, budgetMs: 3000 }),
    );
    expect(outcome.shortened).toBe(false);
    expect(outcome.batches).toBe(5);
  });

  it('shortens warm-up and batches when one call is long, and says so', () => {
    const clock = new FakeClock();
    let calls = 0;
    const slow = () => {
      calls++;
      clock.advance(700);
    };
    const outcome = drain(measureSteps([slow], { clock, resolutionMs: 0.005, budgetMs: 3000 }));
    expect(outcome.shortened).toBe(true);
    expect(outcome.batches).toBe(3);
    // One warm-up call, no calibration call (the first call already exceeds a batch), three batches.
    expect(calls).toBe(4);
    expect(outcome.runs[0]!.medianMs).toBe(700);
  });

  it('reports every step for progress bars, ending at the total', () => {
    const clock = new FakeClock();
    const steps = [
      ...(function* () {
        const gen = measureSteps([() => clock.advance(1), () => clock.advance(2)], {
          clock,
          resolutionMs: 0.005,
        });
        for (;;) {
          const next = gen.next();
          if (next.done) return;
          yield next.value;
        }
      })(),
    ];
    expect(steps.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(steps.at(-1)!.total).toBe(9);
  });
});
