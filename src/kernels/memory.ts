import { createRng } from './prng';
import type { FloatArray } from './types';

/**
 * Memory-hierarchy kernels: the same few loads over working sets of growing
 * size reveal each cache level as a cliff in bandwidth or latency.
 *
 *   sequential sum   streams every element: bandwidth, prefetchers at their best
 *   triad            a = b + s·c (STREAM's triad): two streams in, one out
 *   strided sum      one element per `stride`: past a cache line, every load is a new line
 *   pointer chase    each load's address is the previous load's value: pure latency
 *
 * Each kernel returns a value that depends on every load, so no JIT can skip them.
 */

/** Σ a_i with four independent sums, so the adder never waits on itself. */
export function sumSequential(a: FloatArray): number {
  const n = a.length;
  const n4 = n & ~3;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n4; i += 4) {
    s0 += a[i]!;
    s1 += a[i + 1]!;
    s2 += a[i + 2]!;
    s3 += a[i + 3]!;
  }
  for (let i = n4; i < n; i++) s0 += a[i]!;
  return s0 + s1 + (s2 + s3);
}

/** a_i = b_i + s·c_i. */
export function triad(a: FloatArray, b: FloatArray, c: FloatArray, s: number): void {
  const n = a.length;
  for (let i = 0; i < n; i++) a[i] = b[i]! + s * c[i]!;
}

/** Σ a_i over i = 0, stride, 2·stride, … (stride in elements). */
export function stridedSum(a: FloatArray, stride: number): number {
  let s0 = 0;
  let s1 = 0;
  const n = a.length;
  const step2 = 2 * stride;
  let i = 0;
  for (; i + stride < n; i += step2) {
    s0 += a[i]!;
    s1 += a[i + stride]!;
  }
  if (i < n) s0 += a[i]!;
  return s0 + s1;
}

/**
 * stridedSum for 32-bit integers: reads a pointer-chase ring in address order,
 * one slot per cache line, so the same lines are loaded as by the chase but
 * with independent loads that prefetchers can run ahead of. A separate
 * function, so neither kernel's loads see two array types (which would make
 * the JIT's code for both slower).
 */
export function stridedSumInt32(a: Int32Array, stride: number): number {
  let s0 = 0;
  let s1 = 0;
  const n = a.length;
  const step2 = 2 * stride;
  let i = 0;
  for (; i + stride < n; i += step2) {
    s0 += a[i]!;
    s1 += a[i + stride]!;
  }
  if (i < n) s0 += a[i]!;
  return s0 + s1;
}

/** Bytes each kernel reads (+ writes), for a bandwidth figure. */
export const memoryBytes = {
  sumSequential: (a: FloatArray): number => a.byteLength,
  triad: (a: FloatArray): number => 3 * a.byteLength,
  /** Whole cache lines are fetched, so a stride under a line still costs the line. */
  stridedSum: (a: FloatArray, stride: number, lineBytes = 64): number => {
    const touched = Math.ceil(a.length / stride);
    return touched * Math.min(a.BYTES_PER_ELEMENT * stride, lineBytes);
  },
};

/**
 * A pointer-chasing ring over a working set: one node per cache line, linked
 * in a single random cycle (Sattolo's algorithm), so hardware prefetchers
 * cannot guess the next address and every hop is a full memory latency once
 * the set outgrows a cache level.
 */
export interface ChaseRing {
  /** next[p] is the index of the node after p; only node slots are used. */
  readonly next: Int32Array;
  readonly start: number;
  readonly nodes: number;
  readonly bytes: number;
}

export function buildChaseRing(workingSetBytes: number, seed: number, lineBytes = 64): ChaseRing {
  const spacing = chaseSpacing(lineBytes);
  const nodes = chaseNodes(workingSetBytes, lineBytes);
  const next = new Int32Array(nodes * spacing);
  const order = new Int32Array(nodes);
  sattoloOrder(order, nodes, seed);
  linkChaseRing(next, order, nodes, spacing, 0, nodes);
  return { next, start: order[0]! * spacing, nodes, bytes: next.byteLength };
}

/** Int32 slots between ring nodes: one node per cache line. */
export const chaseSpacing = (lineBytes = 64): number => Math.max(1, Math.floor(lineBytes / 4));

/** Nodes of a ring over `workingSetBytes`: one per whole cache line, at least one. */
export const chaseNodes = (workingSetBytes: number, lineBytes = 64): number =>
  Math.max(1, Math.floor(workingSetBytes / (chaseSpacing(lineBytes) * 4)));

/**
 * Fills order[0 .. nodes) with the visiting order of a uniformly random
 * permutation that is a single cycle (Sattolo's algorithm), from `seed`.
 */
export function sattoloOrder(order: Int32Array, nodes: number, seed: number): void {
  for (let i = 0; i < nodes; i++) order[i] = i;
  const rng = createRng(seed, 2);
  for (let i = nodes - 1; i > 0; i--) {
    const j = rng.nextInt(i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/**
 * Links the ring along `order` for positions [from, to): node order[i] points
 * to order[i + 1] (the last back to the first). In ranges, so a caller can
 * link a large ring in pieces; the whole ring is linked once [0, nodes) is.
 */
export function linkChaseRing(
  next: Int32Array,
  order: Int32Array,
  nodes: number,
  spacing: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    next[order[i]! * spacing] = order[i + 1 < nodes ? i + 1 : 0]! * spacing;
  }
}

/** Follows `steps` hops from `start`; returns where it ended (so the loads count). */
export function pointerChase(next: Int32Array, start: number, steps: number): number {
  let p = start;
  for (let s = 0; s < steps; s++) p = next[p]!;
  return p;
}
