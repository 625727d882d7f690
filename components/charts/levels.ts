/**
 * The cache levels found in a measured curve, drawn behind it on a working-set
 * (bytes) x axis: every other level shaded as a band, its name at the top of
 * the frame, and a dashed rule at each edge. Shared by the memory mountain and
 * the latency chart, so both mark the levels alike.
 */
import * as Plot from '@observablehq/plot';
import type { CacheLevel } from '../../src/bench/cache-levels';

/** What a level needs to be drawn (a CacheLevel, or a LevelBandwidth built from one). */
export type DrawnLevel = Pick<CacheLevel, 'name' | 'fromBytes' | 'edgeBytes'>;

/**
 * The marks for `levels` on an x domain of [minBytes, maxBytes]: a level runs
 * from the previous level's edge (the first from minBytes) to its own edge
 * (the last to maxBytes), and its name sits at the geometric middle, which is
 * the middle on a log axis.
 */
export function levelBands(
  levels: readonly DrawnLevel[],
  minBytes: number,
  maxBytes: number,
): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  levels.forEach((l, i) => {
    const from = i === 0 ? minBytes : (levels[i - 1]!.edgeBytes ?? l.fromBytes);
    const to = l.edgeBytes ?? maxBytes;
    if (i % 2 === 0) {
      marks.push(
        Plot.rectX([{ from, to }], {
          x1: 'from',
          x2: 'to',
          fill: 'currentColor',
          fillOpacity: 0.05,
          ariaHidden: 'true',
        }),
      );
    }
    marks.push(
      Plot.text([{ x: Math.sqrt(from * to), name: l.name }], {
        x: 'x',
        text: 'name',
        frameAnchor: 'top',
        dy: 4,
        fontWeight: 600,
        fill: 'currentColor',
        ariaHidden: 'true',
      }),
    );
    if (l.edgeBytes) {
      marks.push(
        Plot.ruleX([l.edgeBytes], {
          stroke: 'currentColor',
          strokeOpacity: 0.5,
          strokeDasharray: '3,3',
          ariaHidden: 'true',
        }),
      );
    }
  });
  return marks;
}
