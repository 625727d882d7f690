/**
 * The memory mountain: read bandwidth against working-set size and stride.
 *
 * One array of the largest size is filled once; each point reads a prefix of
 * it (the working set) over and over, every `stride`-th element, and counts
 * the bytes it used. While the prefix fits a cache level, repeated reads hit
 * that level; past it, they come from the next. Strides past a cache line
 * (8 elements of 8 bytes) use one element per 64-byte line fetched, so their
 * bandwidth in useful bytes falls, and what is left is how fast each level
 * hands out lines: the cliffs show most clearly there.
 *
 * Every element is a small integer, so every sum is exact in double precision
 * and is checked for equality against its reference twin (which also keeps
 * the JIT from skipping the reads: the sum is used).
 */
import { memoryBytes, stridedSum, sumSequential } from '../kernels/memory';
import { createRng } from '../kernels/prng';
import { referenceStridedSum } from '../kernels/reference';
import type { SimdKernels } from '../kernels/wasm';
import { findCacheLevels, type CacheLevel } from './cache-levels';
import type { Clock } from './clock';
import { measureSteps, type MeasureOutcome, type MeasureStep } from './measure';

export const ELEMENT_BYTES = 8;
export const LINE_BYTES = 64;
const KB = 1024;
const MB = 1024 * KB;

/** Memory the WebAssembly module holds beside an arena: 4 MB staging, 1.2 MB GEMM packing, static data. */
export const WASM_OVERHEAD_BYTES = 6 * MB;

export type MountainKernel = 'js' | 'simd';

export interface MountainParams {
  /** Smallest and largest working set, in bytes (4 KB and 64 MB by default). */
  minBytes: number;
  maxBytes: number;
  /** Working-set sizes per doubling, spaced evenly on a log scale. */
  pointsPerOctave: number;
  /** Strides of the JavaScript read, in 8-byte elements (1 = every element). */
  strides: readonly number[];
  /** Also read stride 1 with WebAssembly SIMD (16-byte loads) when the module is loaded. */
  simd: boolean;
  /** Timed batches per point (each in its own unit); the median is reported. */
  batches: number;
  /** Seed of the array's contents. */
  seed: number;
}

export const MOUNTAIN_FULL: MountainParams = {
  minBytes: 4 * KB,
  maxBytes: 64 * MB,
  pointsPerOctave: 2,
  strides: [1, 2, 4, 8, 16, 32],
  simd: true,
  batches: 3,
  seed: 1,
};

/** A few seconds on a laptop: one size per doubling, stride 1 and one element per cache line. */
export const MOUNTAIN_QUICK: MountainParams = {
  ...MOUNTAIN_FULL,
  pointsPerOctave: 1,
  strides: [1, 8],
};

export interface MountainPoint {
  kernel: MountainKernel;
  /** Working set, bytes. */
  bytes: number;
  /** In elements of 8 bytes. */
  stride: number;
  /** Useful bytes (elements read × 8) per nanosecond = GB/s. */
  gbps: number;
  /** Cache-line traffic per nanosecond: a stride under a line still costs the line. */
  lineGbps: number;
  /** Nanoseconds per element read. */
  nsPerAccess: number;
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  spread: number;
  noisy: boolean;
  reps: number;
  /** The sum matched its reference exactly, every batch. */
  verified: boolean;
}

export interface MountainSeriesLevels {
  kernel: MountainKernel;
  stride: number;
  levels: CacheLevel[];
}

export interface LevelBandwidth {
  name: CacheLevel['name'];
  lastLevel: boolean;
  fromBytes: number;
  toBytes: number;
  edgeBytes: number | null;
  /** Median GB/s of the headline read on the level's sizes (NaN when it has none there). */
  gbps: number;
}

