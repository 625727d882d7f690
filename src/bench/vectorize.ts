/**
 * Vectorize it: one operation written twice, as an interpreted loop over
 * boxed values (our bytecode interpreter, interpreter.ts: what a Python for
 * loop does) and as one call over typed arrays (what a NumPy ufunc or BLAS
 * call does), on the same seeded inputs, both answers checked, timed in turn.
 *
 *   sum    s = Σ x_i                  compileSum        / sumSequential
 *   dot    s = Σ x_i·y_i              compileDot        / dotTuned
 *   axpy   z = αx + y                 compileAxpy       / axpyTyped
 *   map    y = 1/x (a ufunc)          compileReciprocal / reciprocalTyped
 *
 * `vectorizeSteps` is a step generator (measureSteps' protocol): a worker job
 * runs it one step per unit.
 */
import { dotTuned } from '../kernels/dot';
import { axpyTyped, reciprocalTyped } from '../kernels/elementwise';
import { randomVector } from '../kernels/generate';
import {
  axpyInterpreted,
  boxList,
  boxZeros,
  compileAxpy,
  compileDot,
  compileReciprocal,
  compileSum,
  dotInterpreted,
  reciprocalInterpreted,
  sumInterpreted,
  unboxList,
} from '../kernels/interpreter';
import { sumSequential } from '../kernels/memory';
import {
  referenceAxpy,
  referenceDot,
  referenceReciprocal,
  referenceSum,
  type ReferenceProduct,
} from '../kernels/reference';
import type { Clock } from './clock';
import { drain, measureSteps, type Measurement, type MeasureOptions } from './measure';
import type { RateBook, RateKey } from './rates';
import { verifyProduct } from './verify';

export const VECTOR_OPS = ['sum', 'dot', 'axpy', 'map'] as const;
export type VectorOp = (typeof VECTOR_OPS)[number];
export type VectorSide = 'loop' | 'vectorized';

/** The code each side runs, for the widget's code view. */
export const VECTORIZE_SOURCES: Readonly<
  Record<VectorOp, Record<VectorSide, { file: string; symbol: string }>>
> = {
  sum: {
    loop: { file: 'src/kernels/interpreter.ts', symbol: 'compileSum' },
    vectorized: { file: 'src/kernels/memory.ts', symbol: 'sumSequential' },
  },
  dot: {
    loop: { file: 'src/kernels/interpreter.ts', symbol: 'compileDot' },
    vectorized: { file: 'src/kernels/dot.ts', symbol: 'dotTuned' },
  },
  axpy: {
    loop: { file: 'src/kernels/interpreter.ts', symbol: 'compileAxpy' },
    vectorized: { file: 'src/kernels/elementwise.ts', symbol: 'axpyTyped' },
  },
  map: {
    loop: { file: 'src/kernels/interpreter.ts', symbol: 'compileReciprocal' },
    vectorized: { file: 'src/kernels/elementwise.ts', symbol: 'reciprocalTyped' },
  },
};

/** Elements per call, from a handful to 2^19 (the boxed copies bound the memory). */
export const VECTORIZE_MAX_N = 524288;
const ALPHA = 0.5;

export interface VectorizeParams {
  op: VectorOp;
  n: number;
  seed: number;
  /** Test builds only: this side's answer is corrupted before verification. */
  corrupt?: VectorSide;
}

export interface VectorizeSide {
  side: VectorSide;
  kernel: string;
  nsPerElement: number;
  callNs: number;
  q1NsPerElement: number;
  q3NsPerElement: number;
  spread: number;
  noisy: boolean;
  reps: number;
  verified: boolean;
  worstRatio: number;
}

export interface VectorizeResult {
  op: VectorOp;
  n: number;
  seed: number;
  loop: VectorizeSide;
  vectorized: VectorizeSide;
  /** Loop time over vectorised time; null when either answer failed. */
  speedup: number | null;
  notes: string[];
  bytes: number;
  /** Batches taken per side, and whether the time budget shortened the protocol. */
  batches: number;
  shortened: boolean;
}

/** One finished step, for progress bars. */
export interface VectorizeStep {
  phase: 'prepare' | 'verify' | 'time';
  done: number;
  total: number;
}

/** Where it is measured: the clock, and measureSteps options (tests shorten it; jobs pass the time budget). */
export interface VectorizeEnv {
  clock: Clock;
  resolutionMs: number;
  measure?: Partial<Omit<MeasureOptions, 'clock' | 'resolutionMs'>>;
}

