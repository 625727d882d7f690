import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  curveCrossover,
  parseJsonl,
  REFERENCE_SERIES,
  referenceCurve,
} from '../../../src/data/h200';

const rows = parseJsonl(readFileSync('content/data/h200-sparsity/unstructured.jsonl', 'utf8'));

describe('the shipped H200 data', () => {
  it('referenceCurve(rows, selection) finds every series the essay names', () => {
    for (const { label, selection } of REFERENCE_SERIES) {
      expect(referenceCurve(rows, selection).length, label).toBeGreaterThanOrEqual(7);
    }
  });

  it('curveCrossover puts fp16 tensor cores vs CSR between 99 % and 99.9 % (the essay’s claim)', () => {
    const c = curveCrossover(referenceCurve(rows, REFERENCE_SERIES[0]!.selection));
    expect(c).not.toBeNull();
    expect(c!).toBeGreaterThan(0.99);
    expect(c!).toBeLessThan(0.999);
  });

  it('curveCrossover interpolates on the nines scale and reports never-crossing curves as null', () => {
    expect(
      curveCrossover([
        { sparsity: 0.9, speedup: 0.1 },
        { sparsity: 0.99, speedup: 10 },
      ]),
    ).toBeCloseTo(1 - 10 ** -1.5, 10);
    expect(curveCrossover([{ sparsity: 0.5, speedup: 0.2 }])).toBeNull();
    expect(curveCrossover([{ sparsity: 0, speedup: 2 }])).toBe(0);
  });
});
