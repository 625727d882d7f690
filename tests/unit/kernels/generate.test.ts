import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseNnz } from '../../../src/kernels/dense';
import {
  generate,
  powerLawLengths,
  randomBanded,
  randomBlock,
  randomNm,
  randomPowerLaw,
  targetNnz,
} from '../../../src/kernels/generate';
import { arbProblem, FC_OPTIONS } from './arb';

describe('generate(spec)', () => {
  it('hits the target nnz exactly for every structure (2:4 capped at half), and reports it', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const g = generate(p);
        const want = targetNnz(p.rows, p.cols, p.sparsity);
        expect(g.nnz).toBe(denseNnz(g.dense));
        expect(g.targetNnz).toBe(want);
        if (p.structure === 'nm') {
          const slots = p.rows * (Math.floor(p.cols / 4) * 2 + Math.min(2, p.cols % 4));
          expect(g.nnz).toBe(Math.min(want, slots));
        } else {
          expect(g.nnz).toBe(want);
        }
      }),
      FC_OPTIONS,
    );
  });

  it('is reproducible from its seed, and another seed gives another matrix', () => {
    for (const structure of ['unstructured', 'block', 'nm', 'banded', 'power-law'] as const) {
      const spec = { rows: 40, cols: 36, sparsity: 0.8, dtype: 'f64', seed: 9, structure } as const;
      expect(generate(spec).dense.data).toEqual(generate(spec).dense.data);
      if (structure !== 'banded')
        expect(generate(spec).dense.data).not.toEqual(generate({ ...spec, seed: 10 }).dense.data);
    }
  });

  it('is pinned: the same seed gives the same values in every runtime (no Math.random)', () => {
    const a = generate({
      rows: 4,
      cols: 4,
      sparsity: 0.5,
      dtype: 'f64',
      seed: 1,
      structure: 'nm',
    }).dense;
    const b = generate({
      rows: 4,
      cols: 4,
      sparsity: 0.5,
      dtype: 'f64',
      seed: 1,
      structure: 'nm',
    }).dense;
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });
});

describe('structures', () => {
  it('randomBlock(spec) leaves whole b × b tiles zero; at most one kept tile is partial', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const b = p.blockSize;
        const a = randomBlock({ ...p, blockSize: b });
        let partial = 0;
        for (let I = 0; I * b < p.rows; I++) {
          for (let J = 0; J * b < p.cols; J++) {
            let nz = 0;
            let cells = 0;
            for (let r = I * b; r < Math.min(p.rows, I * b + b); r++) {
              for (let c = J * b; c < Math.min(p.cols, J * b + b); c++, cells++)
                if (a.data[r * p.cols + c] !== 0) nz++;
            }
            if (nz > 0 && nz < cells) partial++;
          }
        }
        expect(partial).toBeLessThanOrEqual(1);
      }),
      FC_OPTIONS,
    );
  });

  it('randomNm(spec) keeps at most 2 of every 4 consecutive entries of a row', () => {
    fc.assert(
      fc.property(arbProblem, (p) => {
        const a = randomNm(p);
        for (let i = 0; i < p.rows; i++) {
          for (let g = 0; g < p.cols; g += 4) {
            let nz = 0;
            for (let c = g; c < Math.min(p.cols, g + 4); c++)
              if (a.data[i * p.cols + c] !== 0) nz++;
            expect(nz).toBeLessThanOrEqual(2);
          }
        }
      }),
      FC_OPTIONS,
    );
  });

  it('randomBanded(spec) fills diagonals outward: nothing beyond the outermost diagonal in use', () => {
    const a = randomBanded({ rows: 50, cols: 50, sparsity: 0.9, dtype: 'f64', seed: 3 }); // 250 nonzeros
    // Diagonals 0, ±1, ±2 hold 50 + 98 + 96 = 244 cells; the remaining 6 sit on +3.
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 50; j++) {
        const d = j - i;
        if (Math.abs(d) <= 2) expect(a.data[i * 50 + j]).not.toBe(0);
        if (d > 3 || d < -2) expect(a.data[i * 50 + j]).toBe(0);
      }
    }
  });

  it('randomPowerLaw(spec) gives a few long rows and many short ones', () => {
    const a = randomPowerLaw({ rows: 200, cols: 200, sparsity: 0.95, dtype: 'f64', seed: 4 });
    const lengths = Array.from(
      { length: 200 },
      (_, i) => a.data.subarray(i * 200, i * 200 + 200).filter((v) => v !== 0).length,
    );
    lengths.sort((x, y) => y - x);
    expect(lengths[0]!).toBeGreaterThan(10 * lengths[100]!);
  });

  it('powerLawLengths(rows, cap, total, alpha) sums to total and respects the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (rows, cap, fill, alpha) => {
          const total = Math.round(rows * cap * fill);
          const l = powerLawLengths(rows, cap, total, alpha);
          expect(l.reduce((s, v) => s + v, 0)).toBe(total);
          for (const v of l) expect(v).toBeLessThanOrEqual(cap);
        },
      ),
      FC_OPTIONS,
    );
  });
});
