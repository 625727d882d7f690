import { describe, expect, it } from 'vitest';
import { fromNines, toNines } from '../../../components/charts/nines';
import {
  findCrossover,
  interpolateCrossover,
  noiseBand,
  withinNoise,
  type Probe,
} from '../../../src/bench/crossover';

/** A synthetic speedup curve that crosses 1 exactly at sparsity `c`, smooth in nines, with a ±`spread` interval. */
const curve =
  (c: number, spread = 0.01) =>
  (s: number): Probe => {
    const speedup = 10 ** (toNines(s) - toNines(c));
    return { sparsity: s, speedup, low: speedup * (1 - spread), high: speedup * (1 + spread) };
  };

describe('findCrossover(probe)', () => {
  it.each([0.3, 0.62, 0.9, 0.985, 0.9975])(
    'finds a crossover at %f within tolerance',
    async (c) => {
      const r = await findCrossover(curve(c));
      expect(r.kind).toBe('inside');
      if (r.kind !== 'inside') return;
      expect(Math.abs(toNines(r.sparsity) - toNines(c))).toBeLessThan(0.02);
      expect(r.bracket[0]).toBeLessThanOrEqual(c);
      expect(r.bracket[1]).toBeGreaterThanOrEqual(c);
      expect(r.band[0]).toBeLessThanOrEqual(r.sparsity);
      expect(r.band[1]).toBeGreaterThanOrEqual(r.sparsity);
      expect(r.probes.length).toBeLessThanOrEqual(14);
    },
  );

  it('reports a crossover below the range when sparse already wins at the low end', async () => {
    const r = await findCrossover(() => ({ sparsity: 0, speedup: 1.5, low: 1.4, high: 1.6 }), {
      lo: 0.5,
    });
    expect(r).toMatchObject({ kind: 'below', lo: 0.5, withinNoise: false });
    expect(r.probes).toHaveLength(1);
  });

  it('says "within noise" when the low end only just wins (its interval holds 1×)', async () => {
    const r = await findCrossover(() => ({ sparsity: 0, speedup: 1.02, low: 0.95, high: 1.1 }));
    expect(r).toMatchObject({ kind: 'below', withinNoise: true });
  });

  it('reports a crossover above the range when sparse still loses at the high end', async () => {
    const r = await findCrossover(curve(0.99999));
    expect(r).toMatchObject({ kind: 'above', hi: 0.9999 });
    expect(r.probes).toHaveLength(2);
  });

  it('streams every probe through onProbe', async () => {
    const seen: number[] = [];
    const r = await findCrossover(curve(0.8), { onProbe: (p) => seen.push(p.sparsity) });
    expect(seen).toEqual(r.probes.map((p) => p.sparsity));
  });

  it('widens the band when the two kernels run within noise of each other near the crossover', async () => {
    const tight = await findCrossover(curve(0.7, 0.01));
    const loose = await findCrossover(curve(0.7, 0.6));
    if (tight.kind !== 'inside' || loose.kind !== 'inside') throw new Error('expected inside');
    expect(loose.band[1] - loose.band[0]).toBeGreaterThan(tight.band[1] - tight.band[0]);
    expect(loose.band[0]).toBeLessThan(0.7);
    expect(loose.band[1]).toBeGreaterThan(0.7);
  });

  it('still returns a bracket when the measured curve is noisy', async () => {
    let i = 0;
    const noisy = (s: number): Probe => {
      const p = curve(0.7)(s);
      const f = 1 + 0.05 * Math.sin(i++ * 12.9898);
      return { ...p, speedup: p.speedup * f };
    };
    const r = await findCrossover(noisy);
    expect(r.kind).toBe('inside');
    if (r.kind === 'inside') expect(Math.abs(r.sparsity - 0.7)).toBeLessThan(0.05);
  });
});

describe('interpolateCrossover(a, b) and noiseBand(probes)', () => {
  it('interpolateCrossover finds where log-speedup crosses 0 between two points', () => {
    const s = interpolateCrossover({ sparsity: 0.9, speedup: 0.5 }, { sparsity: 0.99, speedup: 2 });
    expect(toNines(s)).toBeCloseTo(1.5, 10);
  });

  it('noiseBand spans from the last sure loss to the first sure win', () => {
    const p = (sparsity: number, low: number, high: number): Probe => ({
      sparsity,
      speedup: (low + high) / 2,
      low,
      high,
    });
    const probes = [p(0, 0.5, 0.6), p(0.9, 1.5, 1.7), p(0.6, 0.9, 1.1), p(0.4, 0.8, 0.95)];
    expect(noiseBand(probes, 0, 0.9999)).toEqual([0.4, 0.9]);
    expect(withinNoise(probes[2]!)).toBe(true);
  });

  it('toNines and fromNines are inverses', () => {
    for (const s of [0, 0.5, 0.9, 0.99, 0.9999]) expect(fromNines(toNines(s))).toBeCloseTo(s, 12);
  });
});
