import { describe, expect, it } from 'vitest';
import { calibrateResolution, systemClock } from '../../../src/bench/clock';
import {
  combineLadders,
  LADDER_MAX_N,
  ladderBytes,
  ladderShape,
  measureLadder,
  RUNG_IDS,
  type LadderContext,
  type PythonKernel,
  type PythonLadderRunner,
} from '../../../src/bench/ladder';
import { measureInPieces } from '../../../src/bench/pieces';
import { immediateContext } from '../../../src/bench/unit-context';
import { MEMORY_BUDGET_BYTES } from '../../../src/bench/budget';
import { referenceDot, referenceGemv } from '../../../src/kernels/reference';
import { FakeClock } from './fake-clock';
import { loadKernelsForTest } from '../kernels/wasm-fixture';

const quick = { batches: 2, warmupMs: 1, minBatchMs: 1 };

function realContext(overrides: Partial<LadderContext> = {}): LadderContext {
  return {
    ...immediateContext(systemClock, calibrateResolution(systemClock)),
    simd: null,
    python: null,
    measure: quick,
    ...overrides,
  };
}

/** A stand-in for CPython whose every repetition takes `nsPerCall` on a fake clock. */
function fakePython(clock: FakeClock, nsPerCall: Record<PythonKernel, number>): PythonLadderRunner {
  let dot: [Float64Array, Float64Array] = [new Float64Array(), new Float64Array()];
  let gemv = { a: new Float64Array(), rows: 0, cols: 0, x: new Float64Array() };
  let last: Float64Array = new Float64Array();
  return {
    description: 'fake CPython',
    cLoop: 'math.sumprod',
    setDot: (a, b) => void (dot = [a.slice(), b.slice()]),
    setGemv: (a, rows, cols, x) => void (gemv = { a: a.slice(), rows, cols, x: x.slice() }),
    run(kernel, reps) {
      clock.advance((reps * nsPerCall[kernel] + 5000) / 1e6); // + 5 µs to cross into Python
      if (kernel === 'crossing' || reps === 0) return;
      last = kernel.startsWith('dot')
        ? Float64Array.of(referenceDot(...dot))
        : referenceGemv({ rows: gemv.rows, cols: gemv.cols, dtype: 'f64', data: gemv.a }, gemv.x).y;
    },
    result: () => last,
    clear: () => undefined,
  };
}

describe('measureLadder(params, ctx)', () => {
  it('verifies every rung without CPython and reports the CPython rungs as not loaded', async () => {
    const result = await measureLadder({ op: 'dot', n: 300, seed: 1 }, realContext());
    expect(result.rungs.map((r) => r.id)).toEqual([...RUNG_IDS]);
    const byId = Object.fromEntries(result.rungs.map((r) => [r.id, r]));
    expect(byId['python-loop']!.status).toBe('not-loaded');
    expect(byId['simd']!.status).toBe('unavailable');
    for (const id of ['interpreter', 'plain-array', 'typed-array', 'tuned'] as const) {
      expect(byId[id]!.verified, id).toBe(true);
      expect(byId[id]!.nsPerElement, id).toBeGreaterThan(0);
      expect(byId[id]!.fixedShare, id).toBeGreaterThan(0);
      expect(byId[id]!.fixedShare, id).toBeLessThanOrEqual(1);
    }
    expect(result.ratios.pythonOverSimd).toBeNull();
    expect(result.ratios.interpreterOverTyped).toBeGreaterThan(0);
    expect(result.notes.join(' ')).toMatch(/SIMD is unavailable/);
    expect(result.rungs.find((r) => r.id === result.fastest)!.ratioToFastest).toBe(1);
  });

  it('measureLadder({ op: "gemv" }) multiplies a square matrix and verifies the SIMD rung', async () => {
    const simd = await loadKernelsForTest();
    const result = await measureLadder(
      {
        op: 'gemv',
        n: 1000,
        seed: 2,
        rungs: ['interpreter', 'typed-array', 'simd'],
        overhead: false,
      },
      realContext({ simd }),
    );
    expect([result.rows, result.cols, result.n]).toEqual([32, 32, 1024]);
    expect(result.rungs.every((r) => r.status === 'measured' && r.verified)).toBe(true);
    expect(result.notes.join(' ')).toMatch(/32 × 32/);
  });

  it('shows a corrupted rung as failed, never ranked', async () => {
    const result = await measureLadder(
      {
        op: 'dot',
        n: 50,
        seed: 3,
        rungs: ['typed-array', 'tuned'],
        corrupt: 'tuned',
        overhead: false,
      },
      realContext(),
    );
    const tuned = result.rungs.find((r) => r.id === 'tuned')!;
    expect(tuned.status).toBe('failed');
    expect(tuned.verified).toBe(false);
    expect(tuned.ratioToFastest).toBeNull();
    expect(result.fastest).toBe('typed-array');
  });

  it('times a CPython rung from one call of reps repetitions, the crossing amortised', async () => {
    const clock = new FakeClock();
    const python = fakePython(clock, {
      'dot-loop': 100_000,
      'dot-c-loop': 60_000,
      'gemv-loop': 0,
      'gemv-c-loop': 0,
      crossing: 0,
    });
    const result = await measureLadder(
      { op: 'dot', n: 1000, seed: 4, rungs: ['python-loop', 'python-c-loop'], overhead: false },
      { ...immediateContext(clock, 0.005), simd: null, python, measure: { batches: 3 } },
    );
    const [loop, cLoop] = result.rungs;
    // 100 µs per call over 1000 elements, plus 5 µs per batch of ≥ 5 ms: 100 ns and a fraction of 1 %.
    expect(loop!.nsPerElement).toBeGreaterThanOrEqual(100);
    expect(loop!.nsPerElement).toBeLessThan(101);
    expect(cLoop!.nsPerElement).toBeLessThan(60.6);
    expect(result.ratios.pythonOverCLoop).toBeCloseTo(100 / 60, 1);
    expect(result.crossingNs).toBeCloseTo(5000, 3);
    expect(result.cLoop).toBe('math.sumprod');
  });

  it('reports progress that only grows and ends at its total', async () => {
    const seen: [number, number][] = [];
    const ctx = realContext();
    ctx.progress = (done, total) => seen.push([done, total]);
    await measureLadder({ op: 'dot', n: 16, seed: 5, rungs: ['typed-array', 'simd'] }, ctx);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
  });
});

