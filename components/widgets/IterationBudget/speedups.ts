/**
 * Where the iteration budget's speedup comes from: typed in, a published
 * figure, or another widget's measured metric (read from the metric bus when
 * that widget has measured on this page). Each measured source has a default
 * from shipped data or the literature, used and labelled as such until the
 * reader measures.
 */
export type SpeedupSource = 'manual' | 'raina' | 'lottery' | 'sparsity-lab' | 'interpreter-ladder';

export interface SpeedupOrigin {
  /** The widget and metric to read, for sources measured in the essay. */
  widget?: string;
  metric?: string;
  /** What the speedup means, in a phrase: "sparse over dense". */
  what: string;
  /** Used until the widget has measured (null: the typed-in speedup). */
  fallback: { value: number; label: string } | null;
}

export const SPEEDUP_SOURCES: Readonly<Record<SpeedupSource, SpeedupOrigin>> = {
  manual: { what: 'the speedup you typed', fallback: null },
  raina: {
    what: 'a GPU against a dual-core CPU for deep networks',
    fallback: {
      // "Several weeks to about a day": three weeks to one day.
      value: 21,
      label:
        'Raina, Madhavan & Ng (2009): a model that took several weeks on a CPU trained in about a day on a GPU (taken as 3 weeks → 1 day)',
    },
  },
  lottery: {
    widget: 'lottery',
    metric: 'spread',
    what: 'the idea your hardware favours most over the one it favours least',
    fallback: {
      // h200Swap(rows, fp32, 16 threads): dense ×41.2 ÷ sparse ×1.83 (tests/unit/components/iteration-budget.test.ts).
      value: 22.5,
      label:
        'not measured here yet: our H200 against its host CPU instead (dense ×41 ÷ sparse ×1.8, measured 2026-11-28)',
    },
  },
  'sparsity-lab': {
    widget: 'sparsity-lab',
    metric: 'speedup',
    what: 'a sparse product over a dense one',
    fallback: {
      // unstructured.jsonl: n 8192, b 512, fp16, 95 %, CSR speedup 0.0744.
      value: 0.0744,
      label:
        'not measured here yet: our H200 instead, where CSR at 95 % zeros took 13× as long as the dense tensor-core product (measured 2026-11-28)',
    },
  },
  'interpreter-ladder': {
    widget: 'interpreter-ladder',
    metric: 'python-over-simd',
    what: 'compiled array code over a Python loop',
    fallback: {
      // native-python/2026-11-29.json: CPython 3.11 loop 41.8 ns vs numpy.dot 0.182 ns per element, n = 524288.
      value: 230,
      label:
        'not measured here yet: a CPython loop against numpy.dot natively instead (41.8 vs 0.18 ns per multiply-add, measured 2026-11-29)',
    },
  },
};