export interface MountainResult {
  params: MountainParams;
  points: MountainPoint[];
  /** Cache levels of the series that shows the most of them (ties: the smaller stride, SIMD first). */
  levels: CacheLevel[];
  levelSeries: { kernel: MountainKernel; stride: number };
  /** Levels found in every series, for a chart that wants them all. */
  levelsBySeries: MountainSeriesLevels[];
  /**
   * Each level found, with the headline read's bandwidth on its sizes (the
   * fastest stride-1 series: SIMD when measured): L1, L2, …, DRAM as this
   * machine showed them.
   */
  bandwidths: LevelBandwidth[];
  /** The series the headline figures come from. */
  headline: MountainKernel;
  /** The fastest stride-1 read (SIMD if measured) on the first and the last level. */
  l1Gbps: number;
  dramGbps: number;
  /** l1Gbps / dramGbps. */
  l1ToDram: number;
  /**
   * JS stride 1 over JS stride 8 (one element per 64-byte line) on the last
   * level's sizes, in useful GB/s: what reading one value per line costs.
   * NaN when stride 8 was not measured.
   */
  strideCost: number;
  /** Capacity of the last-level cache as the data shows it (its edge), or null when none was found. */
  llcBytes: number | null;
  /** Any point flagged noisy. */
  noisy: boolean;
  verified: boolean;
  notes: string[];
}

/** What the mountain's steps need: the clock, and the WebAssembly kernels (or null). */
export interface MountainRunContext {
  clock: Clock;
  /** The clock's step in ms (from `calibrateResolution`). */
  resolutionMs: number;
  simd: SimdKernels | null;
  /** Test builds: falsify one element after the first size is timed, so its sums fail their check. */
  corrupt?: boolean;
}

/**
 * One finished piece of the mountain: preparing the array, a step of one
 * size's measurement (measure.ts), or a finished size with its points.
 */
export type MountainStep =
  | { phase: 'prepare'; done: number; total: number }
  | MeasureStep
  | { phase: 'size'; done: number; total: number; points: MountainPoint[] };

/** Working-set sizes from min to max, log-spaced, each a whole number of cache lines. */
export function workingSetSizes(minBytes: number, maxBytes: number, perOctave: number): number[] {
  const sizes: number[] = [];
  const steps = Math.floor(Math.log2(maxBytes / minBytes) * perOctave + 1e-9);
  for (let k = 0; k <= steps; k++) {
    const bytes = Math.max(
      LINE_BYTES,
      Math.round((minBytes * 2 ** (k / perOctave)) / LINE_BYTES) * LINE_BYTES,
    );
    if (sizes.at(-1) !== bytes) sizes.push(bytes);
  }
  return sizes;
}

/**
 * Bytes the mountain allocates: the one array (in the WebAssembly module's
 * memory when SIMD reads it, with the module's own overhead beside it:
 * `simdOverheadBytes`, the kernels' `overheadBytes`), and the small per-size
 * bookkeeping (references, samples, points).
 */
export function mountainBytes(
  p: MountainParams,
  simdOverheadBytes: number = WASM_OVERHEAD_BYTES,
): number {
  const largest = workingSetSizes(p.minBytes, p.maxBytes, p.pointsPerOctave).at(-1) ?? 0;
  return largest + (p.simd ? simdOverheadBytes : 0) + 2 ** 16;
}

/** Passes per SIMD call: at least 64 KB read per call, so the call's own cost stays out of small sizes. */
export const simdPasses = (bytes: number): number => Math.max(1, Math.ceil((64 * KB) / bytes));

/** Elements filled per step: 1 M elements (8 MB) take a few ms to tens of ms. */
const FILL_CHUNK = 1 << 20;

/** The series of a run, in the order they are measured and drawn: SIMD stride 1 first. */
export function mountainSeries(
  params: MountainParams,
  simd: boolean,
): { kernel: MountainKernel; stride: number }[] {
  return [
    ...(simd ? [{ kernel: 'simd' as const, stride: 1 }] : []),
    ...params.strides.map((stride) => ({ kernel: 'js' as const, stride })),
  ];
}

/**
 * Measures read bandwidth at every (size, stride), one short step at a time
 * (a worker runs each `next()` as one unit of work; `drain` runs it straight
 * through). Sizes go from small to large, every series at a size timed
 * alternately (measure.ts) before the next size, so the chart grows from the
 * left; each finished size is a `size` step carrying its points.
 */
