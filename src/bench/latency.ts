/**
 * Latency against bandwidth: the same cache lines read two ways at each
 * working-set size.
 *
 *   in order   one 4-byte slot per 64-byte line, addresses ascending: the loads
 *              are independent, so the core keeps many in flight and the
 *              prefetchers fetch ahead. Time per line is a bandwidth figure.
 *   chase      the lines linked in one random cycle; each load's address is
 *              the value of the previous load, so only one is ever in flight
 *              and no prefetcher can guess the next. Time per line is the
 *              latency of whichever level holds the working set.
 *
 * Both are checked: the in-order sum against its reference twin and against
 * the closed form 16 · nodes · (nodes − 1) / 2 (every node appears once as a
 * successor), the chase's final index against referenceChase.
 */
import {
  chaseNodes,
  chaseSpacing,
  linkChaseRing,
  pointerChase,
  sattoloOrder,
  stridedSumInt32,
} from '../kernels/memory';
import { referenceChase, referenceStridedSum } from '../kernels/reference';
import { findCacheLevels, type CacheLevel } from './cache-levels';
import type { MeasurementContext } from './context';
import { measure } from './measure';
import { LINE_BYTES, workingSetSizes } from './mountain';
import { summarize, type Summary } from './stats';

const KB = 1024;
const MB = 1024 * KB;

export interface LatencyParams {
  /** Smallest and largest working set, in bytes. */
  minBytes: number;
  maxBytes: number;
  /** Working-set sizes per doubling, log-spaced. */
  pointsPerOctave: number;
  /** Hops per timed chase call; each call continues where the last one stopped. */
  hopsPerCall: number;
  /** Timed batches per series and size (each in its own unit). */
  batches: number;
  seed: number;
}

export const LATENCY_FULL: LatencyParams = {
  minBytes: 4 * KB,
  maxBytes: 64 * MB,
  pointsPerOctave: 2,
  hopsPerCall: 1 << 14,
  batches: 3,
  seed: 1,
};

export const LATENCY_QUICK: LatencyParams = { ...LATENCY_FULL, pointsPerOctave: 1 };

export interface LatencySeries extends Summary {
  /** Nanoseconds per line read. */
  ns: number;
  noisy: boolean;
  reps: number;
}

export interface LatencyPoint {
  bytes: number;
  /** Cache lines in the working set (= ring nodes). */
  lines: number;
  inOrder: LatencySeries;
  chase: LatencySeries;
  /** chase.ns / inOrder.ns: how much waiting for each address costs. */
  ratio: number;
  verified: boolean;
}

export interface LatencyResult {
  params: LatencyParams;
  points: LatencyPoint[];
  /** Levels found in the chase curve (latency: they are usually clearest here). */
  levels: CacheLevel[];
  /** Chase latency on the first level (L1) and on the last (DRAM), ns. */
  l1Ns: number;
  dramNs: number;
  /** In-order ns per line on the last level, and chase / in-order there. */
  dramInOrderNs: number;
  dramRatio: number;
  /** Capacity of the last-level cache as the chase shows it (its edge), or null when none was found. */
  llcBytes: number | null;
  noisy: boolean;
  verified: boolean;
  notes: string[];
}

export type LatencyContext = MeasurementContext<LatencyPoint>;

/** Bytes the job allocates: the ring at the largest size, and the visiting order (4 bytes per line). */
export function latencyBytes(p: LatencyParams): number {
  const largest = workingSetSizes(p.minBytes, p.maxBytes, p.pointsPerOctave).at(-1) ?? 0;
  return largest + chaseNodes(largest, LINE_BYTES) * 4;
}

/** Ring nodes linked per unit, and reference hops per unit: tens of ms at DRAM latency. */
const LINK_CHUNK = 1 << 18;
const REFERENCE_CHUNK = 1 << 18;