describe('ladderBytes(params)', () => {
  it('fits the 256 MB budget at the largest size with every rung', () => {
    for (const op of ['dot', 'gemv'] as const)
      expect(ladderBytes({ op, n: LADDER_MAX_N, seed: 1 })).toBeLessThanOrEqual(
        MEMORY_BUDGET_BYTES,
      );
  });

  it('grows with n and counts boxed values far above typed ones', () => {
    const typed = ladderBytes({ op: 'dot', n: 1 << 16, seed: 1, rungs: ['typed-array'] });
    const boxed = ladderBytes({ op: 'dot', n: 1 << 16, seed: 1, rungs: ['interpreter'] });
    expect(typed).toBeGreaterThanOrEqual(2 * 8 * (1 << 16));
    expect(boxed).toBeGreaterThan(5 * typed);
    expect(ladderShape('gemv', 1 << 16)).toEqual({ rows: 256, cols: 256, n: 1 << 16 });
  });
});

describe('combineLadders(parts)', () => {
  it('joins the CPython half and the JavaScript half into one ranking', async () => {
    const clock = new FakeClock();
    const python = fakePython(clock, {
      'dot-loop': 1e9,
      'dot-c-loop': 1e9,
      'gemv-loop': 0,
      'gemv-c-loop': 0,
      crossing: 0,
    });
    const params = { op: 'dot' as const, n: 64, seed: 6, overhead: false };
    const pyHalf = await measureLadder(
      { ...params, rungs: ['python-loop', 'python-c-loop'] },
      { ...immediateContext(clock, 0.005), simd: null, python, measure: { batches: 2 } },
    );
    const jsHalf = await measureLadder(
      { ...params, rungs: ['typed-array', 'tuned'] },
      realContext(),
    );
    const both = combineLadders([jsHalf, pyHalf]);
    expect(both.rungs.map((r) => r.id)).toEqual([
      'python-loop',
      'python-c-loop',
      'typed-array',
      'tuned',
    ]);
    expect(both.python).toBe('fake CPython');
    expect(both.ratios.pythonOverSimd).toBeGreaterThan(1000);
    expect(() => combineLadders([jsHalf, { ...pyHalf, n: 65 }])).toThrow(/different problems/);
  });
});

describe('measureInPieces(batches, ctx)', () => {
  it('gives each batch of reps its own unit and divides by reps', async () => {
    const clock = new FakeClock();
    let units = 0;
    const ctx = {
      clock,
      resolutionMs: 0.005,
      unit: <T>(w: () => T) => (units++, Promise.resolve(w())),
    };
    const [m] = await measureInPieces([(reps) => clock.advance(reps * 0.002)], ctx, { batches: 4 });
    expect(m!.medianMs).toBeCloseTo(0.002, 9);
    expect(m!.reps * 0.002).toBeGreaterThanOrEqual(5);
    expect(units).toBeGreaterThanOrEqual(6);
  });
});