/** Arrays per op: inputs, plus an output for the element-wise ones. */
const ARRAYS: Readonly<Record<VectorOp, number>> = { sum: 1, dot: 2, axpy: 3, map: 2 };
/**
 * A typed double and a boxed number with its list slot (under 72 bytes in
 * Node: tests/unit/bench/ladder.test.ts) per array; x and y are always drawn;
 * the f64 reference and its error sums, the absolute-value scratch and the
 * answers' copies.
 */
const PER_ELEMENT = { typed: 8, boxed: 72, drawn: 16, reference: 16, scratch: 16, answers: 16 };

export const clampVectorizeN = (n: number): number =>
  Math.min(VECTORIZE_MAX_N, Math.max(1, Math.round(n)));

/** Bytes a vectorize-it job allocates: typed and boxed copies of every array, the inputs drawn, the reference and answers. */
export function vectorizeBytes(params: Pick<VectorizeParams, 'op' | 'n'>): number {
  const n = clampVectorizeN(params.n);
  const arrays = ARRAYS[params.op];
  const e = PER_ELEMENT;
  return (
    n * (arrays * (e.typed + e.boxed) + e.drawn + e.reference + e.scratch + e.answers) + (1 << 16)
  );
}

/** ns per element before a side has been measured here: deliberately slow. */
const DEFAULT_NS: Readonly<Record<VectorSide, number>> = { loop: 400, vectorized: 5 };

export function vectorizeRateKey(op: VectorOp, side: VectorSide, n: number): RateKey {
  return { kernel: `vectorize:${op}:${side}`, dtype: 'f64', batch: 1, matrixBytes: 8 * n };
}

/** Estimated ms for one call of both sides together, from the rates measured here. */
export function vectorizeCallMs(
  params: Pick<VectorizeParams, 'op' | 'n'>,
  rates: RateBook,
): number {
  const n = clampVectorizeN(params.n);
  return (['loop', 'vectorized'] as const).reduce((ms, side) => {
    const key = vectorizeRateKey(params.op, side, n);
    return ms + (rates.measured(key) ? rates.estimateMs(key, n) : (DEFAULT_NS[side] * n) / 1e6);
  }, 0);
}

/** Records both sides' rates (one "FLOP" per element), so the next estimate is this device's. */
export function recordVectorizeRates(r: VectorizeResult, rates: RateBook): void {
  for (const s of [r.loop, r.vectorized])
    if (s.verified) rates.record(vectorizeRateKey(r.op, s.side, r.n), r.n, s.callNs / 1e6);
}

interface Side {
  kernel: string;
  call: () => void;
  answer: () => Float64Array;
}

interface Prepared {
  loop: Side;
  vectorized: Side;
  ref: ReferenceProduct;
  /** Terms behind each output element, for the verification bound. */
  terms: number;
}

function prepare(op: VectorOp, n: number, seed: number): Prepared {
  const x = randomVector(n, 'f64', seed) as Float64Array;
  const y = randomVector(n, 'f64', seed + 1) as Float64Array;
  const X = boxList(x);
  // Every result lands here, so no JIT can drop a call whose value goes unused.
  let _sink = 0;
  switch (op) {
    case 'sum': {
      const program = compileSum();
      return {
        loop: {
          kernel: 'sumInterpreted',
          call: () => {
            _sink += sumInterpreted(program, X);
          },
          answer: () => Float64Array.of(sumInterpreted(program, X)),
        },
        vectorized: {
          kernel: 'sumSequential',
          call: () => {
            _sink += sumSequential(x);
          },
          answer: () => Float64Array.of(sumSequential(x)),
        },
        ref: {
          y: Float64Array.of(referenceSum(x)),
          absSum: Float64Array.of(referenceSum(x.map(Math.abs))),
        },
        terms: n,
      };
    }
    case 'dot': {
      const program = compileDot();
      const Y = boxList(y);
      return {
        loop: {
          kernel: 'dotInterpreted',
          call: () => {
            _sink += dotInterpreted(program, X, Y);
          },
          answer: () => Float64Array.of(dotInterpreted(program, X, Y)),
        },
        vectorized: {
          kernel: 'dotTuned',
          call: () => {
            _sink += dotTuned(x, y);
          },
          answer: () => Float64Array.of(dotTuned(x, y)),
        },
        ref: {
          y: Float64Array.of(referenceDot(x, y)),
          absSum: Float64Array.of(referenceDot(x.map(Math.abs), y.map(Math.abs))),
        },
        terms: n,
      };
    }
    case 'axpy': {
      const program = compileAxpy();
      const [Y, Z] = [boxList(y), boxZeros(n)];
      const z = new Float64Array(n);
      const absSum = new Float64Array(n);
      for (let i = 0; i < n; i++) absSum[i] = Math.abs(ALPHA * x[i]!) + Math.abs(y[i]!);
      return {
        loop: {
          kernel: 'axpyInterpreted',
          call: () => void axpyInterpreted(program, ALPHA, X, Y, Z),
          answer: () => unboxList(axpyInterpreted(program, ALPHA, X, Y, Z), new Float64Array(n)),
        },
        vectorized: {
          kernel: 'axpyTyped',
          call: () => void axpyTyped(ALPHA, x, y, z),
          answer: () => {
            axpyTyped(ALPHA, x, y, z);
            return z.slice();
          },
        },
        ref: { y: referenceAxpy(ALPHA, x, y), absSum },
        terms: 2,
      };
    }
    case 'map': {
      const program = compileReciprocal();
      const Y = boxZeros(n);
      const out = new Float64Array(n);
      const ref = referenceReciprocal(x);
      return {
        loop: {
          kernel: 'reciprocalInterpreted',
          call: () => void reciprocalInterpreted(program, X, Y),
          answer: () => unboxList(reciprocalInterpreted(program, X, Y), new Float64Array(n)),
        },
        vectorized: {
          kernel: 'reciprocalTyped',
          call: () => void reciprocalTyped(x, out),
          answer: () => {
            reciprocalTyped(x, out);
            return out.slice();
          },
        },
        ref: { y: ref, absSum: ref.map(Math.abs) },
        terms: 1,
      };
    }
  }
}