export async function measureLatency(
  params: LatencyParams,
  ctx: LatencyContext,
): Promise<LatencyResult> {
  const sizes = workingSetSizes(params.minBytes, params.maxBytes, params.pointsPerOctave);
  const spacing = chaseSpacing(LINE_BYTES);
  const largest = sizes.at(-1)!;
  const { next, order } = await ctx.unit(() => ({
    next: new Int32Array(chaseNodes(largest, LINE_BYTES) * spacing),
    order: new Int32Array(chaseNodes(largest, LINE_BYTES)),
  }));
  const timing = { clock: ctx.clock, resolutionMs: ctx.resolutionMs, batches: 1, warmupMs: 0 };

  // Let the JIT compile both kernels before anything is timed.
  await ctx.unit(() => {
    const warm = next.subarray(0, 64 * spacing);
    sattoloOrder(order, 64, params.seed);
    linkChaseRing(warm, order, 64, spacing, 0, 64);
    const t0 = ctx.clock.now();
    for (let r = 0; r < 3 || ctx.clock.now() - t0 < 30; r++) {
      stridedSumInt32(warm, spacing);
      pointerChase(warm, 0, 256);
    }
  });

  const points: LatencyPoint[] = [];
  for (const bytes of sizes) {
    const nodes = chaseNodes(bytes, LINE_BYTES);
    const ring = next.subarray(0, nodes * spacing);
    await ctx.unit(() => sattoloOrder(order, nodes, params.seed + bytes));
    for (let from = 0; from < nodes; from += LINK_CHUNK) {
      await ctx.unit(() =>
        linkChaseRing(ring, order, nodes, spacing, from, Math.min(nodes, from + LINK_CHUNK)),
      );
    }
    let verified = true;

    // In order: the same lines, independent loads.
    const closedForm = (spacing * nodes * (nodes - 1)) / 2;
    let sum = NaN;
    const inOrderSamples: number[] = [];
    let inOrderReps = 0;
    for (let b = 0; b < params.batches; b++) {
      await ctx.unit(() => {
        const m = measure(() => {
          sum = stridedSumInt32(ring, spacing);
        }, timing);
        inOrderSamples.push(m.medianMs);
        inOrderReps = Math.max(inOrderReps, m.reps);
        if (sum !== closedForm) verified = false;
      });
    }
    await ctx.unit(() => {
      if (referenceStridedSum(ring, spacing) !== closedForm) verified = false;
    });

    // Chase: each call continues from where the last stopped, so over a run
    // the whole ring is walked, not just its first few thousand lines.
    const start = order[0]! * spacing;
    let p = start;
    let hops = 0;
    const chaseSamples: number[] = [];
    let chaseReps = 0;
    for (let b = 0; b < params.batches; b++) {
      await ctx.unit(() => {
        const m = measure(() => {
          p = pointerChase(ring, p, params.hopsPerCall);
          hops += params.hopsPerCall;
        }, timing);
        chaseSamples.push(m.medianMs);
        chaseReps = Math.max(chaseReps, m.reps);
      });
    }
    // The ring is one cycle of `nodes` hops, so `hops` hops end where `hops mod nodes` do.
    let q = start;
    const remaining = hops % nodes;
    for (let done = 0; done < remaining; done += REFERENCE_CHUNK) {
      await ctx.unit(() => {
        q = referenceChase(ring, q, Math.min(REFERENCE_CHUNK, remaining - done));
      });
    }
    if (q !== p) verified = false;

    const series = (samples: number[], perCall: number, reps: number): LatencySeries => {
      const s = summarize(samples);
      return { ...s, ns: (s.medianMs * 1e6) / perCall, noisy: s.spread > 0.1, reps };
    };
    const inOrder = series(inOrderSamples, nodes, inOrderReps);
    const chase = series(chaseSamples, params.hopsPerCall, chaseReps);
    const point: LatencyPoint = {
      bytes,
      lines: nodes,
      inOrder,
      chase,
      ratio: chase.ns / inOrder.ns,
      verified,
    };
    points.push(point);
    ctx.progress(points.length, sizes.length, point);
  }
  return summarizeLatency(params, points);
}

/** Levels and headline figures from the points (pure). */
export function summarizeLatency(
  params: LatencyParams,
  points: readonly LatencyPoint[],
  notes: string[] = [],
): LatencyResult {
  const levels = findCacheLevels(
    points.map((p) => ({ bytes: p.bytes, value: p.chase.ns })),
    { kind: 'latency' },
  );
  const on = (level: CacheLevel | undefined, pick: (p: LatencyPoint) => number): number => {
    const xs = points
      .filter((p) => level && p.bytes >= level.fromBytes && p.bytes <= level.toBytes)
      .map(pick)
      .sort((a, b) => a - b);
    if (xs.length === 0) return NaN;
    const m = xs.length >> 1;
    return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
  };
  const first = levels[0];
  const last = levels.length > 1 ? levels.at(-1) : undefined;
  const lastPoint = points.at(-1);
  if (levels.length < 2) {
    notes.push(
      'No latency cliff stood out of the noise: the DRAM figures are those of the largest working set.',
    );
  }
  const dramNs = last ? on(last, (p) => p.chase.ns) : (lastPoint?.chase.ns ?? NaN);
  const dramInOrderNs = last ? on(last, (p) => p.inOrder.ns) : (lastPoint?.inOrder.ns ?? NaN);
  return {
    params,
    points: [...points],
    levels,
    l1Ns: first ? on(first, (p) => p.chase.ns) : NaN,
    dramNs,
    dramInOrderNs,
    dramRatio: dramNs / dramInOrderNs,
    llcBytes: levels.find((l) => l.lastLevel)?.edgeBytes ?? null,
    noisy: points.some((p) => p.inOrder.noisy || p.chase.noisy),
    verified: points.length > 0 && points.every((p) => p.verified),
    notes,
  };
}
