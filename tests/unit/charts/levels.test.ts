/**
 * The cache-level marks both level charts draw behind their curves: a band for
 * every other level, a name per level, a dashed rule at each edge, and the
 * extents running edge to edge across the whole x domain.
 */
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { levelBands, type DrawnLevel } from '../../../components/charts/levels';

const KB = 1024;
const MB = 1024 * KB;
const MIN = 4 * KB;
const MAX = 64 * MB;

/** Four levels as the latency chart finds them: the last (DRAM) has no edge. */
const LEVELS: DrawnLevel[] = [
  { name: 'L1', fromBytes: 4 * KB, edgeBytes: 48 * KB },
  { name: 'L2', fromBytes: 64 * KB, edgeBytes: 1.5 * MB },
  { name: 'L3', fromBytes: 2 * MB, edgeBytes: 24 * MB },
  { name: 'DRAM', fromBytes: 32 * MB, edgeBytes: null },
];

/** The data of the marks of one kind, in drawing order. */
function dataOf<T>(marks: Plot.Markish[], kind: abstract new (...args: never[]) => Plot.Mark): T[] {
  return marks
    .filter((m) => m instanceof kind)
    .map((m) => (m as unknown as { data: T[] }).data)
    .flat();
}

describe('levelBands', () => {
  const marks = levelBands(LEVELS, MIN, MAX);
  const bands = dataOf<{ from: number; to: number }>(marks, Plot.Rect);
  const names = dataOf<{ x: number; name: string }>(marks, Plot.Text);
  const rules = dataOf<number>(marks, Plot.RuleX);

  it('draws a band for every other level, a name for each and a rule at each edge', () => {
    expect(bands).toHaveLength(2);
    expect(names.map((n) => n.name)).toEqual(['L1', 'L2', 'L3', 'DRAM']);
    expect(rules).toEqual([48 * KB, 1.5 * MB, 24 * MB]);
    expect(marks).toHaveLength(2 + 4 + 3);
  });

  it('runs the bands edge to edge, the first from the domain start and the last to its end', () => {
    // L1 (shaded) from the axis start to its edge, L3 (shaded) from L2's edge to its own.
    expect(bands).toEqual([
      { from: MIN, to: 48 * KB },
      { from: 1.5 * MB, to: 24 * MB },
    ]);
    const last = levelBands([{ name: 'all', fromBytes: MIN, edgeBytes: null }], MIN, MAX);
    expect(dataOf(last, Plot.Rect)).toEqual([{ from: MIN, to: MAX }]);
    expect(dataOf(last, Plot.RuleX)).toEqual([]);
  });

  it('centres each name on its level on a log axis (the geometric mean of the ends)', () => {
    expect(names[0]!.x).toBeCloseTo(Math.sqrt(MIN * 48 * KB));
    // DRAM runs from L3's edge to the end of the domain.
    expect(names[3]!.x).toBeCloseTo(Math.sqrt(24 * MB * MAX));
  });

  it('falls back to the level’s own start when the one before has no edge', () => {
    const gap: DrawnLevel[] = [
      { name: 'caches', fromBytes: MIN, edgeBytes: null },
      { name: 'DRAM', fromBytes: 8 * MB, edgeBytes: null },
    ];
    const texts = dataOf<{ x: number }>(levelBands(gap, MIN, MAX), Plot.Text);
    expect(texts[1]!.x).toBeCloseTo(Math.sqrt(8 * MB * MAX));
  });

  it('draws nothing without levels', () => {
    expect(levelBands([], MIN, MAX)).toEqual([]);
  });
});
