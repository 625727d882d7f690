import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotPlainArray, dotTuned, dotTyped } from '../../../src/kernels/dot';
import { randomVector } from '../../../src/kernels/generate';
import {
  box,
  boxList,
  compileDot,
  disassemble,
  dotInterpreted,
  interpret,
} from '../../../src/kernels/interpreter';
import {
  buildChaseRing,
  chaseNodes,
  linkChaseRing,
  memoryBytes,
  pointerChase,
  sattoloOrder,
  stridedSum,
  stridedSumInt32,
  sumSequential,
  triad,
} from '../../../src/kernels/memory';
import { peakScalar } from '../../../src/kernels/peak';
import {
  referenceChase,
  referenceDot,
  referenceStridedSum,
  referenceSum,
  referenceTriad,
} from '../../../src/kernels/reference';
import { EPSILON } from '../../../src/kernels/types';
import { FC_OPTIONS } from './arb';

const arbVector = fc.record({
  n: fc.integer({ min: 0, max: 300 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
});
/** |s − ref| ≤ 4 · n · ε · Σ|terms|: the verification bound for a sum of n terms. */
const close = (s: number, ref: number, n: number, absSum: number): void => {
  expect(Math.abs(s - ref)).toBeLessThanOrEqual(4 * Math.max(1, n) * EPSILON.f64 * absSum);
};

describe('memory-hierarchy kernels', () => {
  it('sumSequential(a) equals referenceSum(a)', () => {
    fc.assert(
      fc.property(arbVector, ({ n, seed }) => {
        const a = randomVector(n, 'f64', seed);
        close(sumSequential(a), referenceSum(a), n, referenceSum(a.map(Math.abs)));
      }),
      FC_OPTIONS,
    );
  });

  it('triad(a, b, c, s) equals referenceTriad(b, c, s)', () => {
    fc.assert(
      fc.property(arbVector, ({ n, seed }) => {
        const b = randomVector(n, 'f32', seed);
        const c = randomVector(n, 'f32', seed + 1);
        const a = new Float32Array(n);
        triad(a, b, c, 3);
        const ref = referenceTriad(b, c, 3);
        for (let i = 0; i < n; i++)
          expect(Math.abs(a[i]! - ref[i]!)).toBeLessThanOrEqual(
            EPSILON.f32 * 4 * Math.abs(ref[i]!) + 1e-30,
          );
      }),
      FC_OPTIONS,
    );
  });

  it('stridedSum(a, stride) equals referenceStridedSum(a, stride)', () => {
    fc.assert(
      fc.property(arbVector, fc.integer({ min: 1, max: 40 }), ({ n, seed }, stride) => {
        const a = randomVector(n, 'f64', seed);
        close(
          stridedSum(a, stride),
          referenceStridedSum(a, stride),
          n,
          referenceSum(a.map(Math.abs)),
        );
      }),
      FC_OPTIONS,
    );
  });

  it('buildChaseRing(bytes, seed) links one node per cache line in a single cycle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 64 * 500 }),
        fc.integer({ min: 0, max: 1e6 }),
        (bytes, seed) => {
          const ring = buildChaseRing(bytes, seed);
          expect(ring.nodes).toBe(Math.max(1, Math.floor(bytes / 64)));
          expect(pointerChase(ring.next, ring.start, ring.nodes)).toBe(ring.start);
          const seen = new Set<number>();
          let p = ring.start;
          for (let s = 0; s < ring.nodes; s++, p = ring.next[p]!) {
            expect(p % 16).toBe(0);
            seen.add(p);
          }
          expect(seen.size).toBe(ring.nodes);
          expect(pointerChase(ring.next, ring.start, 7)).toBe(
            referenceChase(ring.next, ring.start, 7),
          );
        },
      ),
      FC_OPTIONS,
    );
  });

  it('stridedSumInt32(a, stride) equals referenceStridedSum(a, stride), exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 1e9 }),
        (n, stride, seed) => {
          const a = Int32Array.from(randomVector(n, 'f64', seed), (v) => Math.round(v * 1e6));
          expect(stridedSumInt32(a, stride)).toBe(referenceStridedSum(a, stride));
        },
      ),
      FC_OPTIONS,
    );
  });

  it('linkChaseRing(next, order, …) in pieces builds the same ring as buildChaseRing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 64 * 700 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 50 }),
        (bytes, seed, piece) => {
          const ring = buildChaseRing(bytes, seed);
          const nodes = chaseNodes(bytes);
          // Buffers larger than needed, with stale contents, as the latency job reuses them.
          const next = new Int32Array(nodes * 16 + 64).fill(-7);
          const order = new Int32Array(nodes + 5).fill(-7);
          sattoloOrder(order, nodes, seed);
          for (let from = 0; from < nodes; from += piece) {
            linkChaseRing(next, order, nodes, 16, from, Math.min(nodes, from + piece));
          }
          expect(order[0]! * 16).toBe(ring.start);
          for (let p = 0; p < nodes * 16; p += 16) expect(next[p]).toBe(ring.next[p]);
          expect(stridedSumInt32(next.subarray(0, nodes * 16), 16)).toBe(
            (16 * nodes * (nodes - 1)) / 2,
          );
        },
      ),
      FC_OPTIONS,
    );
  });

  it('memoryBytes counts whole cache lines for strides past a line', () => {
    const a = new Float64Array(1024);
    expect(memoryBytes.sumSequential(a)).toBe(8192);
    expect(memoryBytes.stridedSum(a, 1)).toBe(8192);
    expect(memoryBytes.stridedSum(a, 16)).toBe(64 * 64);
  });
});

describe('the interpreter ladder', () => {
  const program = compileDot();

  it('dotInterpreted(program, a, b) equals referenceDot(a, b), as do the typed rungs', () => {
    fc.assert(
      fc.property(arbVector, ({ n, seed }) => {
        const a = randomVector(n, 'f64', seed);
        const b = randomVector(n, 'f64', seed + 1);
        const ref = referenceDot(a, b);
        const absSum = referenceDot(a.map(Math.abs), b.map(Math.abs));
        close(dotInterpreted(program, boxList(a), boxList(b)), ref, n, absSum);
        close(dotPlainArray(Array.from(a), Array.from(b)), ref, n, absSum);
        close(dotTyped(a, b), ref, n, absSum);
        close(dotTuned(a, b), ref, n, absSum);
      }),
      FC_OPTIONS,
    );
  });

  it('interpret(program, args) rejects a type error instead of computing nonsense', () => {
    expect(() => interpret(program, [box(1), boxList([1]), box(1)])).toThrow(
      /INDEX cannot take a number/,
    );
  });

  it('disassemble(program) lists every instruction', () => {
    const lines = disassemble(program);
    expect(lines[0]).toBe('  0  CONST 0');
    expect(lines).toContain('  8  LOAD i');
    expect(lines.at(-1)).toBe(' 42  RETURN');
    expect(lines.filter((l) => l.endsWith('INDEX')).length).toBe(2);
  });

  it('peakScalar(steps) returns a finite checksum', () => {
    expect(Number.isFinite(peakScalar(1000))).toBe(true);
  });
});
