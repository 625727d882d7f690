import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/bench/clock';
import {
  LATENCY_FULL,
  LATENCY_QUICK,
  latencyBytes,
  latencySteps,
  summarizeLatency,
  type LatencyParams,
  type LatencyPoint,
  type LatencyResult,
  type LatencySeries,
  type LatencyStep,
} from '../../../src/bench/latency';
import { workingSetSizes } from '../../../src/bench/mountain';

const KB = 1024;
const MB = 1024 * KB;

/** 10 ms per clock read: one call per batch (plumbing and verification, never speed). */
const ticking = (): Clock => {
  let t = 0;
  return { now: () => (t += 10) };
};

function run(params: LatencyParams, corrupt = false) {
  const steps: LatencyStep[] = [];
  const gen = latencySteps(params, { clock: ticking(), resolutionMs: 0.001, corrupt });
  for (;;) {
    const next = gen.next();
    if (next.done) return { steps, result: next.value as LatencyResult };
    steps.push(next.value);
  }
}

const small: LatencyParams = {
  ...LATENCY_QUICK,
  minBytes: 4 * KB,
  maxBytes: 256 * KB,
  hopsPerCall: 500,
  batches: 2,
};

describe('latencyBytes(params)', () => {
  it('counts the ring at the largest size and 4 bytes of visiting order per line', () => {
    expect(latencyBytes(LATENCY_FULL)).toBe(64 * MB + (64 * MB) / 16 + 2 ** 16);
    expect(latencyBytes(LATENCY_QUICK)).toBeLessThanOrEqual(256 * MB);
  });
});

describe('latencySteps(params, ctx)', () => {
  it('times the same lines in order and chased, at every size, verifies both, one size step each', () => {
    const { steps, result: r } = run(small);
    const sizes = workingSetSizes(small.minBytes, small.maxBytes, small.pointsPerOctave);
    expect(r.points.map((p) => p.bytes)).toEqual(sizes);
    const bySize = steps.flatMap((s) => (s.phase === 'size' ? [s.point] : []));
    expect(bySize).toEqual(r.points);
    expect(r.verified).toBe(true);
    for (const p of r.points) {
      expect(p.lines).toBe(p.bytes / 64);
      expect(p.inOrder.ns).toBeGreaterThan(0);
      expect(p.ratio).toBeCloseTo(p.chase.ns / p.inOrder.ns, 10);
    }
  });

  it('with the corrupt fault, fails the first size and no other', () => {
    const { result } = run(small, true);
    expect(result.points[0]!.verified).toBe(false);
    expect(result.points.slice(1).every((p) => p.verified)).toBe(true);
    expect(result.verified).toBe(false);
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
