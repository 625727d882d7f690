import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyProduct } from '../../../src/bench/verify';
import { gemvPlainArray } from '../../../src/kernels/dot';
import { axpyTyped, reciprocalTyped } from '../../../src/kernels/elementwise';
import { randomVector } from '../../../src/kernels/generate';
import {
  assemble,
  axpyInterpreted,
  boxList,
  boxRows,
  boxZeros,
  compileAxpy,
  compileGemv,
  compileReciprocal,
  compileSum,
  disassemble,
  gemvInterpreted,
  interpret,
  reciprocalInterpreted,
  sumInterpreted,
  unboxList,
} from '../../../src/kernels/interpreter';
import { sumSequential } from '../../../src/kernels/memory';
import {
  referenceAxpy,
  referenceGemv,
  referenceReciprocal,
  referenceSum,
} from '../../../src/kernels/reference';
import { EPSILON } from '../../../src/kernels/types';
import { FC_OPTIONS } from './arb';

const arbVector = fc.record({
  n: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 4, max: 300 })),
  seed: fc.integer({ min: 0, max: 1e9 }),
});

describe('interpreted element-wise programs', () => {
  const sum = compileSum();
  const axpy = compileAxpy();
  const reciprocal = compileReciprocal();

  it('sumInterpreted(program, x) equals referenceSum(x), as does sumSequential(x)', () => {
    fc.assert(
      fc.property(arbVector, ({ n, seed }) => {
        const x = randomVector(n, 'f64', seed);
        const ref = referenceSum(x);
        const bound = 4 * Math.max(1, n) * EPSILON.f64 * referenceSum(x.map(Math.abs));
        expect(Math.abs(sumInterpreted(sum, boxList(x)) - ref)).toBeLessThanOrEqual(bound);
        expect(Math.abs(sumSequential(x) - ref)).toBeLessThanOrEqual(bound);
      }),
      FC_OPTIONS,
    );
  });

  it('axpyInterpreted and axpyTyped equal referenceAxpy(alpha, x, y) exactly in f64', () => {
    fc.assert(
      fc.property(arbVector, fc.double({ min: -4, max: 4, noNaN: true }), ({ n, seed }, alpha) => {
        const x = randomVector(n, 'f64', seed);
        const y = randomVector(n, 'f64', seed + 1);
        const ref = referenceAxpy(alpha, x, y);
        const z = new Float64Array(n);
        axpyTyped(alpha, x, y, z);
        expect(z).toEqual(ref);
        const zl = boxZeros(n);
        axpyInterpreted(axpy, alpha, boxList(x), boxList(y), zl);
        expect(unboxList(zl, new Float64Array(n))).toEqual(ref);
      }),
      FC_OPTIONS,
    );
  });

  it('reciprocalInterpreted and reciprocalTyped equal referenceReciprocal(x) exactly in f64', () => {
    fc.assert(
      fc.property(arbVector, ({ n, seed }) => {
        const x = randomVector(n, 'f64', seed);
        const ref = referenceReciprocal(x);
        const y = new Float64Array(n);
        reciprocalTyped(x, y);
        expect(y).toEqual(ref);
        const yl = boxZeros(n);
        reciprocalInterpreted(reciprocal, boxList(x), yl);
        expect(unboxList(yl, new Float64Array(n))).toEqual(ref);
      }),
      FC_OPTIONS,
    );
  });

  it('reciprocalInterpreted(program, [0]) raises, as Python does', () => {
    expect(() => reciprocalInterpreted(reciprocal, boxList([0]), boxZeros(1))).toThrow(
      /division by zero/,
    );
  });

  it('axpyTyped writes f32 outputs within one rounding of the f64 reference', () => {
    const x = randomVector(37, 'f32', 3);
    const y = randomVector(37, 'f32', 4);
    const z = new Float32Array(37);
    axpyTyped(0.5, x, y, z);
    const ref = referenceAxpy(0.5, x, y);
    for (let i = 0; i < 37; i++)
      expect(Math.abs(z[i]! - ref[i]!)).toBeLessThanOrEqual(EPSILON.f32 * Math.abs(ref[i]!));
  });
});

describe('the matrix-vector ladder', () => {
  const arbShape = fc.record({
    rows: fc.integer({ min: 0, max: 23 }),
    cols: fc.integer({ min: 0, max: 23 }),
    seed: fc.integer({ min: 0, max: 1e9 }),
  });
  const gemv = compileGemv();

  it('gemvInterpreted(program, rows, x) and gemvPlainArray(a, x) equal referenceGemv(a, x)', () => {
    fc.assert(
      fc.property(arbShape, ({ rows, cols, seed }) => {
        const data = randomVector(rows * cols, 'f64', seed) as Float64Array;
        const x = randomVector(cols, 'f64', seed + 1);
        const ref = referenceGemv({ rows, cols, dtype: 'f64', data }, x);
        const yl = boxZeros(rows);
        gemvInterpreted(gemv, boxRows(data, rows, cols), boxList(x), yl, cols);
        const terms = () => cols;
        expect(verifyProduct(unboxList(yl, new Float64Array(rows)), ref, terms, 'f64').ok).toBe(
          true,
        );
        const y: number[] = new Array<number>(rows).fill(0);
        gemvPlainArray(Array.from(data), rows, cols, Array.from(x), y);
        expect(verifyProduct(Float64Array.from(y), ref, terms, 'f64').ok).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});

describe('assemble(locals, lines)', () => {
  it('resolves labels and locals, and lists them back with disassemble', () => {
    const p = assemble(
      ['x'],
      [
        ['LOAD', 'x'],
        ['JUMP_IF_FALSE', 'no'],
        ['CONST', 1],
        ['RETURN'],
        'no:',
        ['CONST', 2],
        ['RETURN'],
      ],
    );
    expect(interpret(p, [{ kind: 'bool', value: false }])).toEqual({ kind: 'number', value: 2 });
    expect(disassemble(p)).toContain('  2  JUMP_IF_FALSE 7');
  });

  it('rejects an unknown label or local instead of emitting a bad jump', () => {
    expect(() => assemble(['x'], [['JUMP', 'nowhere']])).toThrow(/unknown label/);
    expect(() => assemble(['x'], [['LOAD', 'y']])).toThrow(/unknown local/);
  });
});
