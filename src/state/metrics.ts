/**
 * A widget's measured figures, declared once in its registry entry (name,
 * unit, meaning) and published by its session as they are measured. The
 * `data-metric` hooks, the reactive prose (`Measured`, `Respond`) and the
 * classroom's recordings all read these, so they can never disagree.
 */

/** How a metric's number reads: the formatter and the unit a reader sees. */
export type MetricUnit =
  | 'ms'
  | 'ns'
  | 'ratio'
  | 'sparsity'
  | 'bytes'
  | 'gbps'
  | 'gflops'
  | 'count'
  | 'fraction'
  | 'joules'
  | 'flop-per-byte';

export interface MetricSpec {
  unit: MetricUnit;
  /** A few words, for tables and exports. */
  label: string;
  /** One line on what the number means. */
  meaning: string;
}

export type Metrics = Readonly<Record<string, MetricSpec>>;

/** Keeps a metric declaration's literal names while checking its shape. */
export function defineMetrics<const M extends Metrics>(metrics: M): M {
  return metrics;
}

/** Where a crossover landed in the searched range (CrossoverResult's kinds), or that it sits within noise of 1×. */
export type Bound = 'inside' | 'below' | 'above' | 'noise';

export interface MetricValue {
  value: number;
  /** Set where an answer was checked against the reference. */
  verified?: boolean;
  bound?: Bound;
  /** The measurement's spread was wide. */
  noisy?: boolean;
  /** For crossovers: where the crossover lies given the spread. */
  band?: [number, number];
}

export type MetricValues<M extends string = string> = Partial<Record<M, MetricValue>>;

// ------------------------------------------------------------------ the bus

type Listener = (metrics: MetricValues | undefined) => void;

/** Latest metrics per widget id, from the first instance on the page that published. */
const published = new Map<string, { uid: string; metrics: MetricValues }[]>();
const listeners = new Map<string, Set<Listener>>();

function current(widget: string): MetricValues | undefined {
  return published.get(widget)?.[0]?.metrics;
}

function notify(widget: string): void {
  for (const l of listeners.get(widget) ?? []) l(current(widget));
}

/** A session announces its current metrics (instances are told apart by uid). */
export function publishMetrics(widget: string, uid: string, metrics: MetricValues): void {
  const list = published.get(widget) ?? [];
  const mine = list.find((p) => p.uid === uid);
  if (mine) mine.metrics = metrics;
  else list.push({ uid, metrics });
  published.set(widget, list);
  notify(widget);
}

/** A session going away takes its metrics with it. */
export function withdrawMetrics(widget: string, uid: string): void {
  const list = (published.get(widget) ?? []).filter((p) => p.uid !== uid);
  if (list.length > 0) published.set(widget, list);
  else published.delete(widget);
  notify(widget);
}

/** Follows one widget's metrics (the first instance's, when a page has several). */
export function subscribeMetrics(widget: string, listener: Listener): () => void {
  const set = listeners.get(widget) ?? new Set();
  set.add(listener);
  listeners.set(widget, set);
  listener(current(widget));
  return () => set.delete(listener);
}
