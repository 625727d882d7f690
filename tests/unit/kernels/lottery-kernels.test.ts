import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrToDense, spmvCsr } from '../../../src/kernels/csr';
import { randomVector } from '../../../src/kernels/generate';
import { bfs, graphBytesFor, graphEdges, randomGraph } from '../../../src/kernels/graph';
import { countQueens, QUEENS_SOLUTIONS, queensStackLength } from '../../../src/kernels/queens';
import { randomCsr } from '../../../src/kernels/random-csr';
import {
  referenceBfs,
  referenceGemv,
  referenceQueens,
  termsPerRow,
} from '../../../src/kernels/reference';
import { allocFloat } from '../../../src/kernels/types';
import { expectVerified, FC_OPTIONS } from './arb';

const arbGraph = fc.record({
  vertices: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 257 })),
  degree: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 7 })),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  source: fc.nat(),
});

describe('bfs(g, source, dist, queue)', () => {
  it('bfs(g, s) gives the same levels and edge count as referenceBfs(g, s) on random graphs', () => {
    fc.assert(
      fc.property(arbGraph, ({ vertices, degree, seed, source }) => {
        const g = randomGraph(vertices, degree, seed);
        const s = vertices === 0 ? 0 : source % vertices;
        // Stale values in the scratch arrays must not leak into the answer.
        const dist = new Int32Array(vertices).fill(7);
        const queue = new Int32Array(vertices).fill(3);
        const got = bfs(g, s, dist, queue);
        const ref = referenceBfs(g, s);
        expect(Array.from(dist)).toEqual(Array.from(ref.dist));
        expect(got.edges).toBe(ref.edges);
        expect(got.reached).toBe(ref.dist.filter((d) => d >= 0).length);
      }),
      FC_OPTIONS,
    );
  });

  it('bfs(g, s) on a hand-made graph: a chain with a shortcut and an unreachable vertex', () => {
    // 0 → 1 → 2 → 3, 0 → 3 (shortcut), 4 → 0 (4 unreachable from 0)
    const g = {
      vertices: 5,
      offsets: Int32Array.from([0, 2, 3, 4, 4, 5]),
      targets: Int32Array.from([1, 3, 2, 3, 0]),
    };
    const dist = new Int32Array(5);
    const r = bfs(g, 0, dist, new Int32Array(5));
    expect(Array.from(dist)).toEqual([0, 1, 2, 1, -1]);
    expect(r).toEqual({ reached: 4, edges: 4 });
  });
});

describe('randomGraph(vertices, degree, seed)', () => {
  it('randomGraph gives every vertex `degree` in-range edges, the same graph for the same seed', () => {
    fc.assert(
      fc.property(arbGraph, ({ vertices, degree, seed }) => {
        const g = randomGraph(vertices, degree, seed);
        expect(graphEdges(g)).toBe(vertices * degree);
        for (let v = 0; v < vertices; v++) expect(g.offsets[v + 1]! - g.offsets[v]!).toBe(degree);
        for (const t of g.targets) expect(t >= 0 && t < vertices).toBe(true);
        expect(Array.from(randomGraph(vertices, degree, seed).targets)).toEqual(
          Array.from(g.targets),
        );
        expect(g.offsets.byteLength + g.targets.byteLength).toBe(
          graphBytesFor(vertices, vertices * degree),
        );
      }),
      FC_OPTIONS,
    );
  });
});

describe('countQueens(n)', () => {
  it('countQueens(n) equals referenceQueens(n), solutions and nodes, for n = 0 … 9', () => {
    for (let n = 0; n <= 9; n++) expect(countQueens(n), `n = ${n}`).toEqual(referenceQueens(n));
  });

  it('countQueens(n) finds the known number of solutions (OEIS A000170) for n ≤ 13', () => {
    for (let n = 0; n <= 13; n++)
      expect(countQueens(n).solutions, `n = ${n}`).toBe(QUEENS_SOLUTIONS[n]);
  });

  it('countQueens(n, stack) reuses a caller-owned stack, dirty or not', () => {
    const stack = new Int32Array(queensStackLength(8)).fill(-1);
    expect(countQueens(8, stack)).toEqual(countQueens(8));
    expect(countQueens(8, stack).solutions).toBe(92);
  });

  it('countQueens rejects boards it cannot represent', () => {
    expect(() => countQueens(-1)).toThrow(RangeError);
    expect(() => countQueens(31)).toThrow(RangeError);
    expect(() => countQueens(2.5)).toThrow(RangeError);
  });
});

describe('randomCsr(rows, cols, perRow, dtype, seed)', () => {
  const arbCsr = fc
    .record({
      rows: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 61 })),
      cols: fc.integer({ min: 1, max: 67 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      dtype: fc.constantFrom('f64' as const, 'f32' as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((p) => ({ ...p, perRow: Math.floor(p.fraction * p.cols) }));

  it('randomCsr rows hold perRow distinct sorted columns, and spmvCsr on it equals the f64 reference', () => {
    fc.assert(
      fc.property(arbCsr, ({ rows, cols, perRow, dtype, seed }) => {
        const a = randomCsr(rows, cols, perRow, dtype, seed);
        for (let i = 0; i < rows; i++) {
          const row = Array.from(a.colIdx.subarray(a.rowPtr[i]!, a.rowPtr[i + 1]!));
          expect(row.length).toBe(perRow);
          for (let p = 1; p < row.length; p++) expect(row[p]!).toBeGreaterThan(row[p - 1]!);
          for (const c of row) expect(c >= 0 && c < cols).toBe(true);
        }
        for (const v of a.values) expect(v).not.toBe(0);
        const x = randomVector(cols, dtype, seed + 1);
        const y = allocFloat(dtype, rows).fill(Number.NaN);
        spmvCsr(a, x, y);
        expectVerified(y, referenceGemv(csrToDense(a), x), termsPerRow(a), 1, dtype);
      }),
      FC_OPTIONS,
    );
  });

  it('randomCsr refuses more nonzeros per row than columns', () => {
    expect(() => randomCsr(2, 3, 4, 'f64', 1)).toThrow(RangeError);
  });
});