export function* mountainSteps(
  params: MountainParams,
  ctx: MountainRunContext,
): Generator<MountainStep, MountainResult> {
  const notes: string[] = [];
  const sizes = workingSetSizes(params.minBytes, params.maxBytes, params.pointsPerOctave);
  const n = sizes.at(-1)! / ELEMENT_BYTES;
  const simd = params.simd ? ctx.simd : null;
  if (params.simd && !simd) {
    notes.push('WebAssembly SIMD is not available here: only the JavaScript reads were measured.');
  }
  const series = mountainSeries(params, simd !== null);
  const fills = Math.ceil(n / FILL_CHUNK);
  const prepare = 1 + fills + series.length;
  let prepared = 0;

  // The SIMD read wants the array inside the module's memory; the JS reads see it there too.
  const place = (): Float64Array =>
    simd
      ? (simd.arena(simd.arenaBytes(n * ELEMENT_BYTES)).vector('f64', n) as Float64Array)
      : new Float64Array(n);
  let data = place();
  yield { phase: 'prepare', done: ++prepared, total: prepare };
  const rng = createRng(params.seed, 3);
  for (let from = 0; from < n; from += FILL_CHUNK) {
    const to = Math.min(n, from + FILL_CHUNK);
    for (let i = from; i < to; i++) data[i] = rng.nextUint32() & 255;
    yield { phase: 'prepare', done: ++prepared, total: prepare };
  }

  /**
   * Another job in this worker may have given the module a fresh memory
   * between two steps; then the array is no longer resident, and every SIMD
   * call would copy it in (and time the copy). Move it back first.
   */
  let moved = 0;
  const resident = (): void => {
    if (!simd || data.buffer === simd.memory.buffer) return;
    const old = data;
    data = place();
    data.set(old);
    moved++;
  };

  const kernelOf = (kernel: MountainKernel, stride: number): ((a: Float64Array) => number) =>
    kernel === 'simd'
      ? (a) => simd!.sumSimd(a, simdPasses(a.byteLength))
      : stride === 1
        ? sumSequential
        : (a) => stridedSum(a, stride);

  // Let the JIT (and WebAssembly's optimising tier) compile every kernel
  // before anything is timed: 30 ms each, one step per kernel.
  for (const s of series) {
    resident();
    const f = kernelOf(s.kernel, s.stride);
    const warm = data.subarray(0, 2048);
    const t0 = ctx.clock.now();
    for (let r = 0; r < 3 || ctx.clock.now() - t0 < 30; r++) f(warm);
    yield { phase: 'prepare', done: ++prepared, total: prepare };
  }

  const points: MountainPoint[] = [];
  for (const [index, bytes] of sizes.entries()) {
    const length = bytes / ELEMENT_BYTES;
    let view = data.subarray(0, length);
    const expected = series.map(
      (s) => referenceStridedSum(view, s.stride) * (s.kernel === 'simd' ? simdPasses(bytes) : 1),
    );
    const ok = series.map(() => true);
    const fs = series.map((s) => kernelOf(s.kernel, s.stride));
    // Every call's sum is checked (one comparison, far cheaper than the read).
    const kernels = fs.map((f, i) => () => {
      if (f(view) !== expected[i]) ok[i] = false;
    });
    const steps = measureSteps(kernels, {
      clock: ctx.clock,
      resolutionMs: ctx.resolutionMs,
      batches: params.batches,
      warmupMs: 0,
    });
    let outcome: MeasureOutcome;
    for (;;) {
      resident();
      view = data.subarray(0, length);
      const next = steps.next();
      if (next.done) {
        outcome = next.value;
        break;
      }
      yield next.value;
    }
    if (ctx.corrupt && index === 0) {
      // The fault hook: one wrong element, then every kernel reads it once more, checked.
      data[0] = data[0]! + 1;
      kernels.forEach((k) => k());
      data[0] = data[0]! - 1;
    }
    const made = series.map((s, i): MountainPoint => {
      const m = outcome.runs[i]!;
      const passes = s.kernel === 'simd' ? simdPasses(bytes) : 1;
      const touched = Math.ceil(length / s.stride) * passes;
      return {
        kernel: s.kernel,
        bytes,
        stride: s.stride,
        gbps: (touched * ELEMENT_BYTES) / (m.medianMs * 1e6),
        lineGbps:
          (memoryBytes.stridedSum(view, s.stride, LINE_BYTES) * passes) / (m.medianMs * 1e6),
        nsPerAccess: (m.medianMs * 1e6) / touched,
        medianMs: m.medianMs,
        q1Ms: m.q1Ms,
        q3Ms: m.q3Ms,
        spread: m.spread,
        noisy: m.noisy,
        reps: m.reps,
        verified: ok[i]!,
      };
    });
    points.push(...made);
    yield { phase: 'size', done: index + 1, total: sizes.length, points: made };
  }
  if (moved > 0) {
    notes.push(
      'Another measurement on this page used the WebAssembly memory in between, so the array was moved back into it before timing resumed.',
    );
  }
  return summarizeMountain(params, points, notes);
}

