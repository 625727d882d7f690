/**
 * Build-time half of the reactive prose (Measured, Respond, When): every
 * widget and metric an MDX page names must be declared in the registry, or the
 * build fails with a message that says which.
 */
import { widgetById } from '../widgets/registry';
import type { MetricSpec } from '../../src/state/metrics';

export function metricSpec(widget: string, metric: string): MetricSpec {
  const entry = widgetById(widget);
  if (!entry)
    throw new Error(`Measured/Respond: no widget “${widget}” in components/widgets/registry.ts.`);
  const spec = entry.metrics[metric];
  if (!spec) {
    throw new Error(
      `Measured/Respond: widget “${widget}” declares no metric “${metric}” (it declares: ${Object.keys(entry.metrics).join(', ')}).`,
    );
  }
  return spec;
}
