import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { calibrateResolution, systemClock } from '../../../src/bench/clock';
import {
  combineLadders,
  LADDER_MAX_N,
  ladderBytes,
  ladderShape,
  ladderSteps,
  measureLadder,
  RUNG_IDS,
  type LadderEnv,
  type PythonKernel,
  type PythonLadderRunner,
} from '../../../src/bench/ladder';
import { MEMORY_BUDGET_BYTES } from '../../../src/bench/budget';
import { referenceDot, referenceGemv } from '../../../src/kernels/reference';
import { boxList } from '../../../src/kernels/interpreter';
import { countAllocations } from './allocations';
import { FakeClock } from './fake-clock';
import { loadKernelsForTest } from '../kernels/wasm-fixture';

const quick = { batches: 2, warmupMs: 1, minBatchMs: 1 };

const resolutionMs = calibrateResolution(systemClock);

/** V8's garbage collector, exposed for this process (heap sizes are only comparable after a collection). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function realContext(overrides: Partial<LadderEnv> = {}): LadderEnv {
  return {
    clock: systemClock,
    resolutionMs,
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
  it('verifies every rung without CPython and reports the CPython rungs as not loaded', () => {
    const result = measureLadder({ op: 'dot', n: 300, seed: 1 }, realContext());
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
    const result = measureLadder(
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

  it('shows a corrupted rung as failed, never ranked', () => {
    const result = measureLadder(
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

  it('times a CPython rung from one call of reps repetitions, the crossing amortised', () => {
    const clock = new FakeClock();
    const python = fakePython(clock, {
      'dot-loop': 100_000,
      'dot-c-loop': 60_000,
      'gemv-loop': 0,
      'gemv-c-loop': 0,
      crossing: 0,
    });
    const result = measureLadder(
      { op: 'dot', n: 1000, seed: 4, rungs: ['python-loop', 'python-c-loop'], overhead: false },
      { clock, resolutionMs: 0.005, simd: null, python, measure: { batches: 3 } },
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

  it('ladderSteps(params, env) yields steps whose progress only grows and ends at its total', () => {
    const seen: [number, number][] = [];
    const steps = ladderSteps(
      { op: 'dot', n: 16, seed: 5, rungs: ['typed-array', 'simd'] },
      realContext(),
    );
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) {
        expect(next.value.rungs[0]!.verified).toBe(true);
        break;
      }
      seen.push([next.value.done, next.value.total]);
    }
    expect(seen.length).toBeGreaterThan(5);
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
    expect(boxed).toBeGreaterThan(4 * typed);
    expect(ladderShape('gemv', 1 << 16)).toEqual({ rows: 256, cols: 256, n: 1 << 16 });
  });
});

describe('ladderBytes(params) against real allocations', () => {
  it('covers every typed array and WebAssembly memory the JavaScript rungs allocate', async () => {
    const simd = await loadKernelsForTest();
    for (const op of ['dot', 'gemv'] as const) {
      const params = { op, n: 1 << 16, seed: 1, rungs: [...RUNG_IDS].slice(2) };
      const { bytes } = await countAllocations(async () =>
        measureLadder(params, realContext({ simd })),
      );
      expect(bytes, op).toBeGreaterThan(0);
      expect(ladderBytes(params, simd.overheadBytes), op).toBeGreaterThanOrEqual(bytes);
    }
  });

  it('allows enough for each boxed number the interpreter rung holds (object and list slot)', () => {
    const gc = collector();
    const n = 1 << 18;
    const x = new Float64Array(n).map((_, i) => i + 0.5);
    gc();
    const before = process.memoryUsage().heapUsed;
    const boxed = boxList(x);
    gc();
    const perElement = (process.memoryUsage().heapUsed - before) / n;
    expect(boxed.items.length).toBe(n);
    expect(perElement).toBeGreaterThan(8);
    expect(perElement).toBeLessThanOrEqual(72);
  });
});

describe('combineLadders(parts)', () => {
  it('joins the CPython half and the JavaScript half into one ranking', () => {
    const clock = new FakeClock();
    const python = fakePython(clock, {
      'dot-loop': 1e9,
      'dot-c-loop': 1e9,
      'gemv-loop': 0,
      'gemv-c-loop': 0,
      crossing: 0,
    });
    const params = { op: 'dot' as const, n: 64, seed: 6, overhead: false };
    const pyHalf = measureLadder(
      { ...params, rungs: ['python-loop', 'python-c-loop'] },
      { clock, resolutionMs: 0.005, simd: null, python, measure: { batches: 2 } },
    );
    const jsHalf = measureLadder({ ...params, rungs: ['typed-array', 'tuned'] }, realContext());
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
