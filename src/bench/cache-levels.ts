/**
 * Cache levels read off a measured curve, not looked up: the plateaus and
 * cliffs of bandwidth (or latency) against working-set size.
 *
 * The curve is cut into segments of nearly constant log value by optimal
 * partitioning: minimise Σ |y − segment median| + λ per segment. The absolute
 * (not squared) error keeps one wild point from buying a segment of its own,
 * and λ scales with the noise estimated from the data, so a noisy curve needs
 * a bigger step before it counts as a cliff. Segments that go the wrong way
 * (faster at a larger size) are merged with their neighbour. A segment between
 * two others that spans less than a doubling of size is the cliff itself, not
 * a level. Levels are named by order: the first L1, the last DRAM, and the one
 * before DRAM is the last-level cache. Two levels read as "caches" and DRAM:
 * a bandwidth curve often cannot tell L1 from L2 from L3, a latency curve can.
 *
 * This assumes the range starts inside L1 and ends beyond the last-level cache
 * (4 KB to 64 MB does on most machines); it cannot tell a level that lies
 * outside the range.
 */

export interface CurvePoint {
  /** Working-set size in bytes. */
  bytes: number;
  /** Bandwidth (GB/s) or latency (ns): see `CacheLevelOptions.kind`. */
  value: number;
}

export type CacheLevelName = 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'caches' | 'DRAM' | 'all';

export interface CacheLevel {
  /**
   * By order: L1, L2, …, DRAM. With two levels the first is `caches` (the
   * curve could not tell the cache levels apart); with one, `all` (no cliff).
   */
  name: CacheLevelName;
  /** The last cache before DRAM (the last-level cache). */
  lastLevel: boolean;
  /** Smallest and largest working set on the plateau. */
  fromBytes: number;
  toBytes: number;
  points: number;
  /** Median value on the plateau (GB/s or ns, as the input). */
  value: number;
  /**
   * Where the curve crosses halfway (in log value) to the next level: the
   * capacity this level shows in the data. Null for the last level.
   */
  edgeBytes: number | null;
}

