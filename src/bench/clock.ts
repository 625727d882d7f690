/**
 * The one place that reads the time. Everything else receives a `Clock`, so
 * tests can drive measurements with a fake clock and no timed assertions.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => performance.now() };

/**
 * The smallest step the clock shows, in ms. Browsers coarsen
 * `performance.now()` (about 0.1 ms in a plain page, 0.005 ms when the page is
 * cross-origin isolated), so we watch it tick and take the median step.
 */
export function calibrateResolution(clock: Clock, ticks = 21, budgetMs = 60): number {
  const steps: number[] = [];
  const start = clock.now();
  let last = start;
  let spins = 0;
  while (steps.length < ticks && spins < 50_000_000) {
    const t = clock.now();
    spins++;
    if (t !== last) {
      steps.push(t - last);
      last = t;
      if (t - start > budgetMs) break;
    }
  }
  if (steps.length === 0) return 1; // a frozen clock: assume a coarse one
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}