/** Levels and headline figures from the points (pure: a chart can recompute it from stored points). */
export function summarizeMountain(
  params: MountainParams,
  points: readonly MountainPoint[],
  notes: string[] = [],
): MountainResult {
  const keys = [
    ...new Map(points.map((p) => [`${p.kernel}:${p.stride}`, p] as const)).values(),
  ].map((p) => ({ kernel: p.kernel, stride: p.stride }));
  const levelsBySeries = keys.map((k) => ({
    ...k,
    levels: findCacheLevels(
      points
        .filter((p) => p.kernel === k.kernel && p.stride === k.stride)
        .map((p) => ({ bytes: p.bytes, value: p.gbps })),
    ),
  }));
  // Most levels wins; among equals, SIMD before JS, then the smaller stride.
  const rank = (s: MountainSeriesLevels): number[] => [
    -s.levels.length,
    s.kernel === 'simd' ? 0 : 1,
    s.stride,
  ];
  const best = [...levelsBySeries].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return 0;
  })[0];
  const levels = best?.levels ?? [];

  // Headline bandwidths: the fastest stride-1 series, on the first and last level's sizes.
  const stride1 = points.filter((p) => p.stride === 1);
  const headline = stride1.some((p) => p.kernel === 'simd')
    ? stride1.filter((p) => p.kernel === 'simd')
    : stride1;
  const medianOn = (from: number, to: number): number => {
    const on = headline.filter((p) => p.bytes >= from && p.bytes <= to).map((p) => p.gbps);
    if (on.length === 0) return NaN;
    on.sort((a, b) => a - b);
    const m = on.length >> 1;
    return on.length % 2 ? on[m]! : (on[m - 1]! + on[m]!) / 2;
  };
  const smallest = headline[0]?.bytes ?? 0;
  const largest = headline.at(-1)?.bytes ?? 0;
  const cliffs = levels.length > 1;
  const first = levels[0]!;
  const last = levels.at(-1)!;
  const l1Gbps = cliffs ? medianOn(first.fromBytes, first.toBytes) : medianOn(smallest, smallest);
  const dramGbps = cliffs ? medianOn(last.fromBytes, last.toBytes) : medianOn(largest, largest);
  const bandwidths = levels.map((l): LevelBandwidth => ({
    name: l.name,
    lastLevel: l.lastLevel,
    fromBytes: l.fromBytes,
    toBytes: l.toBytes,
    edgeBytes: l.edgeBytes,
    gbps: medianOn(l.fromBytes, l.toBytes),
  }));
  if (levels.length < 2) {
    notes.push(
      'No cliff stood out of the noise: the figures for the first and last level are the smallest and largest working sets.',
    );
  }
  const onLast = (kernel: MountainKernel, stride: number): number => {
    const from = cliffs ? last.fromBytes : largest;
    const xs = points
      .filter((p) => p.kernel === kernel && p.stride === stride && p.bytes >= from)
      .map((p) => p.gbps)
      .sort((a, b) => a - b);
    if (xs.length === 0) return NaN;
    const m = xs.length >> 1;
    return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
  };
  return {
    params,
    points: [...points],
    levels,
    levelSeries: best ? { kernel: best.kernel, stride: best.stride } : { kernel: 'js', stride: 1 },
    levelsBySeries,
    bandwidths,
    headline: headline[0]?.kernel ?? 'js',
    l1Gbps,
    dramGbps,
    l1ToDram: l1Gbps / dramGbps,
    strideCost: onLast('js', 1) / onLast('js', 8),
    llcBytes: levels.find((l) => l.lastLevel)?.edgeBytes ?? null,
    noisy: points.some((p) => p.noisy),
    verified: points.length > 0 && points.every((p) => p.verified),
    notes,
  };
}
