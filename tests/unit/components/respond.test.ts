import { describe, expect, it } from 'vitest';
import { matches, describeValue } from '../../../components/ui/respond-client';
import { metricSpec } from '../../../components/ui/respond';

describe('metricSpec(widget, metric): prose may only name declared metrics', () => {
  it('returns the declaration of a metric the widget declares', () => {
    expect(metricSpec('sparsity-lab', 'crossover').unit).toBe('sparsity');
  });

  it('fails (and so fails the build) for an undeclared metric, naming what the widget declares', () => {
    expect(() => metricSpec('sparsity-lab', 'crossover-typo')).toThrow(
      /declares no metric “crossover-typo” \(it declares: dense-ms, /,
    );
    expect(() => metricSpec('no-such-widget', 'x')).toThrow(/no widget “no-such-widget”/);
  });
});

describe('matches(condition, value): which <When> answers a measurement', () => {
  const m = (value: number, extra = {}) => ({ value, ...extra });
  it('pending holds only before a value exists', () => {
    expect(matches({ pending: true }, undefined)).toBe(true);
    expect(matches({ pending: true }, m(0.5))).toBe(false);
    expect(matches({}, undefined)).toBe(false);
  });
  it('below, above, between and bound compare the value', () => {
    expect(matches({ below: 0.35 }, m(0.2))).toBe(true);
    expect(matches({ below: 0.35 }, m(0.35))).toBe(false);
    expect(matches({ above: 0.8 }, m(0.8))).toBe(true);
    expect(matches({ between: [0.35, 0.8] }, m(0.5))).toBe(true);
    expect(matches({ bound: 'above' }, m(0.9999, { bound: 'above' }))).toBe(true);
    expect(matches({ bound: 'above' }, m(0.9999, { bound: 'inside' }))).toBe(false);
    expect(matches({ noisy: true }, m(0.5, { noisy: true }))).toBe(true);
    expect(matches({ noisy: true }, m(0.5))).toBe(false);
  });
  it('describeValue says "or less" and "above" at the ends of a range', () => {
    expect(describeValue('sparsity', m(0, { bound: 'below' }))).toBe('0 % or less');
    expect(describeValue('sparsity', m(0.9999, { bound: 'above' }))).toBe('above 99.99 %');
    expect(describeValue('ratio', m(2.5))).toBe('2.5×');
  });
});
