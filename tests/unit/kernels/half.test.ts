import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { halfBits, halfValue, roundHalfReference, toHalfArray } from '../../../src/kernels/half';

describe('halfBits(v)', () => {
  it('halfValue(halfBits(v)) equals roundHalfReference(v) for random f32 values of every magnitude', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (v) => {
        expect(halfValue(halfBits(v))).toBe(roundHalfReference(v));
      }),
      { numRuns: 20_000 },
    );
  });

  it('halfBits(v) rounds ties to even, overflows to infinity and keeps subnormals', () => {
    expect(halfBits(1)).toBe(0x3c00);
    expect(halfBits(-2)).toBe(0xc000);
    expect(halfBits(65504)).toBe(0x7bff);
    expect(halfBits(65519)).toBe(0x7bff); // below the tie with 65 536
    expect(halfBits(65520)).toBe(0x7c00); // the tie rounds to even: infinity
    expect(halfBits(1 + 2 ** -11)).toBe(0x3c00); // tie between 1 and 1 + 2^-10: even is 1
    expect(halfBits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: even is 1 + 2^-9
    expect(halfBits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(halfBits(2 ** -25)).toBe(0x0000); // exact tie with 0: even is 0
    expect(halfBits(3 * 2 ** -26)).toBe(0x0001);
    expect(halfBits(2 ** -14 - 2 ** -25)).toBe(0x0400); // rounds up into the normals
    expect(halfValue(halfBits(Number.NaN))).toBeNaN();
  });

  it('toHalfArray(values) pads odd lengths to whole 4-byte words', () => {
    expect(toHalfArray(new Float32Array([1, 2, 3]))).toEqual(
      new Uint16Array([0x3c00, 0x4000, 0x4200, 0]),
    );
  });
});
