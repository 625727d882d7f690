/**
 * Browser half of the reactive prose: follows each widget's published metrics
 * (src/state/metrics.ts) and fills `<Measured>` values and picks which
 * `<When>` case of a `<Respond>` block to show.
 */
import { subscribeMetrics, type MetricUnit, type MetricValue } from '../../src/state/metrics';
import { describeValue } from './format';

export { describeValue };

/** The conditions a `<When>` can carry (see When.astro). */
export interface Condition {
  pending?: boolean;
  noisy?: boolean;
  below?: number;
  above?: number;
  between?: [number, number];
  bound?: MetricValue['bound'];
}

export function matches(c: Condition, m: MetricValue | undefined): boolean {
  if (c.pending) return m === undefined;
  if (m === undefined) return false;
  if (c.noisy !== undefined && Boolean(m.noisy) !== c.noisy) return false;
  if (c.bound !== undefined && m.bound !== c.bound) return false;
  if (c.below !== undefined && !(m.value < c.below)) return false;
  if (c.above !== undefined && !(m.value >= c.above)) return false;
  if (c.between !== undefined && !(m.value >= c.between[0] && m.value < c.between[1])) return false;
  return true;
}

let started = false;

/** Wires every Measured and Respond on the page to its widget's metrics (once per page). */
export function followMeasured(): void {
  if (started) return;
  started = true;
  for (const span of document.querySelectorAll<HTMLElement>('.measured')) {
    const { measuredWidget = '', measuredMetric = '', unit = 'ratio' } = span.dataset;
    const fallback = span.querySelector<HTMLElement>('.measured-fallback')!;
    const value = span.querySelector<HTMLElement>('.measured-value')!;
    subscribeMetrics(measuredWidget, (metrics) => {
      const m = metrics?.[measuredMetric];
      fallback.hidden = m !== undefined;
      value.hidden = m === undefined;
      if (m) {
        value.textContent = describeValue(unit as MetricUnit, m);
        value.title = 'Measured on this device';
      }
    });
  }
  for (const block of document.querySelectorAll<HTMLElement>('.respond')) {
    const { respondWidget = '', respondMetric = '', unit = 'ratio' } = block.dataset;
    const cases = [...block.querySelectorAll<HTMLElement>(':scope > .when')];
    subscribeMetrics(respondWidget, (metrics) => {
      const m = metrics?.[respondMetric];
      const chosen = cases.find((c) =>
        matches(JSON.parse(c.dataset['when'] ?? '{}') as Condition, m),
      );
      for (const c of cases) c.hidden = c !== chosen;
      if (chosen && m) {
        for (const v of chosen.querySelectorAll<HTMLElement>('.respond-value')) {
          v.textContent = describeValue(unit as MetricUnit, m);
        }
      }
    });
  }
}