export interface CacheLevelOptions {
  /** `bandwidth`: larger is faster (default). `latency`: smaller is faster. */
  kind?: 'bandwidth' | 'latency';
  /** Smallest step between levels that counts, as a ratio (default 1.2: 20 %). */
  minStep?: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Σ |y − median| over y[i..j]: the cost of one segment. */
const l1Cost = (y: readonly number[], i: number, j: number): number => {
  const part = y.slice(i, j + 1);
  const m = median(part);
  return part.reduce((s, v) => s + Math.abs(v - m), 0);
};

/**
 * Noise of a curve from its first differences: the median absolute difference
 * (MAD) ignores the few large steps at cliffs, and √2 undoes the differencing.
 */
export function curveNoise(y: readonly number[]): number {
  if (y.length < 3) return 0;
  const d: number[] = [];
  for (let i = 1; i < y.length; i++) d.push(Math.abs(y[i]! - y[i - 1]!));
  return (1.4826 * median(d)) / Math.SQRT2;
}

/** Optimal partitioning of y into segments: start indices of each segment. */
function segment(y: readonly number[], penalty: number): number[] {
  const n = y.length;
  const best = new Float64Array(n + 1);
  const from = new Int32Array(n + 1);
  best[0] = -penalty;
  for (let j = 1; j <= n; j++) {
    best[j] = Infinity;
    for (let i = 0; i < j; i++) {
      const c = best[i]! + penalty + l1Cost(y, i, j - 1);
      if (c < best[j]!) {
        best[j] = c;
        from[j] = i;
      }
    }
  }
  const starts: number[] = [];
  for (let j = n; j > 0; j = from[j]!) starts.unshift(from[j]!);
  return starts;
}

interface Segment {
  start: number;
  end: number; // inclusive
  level: number; // median of y
}

export function findCacheLevels(
  points: readonly CurvePoint[],
  options: CacheLevelOptions = {},
): CacheLevel[] {
  const latency = options.kind === 'latency';
  const minStep = Math.log(options.minStep ?? 1.2);
  // One value per size (the median of repeats), sizes ascending, positive values only.
  const bySize = new Map<number, number[]>();
  for (const p of points) {
    if (!(p.value > 0) || !(p.bytes > 0)) continue;
    const list = bySize.get(p.bytes) ?? [];
    list.push(p.value);
    bySize.set(p.bytes, list);
  }
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  if (sizes.length === 0) return [];
  // y: log speed, so that a slower level is always lower.
  const y = sizes.map((s) => (latency ? -1 : 1) * Math.log(median(bySize.get(s)!)));
  const x = sizes.map(Math.log2);

  const noise = curveNoise(y);
  // A cliff must beat the noise (3σ) and the smallest step we care about, and
  // buy at least about two points' worth of fit.
  const penalty = 2 * Math.max(3 * noise, minStep);
  const starts = segment(y, penalty);
  let segs: Segment[] = starts.map((s, k) => {
    const end = (starts[k + 1] ?? y.length) - 1;
    return { start: s, end, level: median(y.slice(s, end + 1)) };
  });

  // Levels only get slower with size: merge any segment that is faster than
  // the one before it, or within the smallest step of it.
  for (let merged = true; merged && segs.length > 1;) {
    merged = false;
    for (let k = 1; k < segs.length; k++) {
      const a = segs[k - 1]!;
      const b = segs[k]!;
      if (b.level > a.level - minStep) {
        const start = a.start;
        const end = b.end;
        segs.splice(k - 1, 2, { start, end, level: median(y.slice(start, end + 1)) });
        merged = true;
        break;
      }
    }
  }

  // Between two levels, a segment spanning less than a doubling of size is
  // the cliff itself (real cache levels span several doublings). At the small
  // end a level needs two sizes; at the large end one will do, since the
  // range may stop just past the last-level cache.
  const last = segs.length - 1;
  segs = segs.filter((s, k) => {
    if (k === last) return true;
    if (k === 0) return s.end > s.start;
    return x[s.end]! - x[s.start]! >= 1 - 1e-9;
  });

  const unlog = (v: number): number => Math.exp((latency ? -1 : 1) * v);
  const levels = segs.map((s, k): CacheLevel => {
    const next = segs[k + 1];
    let edgeBytes: number | null = null;
    if (next) {
      // Walk from this plateau's last point to the next plateau's first, and
      // interpolate where y crosses the midpoint between the two levels.
      const mid = (s.level + next.level) / 2;
      for (let i = s.end; i < next.start; i++) {
        if (y[i]! >= mid && y[i + 1]! <= mid) {
          const t = y[i]! === y[i + 1]! ? 0.5 : (y[i]! - mid) / (y[i]! - y[i + 1]!);
          edgeBytes = 2 ** (x[i]! + t * (x[i + 1]! - x[i]!));
          break;
        }
      }
      edgeBytes ??= 2 ** ((x[s.end]! + x[next.start]!) / 2);
    }
    return {
      name: 'L1',
      lastLevel: false,
      fromBytes: sizes[s.start]!,
      toBytes: sizes[s.end]!,
      points: s.end - s.start + 1,
      value: unlog(s.level),
      edgeBytes,
    };
  });
  const names: CacheLevelName[] = ['L1', 'L2', 'L3', 'L4', 'L5'];
  levels.forEach((level, k) => {
    if (levels.length === 1) level.name = 'all';
    else if (levels.length === 2 && k === 0) level.name = 'caches';
    else if (k === levels.length - 1) level.name = 'DRAM';
    else level.name = names[Math.min(k, names.length - 1)]!;
    level.lastLevel = levels.length > 1 && k === levels.length - 2;
  });
  return levels;
}
