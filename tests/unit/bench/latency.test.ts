import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/bench/clock';
import { directContext } from '../../../src/bench/context';
import {
  LATENCY_FULL,
  LATENCY_QUICK,
  latencyBytes,
  measureLatency,
  summarizeLatency,
  type LatencyPoint,
  type LatencySeries,
} from '../../../src/bench/latency';
import { workingSetSizes } from '../../../src/bench/mountain';

const KB = 1024;
const MB = 1024 * KB;

/** 10 ms per clock read: one call per batch (plumbing and verification, never speed). */
const ticking = (): Clock => {
  let t = 0;
  return { now: () => (t += 10) };
};

describe('latencyBytes(params)', () => {
  it('counts the ring at the largest size and 4 bytes of visiting order per line', () => {
    expect(latencyBytes(LATENCY_FULL)).toBe(64 * MB + (64 * MB) / 16);
    expect(latencyBytes(LATENCY_QUICK)).toBeLessThanOrEqual(256 * MB);
  });
});

describe('measureLatency(params, ctx)', () => {
  it('times the same lines in order and chased, at every size, and verifies both', async () => {
    const seen: LatencyPoint[] = [];
    let units = 0;
    const base = directContext<LatencyPoint>(ticking(), 0.001, (_d, _t, p) => seen.push(p));
    const ctx = {
      ...base,
      unit: <T>(work: () => T): Promise<T> => (units++, base.unit(work)),
    };
    const params = {
      ...LATENCY_QUICK,
      minBytes: 4 * KB,
      maxBytes: 256 * KB,
      hopsPerCall: 500,
      batches: 2,
    };
    const r = await measureLatency(params, ctx);
    const sizes = workingSetSizes(params.minBytes, params.maxBytes, params.pointsPerOctave);
    expect(r.points.map((p) => p.bytes)).toEqual(sizes);
    expect(seen).toEqual(r.points);
    expect(r.verified).toBe(true);
    for (const p of r.points) {
      expect(p.lines).toBe(p.bytes / 64);
      expect(p.inOrder.ns).toBeGreaterThan(0);
      expect(p.ratio).toBeCloseTo(p.chase.ns / p.inOrder.ns, 10);
    }
    // Allocation and warm-up; then per size: order, link, 2 in-order batches and their
    // reference, 2 chase batches and the reference chase (hops here are never a whole
    // number of laps, so it always takes a unit).
    expect(units).toBe(2 + sizes.length * 8);
  });
});

describe('summarizeLatency(params, points)', () => {
  const series = (ns: number): LatencySeries => ({
    ns,
    medianMs: ns,
    q1Ms: ns,
    q3Ms: ns,
    spread: 0,
    noisy: false,
    reps: 1,
  });

  it('finds the levels in the chase curve and reports L1 and DRAM latency and the DRAM ratio', () => {
    const sizes = workingSetSizes(4 * KB, 64 * MB, 2);
    const chase = (b: number): number =>
      b <= 32 * KB ? 1.5 : b <= 1 * MB ? 4.5 : b <= 8 * MB ? 15 : 150;
    const points = sizes.map((bytes): LatencyPoint => ({
      bytes,
      lines: bytes / 64,
      inOrder: series(bytes > 8 * MB ? 3 : 0.8),
      chase: series(chase(bytes)),
      ratio: chase(bytes) / (bytes > 8 * MB ? 3 : 0.8),
      verified: true,
    }));
    const r = summarizeLatency(LATENCY_FULL, points);
    expect(r.levels.map((l) => l.name)).toEqual(['L1', 'L2', 'L3', 'DRAM']);
    expect(r.l1Ns).toBe(1.5);
    expect(r.dramNs).toBe(150);
    expect(r.dramInOrderNs).toBe(3);
    expect(r.dramRatio).toBe(50);
    expect(Math.abs(Math.log2(r.llcBytes! / (8 * MB)))).toBeLessThan(0.5);
    expect(r.verified).toBe(true);
  });
});
