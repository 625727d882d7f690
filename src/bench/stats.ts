/** Quantile with linear interpolation between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

export interface Summary {
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  /** Interquartile range relative to the median. */
  spread: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const medianMs = quantile(sorted, 0.5);
  const q1Ms = quantile(sorted, 0.25);
  const q3Ms = quantile(sorted, 0.75);
  return { medianMs, q1Ms, q3Ms, spread: medianMs > 0 ? (q3Ms - q1Ms) / medianMs : 0 };
}
