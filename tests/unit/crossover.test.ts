import { describe, expect, it } from 'vitest';
import { findCrossover, fromNines, toNines } from '../../src/bench/crossover';

/** A synthetic speedup curve that crosses 1 exactly at sparsity `c`, smooth in nines. */
const curve = (c: number) => (s: number) => 10 ** (toNines(s) - toNines(c));

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
      expect(r.probes.length).toBeLessThanOrEqual(14);
    },
  );

  it('reports a crossover below the range when sparse already wins at the low end', async () => {
    const r = await findCrossover(() => 1.5, { lo: 0.5 });
    expect(r).toMatchObject({ kind: 'below', lo: 0.5 });
    expect(r.probes).toHaveLength(1);
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

  it('still returns a bracket when the measured curve is noisy', async () => {
    let i = 0;
    const noisy = (s: number) => curve(0.7)(s) * (1 + 0.05 * Math.sin(i++ * 12.9898));
    const r = await findCrossover(noisy);
    expect(r.kind).toBe('inside');
    if (r.kind === 'inside') expect(Math.abs(r.sparsity - 0.7)).toBeLessThan(0.05);
  });

  it('toNines and fromNines are inverses', () => {
    for (const s of [0, 0.5, 0.9, 0.99, 0.9999]) expect(fromNines(toNines(s))).toBeCloseTo(s, 12);
  });
});