/** Measures one operation both ways at one size, one step at a time. */
export function* vectorizeSteps(
  params: VectorizeParams,
  env: VectorizeEnv,
): Generator<VectorizeStep, VectorizeResult> {
  const notes: string[] = [];
  const n = clampVectorizeN(params.n);
  if (n !== params.n)
    notes.push(`n = ${params.n} is outside 1–${VECTORIZE_MAX_N}; measured n = ${n}.`);
  const measure = { ...env.measure, clock: env.clock, resolutionMs: env.resolutionMs };
  const batches = measure.batches ?? 5;
  const total = 2 + (2 * 2 + batches);

  const p = prepare(params.op, n, params.seed);
  yield { phase: 'prepare', done: 1, total };
  const check = (side: VectorSide) => {
    const answer = p[side].answer();
    if (params.corrupt === side) answer[0] = answer[0]! + 1 + Math.abs(answer[0]!);
    return verifyProduct(answer, p.ref, () => p.terms, 'f64');
  };
  const verified = { loop: check('loop'), vectorized: check('vectorized') };
  yield { phase: 'verify', done: 2, total };

  const timing = measureSteps([p.loop.call, p.vectorized.call], { ...measure, batches });
  let outcome;
  for (;;) {
    const next = timing.next();
    if (next.done) {
      outcome = next.value;
      break;
    }
    yield {
      phase: 'time',
      done: 2 + Math.round((next.value.done / next.value.total) * (total - 2)),
      total,
    };
  }
  const [loop, vectorized] = outcome.runs as [Measurement, Measurement];
  const side = (s: VectorSide, m: Measurement): VectorizeSide => ({
    side: s,
    kernel: p[s].kernel,
    nsPerElement: (m.medianMs * 1e6) / n,
    q1NsPerElement: (m.q1Ms * 1e6) / n,
    q3NsPerElement: (m.q3Ms * 1e6) / n,
    callNs: m.medianMs * 1e6,
    spread: m.spread,
    noisy: m.noisy,
    reps: m.reps,
    verified: verified[s].ok,
    worstRatio: verified[s].worstRatio,
  });
  if (outcome.shortened)
    notes.push(
      `One interpreted call takes about ${Math.round(outcome.firstCallMs[0]!)} ms here, so this measurement used a one-call warm-up and ${outcome.batches} batches, to finish within a few seconds.`,
    );
  const result = {
    op: params.op,
    n,
    seed: params.seed,
    loop: side('loop', loop),
    vectorized: side('vectorized', vectorized),
    notes,
    bytes: vectorizeBytes({ op: params.op, n }),
    batches: outcome.batches,
    shortened: outcome.shortened,
  };
  const ok = result.loop.verified && result.vectorized.verified;
  return { ...result, speedup: ok ? result.loop.callNs / result.vectorized.callNs : null };
}

/** `vectorizeSteps` straight through (scripts and tests). */
export function measureVectorize(params: VectorizeParams, env: VectorizeEnv): VectorizeResult {
  return drain(vectorizeSteps(params, env));
}
