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
import type { Clock } from './clock';
import { measureSteps, type Measurement, type MeasureOutcome, type MeasureStep } from './measure';
import { LINE_BYTES, workingSetSizes } from './mountain';
import type { Summary } from './stats';

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

/** What the latency steps need. */
export interface LatencyRunContext {
  clock: Clock;
  /** The clock's step in ms (from `calibrateResolution`). */
  resolutionMs: number;
  /** Test builds: break one link after the first size is timed, so its chase fails its check. */
  corrupt?: boolean;
}

/** One finished piece: preparing a ring, a step of its measurement, or a finished size. */
export type LatencyStep =
  | { phase: 'prepare'; done: number; total: number }
  | MeasureStep
  | { phase: 'size'; done: number; total: number; point: LatencyPoint };

/** Bytes the job allocates: the ring at the largest size, and the visiting order (4 bytes per line). */
export function latencyBytes(p: LatencyParams): number {
  const largest = workingSetSizes(p.minBytes, p.maxBytes, p.pointsPerOctave).at(-1) ?? 0;
  return largest + chaseNodes(largest, LINE_BYTES) * 4 + 2 ** 16;
}

/** Ring nodes linked per step, and reference hops per step: tens of ms at DRAM latency. */
const LINK_CHUNK = 1 << 18;
const REFERENCE_CHUNK = 1 << 18;

/**
 * Measures both ways of reading at every size, one short step at a time (a
 * worker runs each `next()` as one unit; `drain` runs it straight through).
 * At each size the in-order read and the chase are timed alternately
 * (measure.ts), so a busy moment lands on both.
 */
export function* latencySteps(
  params: LatencyParams,
  ctx: LatencyRunContext,
): Generator<LatencyStep, LatencyResult> {
  const sizes = workingSetSizes(params.minBytes, params.maxBytes, params.pointsPerOctave);
  const spacing = chaseSpacing(LINE_BYTES);
  const largest = sizes.at(-1)!;
  const next = new Int32Array(chaseNodes(largest, LINE_BYTES) * spacing);
  const order = new Int32Array(chaseNodes(largest, LINE_BYTES));

  // Let the JIT compile both kernels before anything is timed.
  {
    const warm = next.subarray(0, 64 * spacing);
    sattoloOrder(order, 64, params.seed);
    linkChaseRing(warm, order, 64, spacing, 0, 64);
    const t0 = ctx.clock.now();
    for (let r = 0; r < 3 || ctx.clock.now() - t0 < 30; r++) {
      stridedSumInt32(warm, spacing);
      pointerChase(warm, 0, 256);
    }
    yield { phase: 'prepare', done: 1, total: 1 };
  }

  const points: LatencyPoint[] = [];
  for (const [index, bytes] of sizes.entries()) {
    const nodes = chaseNodes(bytes, LINE_BYTES);
    const ring = next.subarray(0, nodes * spacing);
    const links = Math.ceil(nodes / LINK_CHUNK);
    sattoloOrder(order, nodes, params.seed + bytes);
    yield { phase: 'prepare', done: 1, total: 1 + links };
    for (let from = 0, k = 0; from < nodes; from += LINK_CHUNK) {
      linkChaseRing(ring, order, nodes, spacing, from, Math.min(nodes, from + LINK_CHUNK));
      yield { phase: 'prepare', done: 2 + k++, total: 1 + links };
    }

    // In order: the same lines, independent loads; every sum checked against
    // the closed form (each node appears once as a successor).
    const closedForm = (spacing * nodes * (nodes - 1)) / 2;
    let inOrderOk = referenceStridedSum(ring, spacing) === closedForm;
    const inOrder = (): void => {
      if (stridedSumInt32(ring, spacing) !== closedForm) inOrderOk = false;
    };
    // Chase: each call continues from where the last stopped, so over a run
    // the whole ring is walked, not just its first few thousand lines.
    const start = order[0]! * spacing;
    let p = start;
    let hops = 0;
    const chase = (): void => {
      p = pointerChase(ring, p, params.hopsPerCall);
      hops += params.hopsPerCall;
    };
    const outcome: MeasureOutcome = yield* measureSteps([inOrder, chase], {
      clock: ctx.clock,
      resolutionMs: ctx.resolutionMs,
      batches: params.batches,
      warmupMs: 0,
    });
    if (ctx.corrupt && index === 0) {
      // The fault hook: a link that skips a node, so the reference walk below ends elsewhere.
      ring[start] = ring[ring[start]!]!;
      inOrder();
    }

    // The ring is one cycle of `nodes` hops, so `hops` hops end where `hops mod nodes` do.
    let q = start;
    const remaining = hops % nodes;
    for (let done = 0; done < remaining; done += REFERENCE_CHUNK) {
      q = referenceChase(ring, q, Math.min(REFERENCE_CHUNK, remaining - done));
      if (done + REFERENCE_CHUNK < remaining) yield { phase: 'prepare', done: 1, total: 1 };
    }

    const series = (m: Measurement, perCall: number): LatencySeries => ({
      medianMs: m.medianMs,
      q1Ms: m.q1Ms,
      q3Ms: m.q3Ms,
      spread: m.spread,
      ns: (m.medianMs * 1e6) / perCall,
      noisy: m.noisy,
      reps: m.reps,
    });
    const a = series(outcome.runs[0]!, nodes);
    const b = series(outcome.runs[1]!, params.hopsPerCall);
    const point: LatencyPoint = {
      bytes,
      lines: nodes,
      inOrder: a,
      chase: b,
      ratio: b.ns / a.ns,
      verified: inOrderOk && q === p,
    };
    points.push(point);
    yield { phase: 'size', done: index + 1, total: sizes.length, point };
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
