import { describe, expect, it } from 'vitest';
import { curveNoise, findCacheLevels, type CurvePoint } from '../../../src/bench/cache-levels';
import { createRng } from '../../../src/kernels/prng';

const KB = 1024;
const MB = 1024 * KB;

/**
 * A synthetic bandwidth curve: plateaus `levels[k]` up to capacity `edges[k]`,
 * joined by smooth steps (a logistic in log size, half an octave wide), with
 * multiplicative noise of relative size `noise` from a seeded generator.
 */
function curve(
  levels: number[],
  edges: number[],
  { perOctave = 4, from = 4 * KB, to = 64 * MB, noise = 0, seed = 1 } = {},
): CurvePoint[] {
  const rng = createRng(seed);
  const gauss = (): number => {
    const u = Math.max(rng.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
  const points: CurvePoint[] = [];
  for (let x = Math.log2(from); x <= Math.log2(to) + 1e-9; x += 1 / perOctave) {
    let y = Math.log(levels[0]!);
    edges.forEach((edge, k) => {
      const step = Math.log(levels[k + 1]!) - Math.log(levels[k]!);
      y += step / (1 + Math.exp(-(x - Math.log2(edge)) * 6));
    });
    points.push({ bytes: Math.round(2 ** x), value: Math.exp(y + noise * gauss()) });
  }
  return points;
}

const names = (points: CurvePoint[], kind?: 'latency'): string[] =>
  findCacheLevels(points, kind ? { kind } : {}).map((l) => l.name);

describe('findCacheLevels(points)', () => {
  it('finds L1, L2, L3 and DRAM on a clean four-plateau bandwidth curve, with their edges', () => {
    const levels = findCacheLevels(curve([200, 100, 50, 15], [32 * KB, 1 * MB, 16 * MB]));
    expect(levels.map((l) => l.name)).toEqual(['L1', 'L2', 'L3', 'DRAM']);
    expect(levels.map((l) => l.lastLevel)).toEqual([false, false, true, false]);
    const expected = [32 * KB, 1 * MB, 16 * MB];
    levels.slice(0, 3).forEach((l, k) => {
      // Within a quarter octave of the true capacity.
      expect(Math.abs(Math.log2(l.edgeBytes! / expected[k]!))).toBeLessThan(0.25);
    });
    expect(levels[3]!.edgeBytes).toBeNull();
    expect(levels[0]!.value).toBeCloseTo(200, 0);
    expect(levels[3]!.value).toBeCloseTo(15, 0);
    expect(levels[0]!.fromBytes).toBe(4 * KB);
    expect(levels[3]!.toBytes).toBe(64 * MB);
  });

  it('names two plateaus "caches" and "DRAM" (the curve cannot tell the cache levels apart)', () => {
    const levels = findCacheLevels(curve([90, 30], [24 * MB]));
    expect(levels.map((l) => l.name)).toEqual(['caches', 'DRAM']);
    expect(levels[0]!.lastLevel).toBe(true);
    expect(Math.abs(Math.log2(levels[0]!.edgeBytes! / (24 * MB)))).toBeLessThan(0.25);
  });

  it('finds the same four levels through 8 % noise, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const points = curve([200, 100, 50, 15], [32 * KB, 1 * MB, 16 * MB], { noise: 0.08, seed });
      expect(names(points), `seed ${seed}`).toEqual(['L1', 'L2', 'L3', 'DRAM']);
    }
  });

  it('does not turn a single wild point into a level', () => {
    const points = curve([100, 25], [8 * MB]);
    points[20] = { ...points[20]!, value: points[20]!.value / 3 };
    expect(names(points)).toEqual(['caches', 'DRAM']);
  });

  it('reports a flat curve as one level, "all"', () => {
    const points = curve([20], [], { noise: 0.05 });
    const levels = findCacheLevels(points);
    expect(levels).toHaveLength(1);
    expect(levels[0]!.name).toBe('all');
    expect(levels[0]!.value).toBeGreaterThan(18);
    expect(levels[0]!.value).toBeLessThan(22);
  });

  it('reads a latency curve the other way up (larger is slower)', () => {
    const latency = curve([1.5, 4.5, 14, 150], [32 * KB, 1 * MB, 8 * MB], { perOctave: 2 });
    expect(names(latency, 'latency')).toEqual(['L1', 'L2', 'L3', 'DRAM']);
    // Read as bandwidth, the same numbers rise, which no memory hierarchy does.
    expect(findCacheLevels(latency).length).toBe(1);
  });

  it('ignores the order of the points and takes the median of repeated sizes', () => {
    const points = curve([100, 20], [4 * MB], { perOctave: 2 });
    const shuffled = [...points].reverse();
    shuffled.push({ bytes: points[0]!.bytes, value: 1 }, { bytes: points[0]!.bytes, value: 1000 });
    expect(findCacheLevels(shuffled)).toEqual(findCacheLevels(points));
  });

  it('works at the quick mode resolution: one size per doubling', () => {
    const points = curve([100, 60, 40, 12], [32 * KB, 512 * KB, 8 * MB], { perOctave: 1 });
    expect(names(points)).toEqual(['L1', 'L2', 'L3', 'DRAM']);
  });

  it('returns nothing for no points', () => {
    expect(findCacheLevels([])).toEqual([]);
  });
});

describe('curveNoise(y)', () => {
  it('estimates the noise of a flat curve and ignores a few large steps', () => {
    const rng = createRng(7);
    const y = Array.from({ length: 400 }, (_, i) => (i > 200 ? -1 : 0) + 0.1 * (rng.next() - 0.5));
    // Uniform noise of width 0.1 has σ ≈ 0.029.
    expect(curveNoise(y)).toBeGreaterThan(0.02);
    expect(curveNoise(y)).toBeLessThan(0.04);
  });
});
