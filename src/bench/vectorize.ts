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
import { measureInPieces, repeat, type Batch, type PieceOptions } from './pieces';
import type { UnitContext } from './unit-context';
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
}

export interface VectorizeProgress {
  phase: 'prepare' | 'verify' | 'time';
}

/** Arrays per op: inputs, plus an output for the element-wise ones. */
const ARRAYS: Readonly<Record<VectorOp, number>> = { sum: 1, dot: 2, axpy: 3, map: 2 };
/** A typed double, a boxed number with its list slot (about 67 bytes in Node 20), and the f64 reference. */
const PER_ELEMENT = { typed: 8, boxed: 72, reference: 16 };

/** Bytes a vectorize-it job allocates: typed and boxed copies of every array, and the reference. */
export function vectorizeBytes(params: Pick<VectorizeParams, 'op' | 'n'>): number {
  const n = Math.min(VECTORIZE_MAX_N, Math.max(1, Math.round(params.n)));
  const arrays = ARRAYS[params.op];
  return n * (arrays * (PER_ELEMENT.typed + PER_ELEMENT.boxed) + PER_ELEMENT.reference);
}

interface Side {
  kernel: string;
  batch: Batch;
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
          batch: repeat(() => {
            _sink += sumInterpreted(program, X);
          }),
          answer: () => Float64Array.of(sumInterpreted(program, X)),
        },
        vectorized: {
          kernel: 'sumSequential',
          batch: repeat(() => {
            _sink += sumSequential(x);
          }),
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
          batch: repeat(() => {
            _sink += dotInterpreted(program, X, Y);
          }),
          answer: () => Float64Array.of(dotInterpreted(program, X, Y)),
        },
        vectorized: {
          kernel: 'dotTuned',
          batch: repeat(() => {
            _sink += dotTuned(x, y);
          }),
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
          batch: repeat(() => axpyInterpreted(program, ALPHA, X, Y, Z)),
          answer: () => unboxList(axpyInterpreted(program, ALPHA, X, Y, Z), new Float64Array(n)),
        },
        vectorized: {
          kernel: 'axpyTyped',
          batch: repeat(() => axpyTyped(ALPHA, x, y, z)),
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
          batch: repeat(() => reciprocalInterpreted(program, X, Y)),
          answer: () => unboxList(reciprocalInterpreted(program, X, Y), new Float64Array(n)),
        },
        vectorized: {
          kernel: 'reciprocalTyped',
          batch: repeat(() => reciprocalTyped(x, out)),
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

/** Measures one operation both ways at one size. */
export async function measureVectorize(
  params: VectorizeParams,
  ctx: UnitContext<VectorizeProgress> & { measure?: Omit<PieceOptions, 'onPiece'> },
): Promise<VectorizeResult> {
  const notes: string[] = [];
  const n = Math.min(VECTORIZE_MAX_N, Math.max(1, Math.round(params.n)));
  if (n !== params.n)
    notes.push(`n = ${params.n} is outside 1–${VECTORIZE_MAX_N}; measured n = ${n}.`);
  const batches = ctx.measure?.batches ?? 5;
  const total = 2 + 2 * (2 + batches);
  let done = 0;
  const step = (phase: VectorizeProgress['phase']): void =>
    ctx.progress(Math.min(total, ++done), total, { phase });

  const p = await ctx.unit(() => prepare(params.op, n, params.seed));
  step('prepare');
  const check = async (side: VectorSide) =>
    ctx.unit(() => {
      const answer = p[side].answer();
      if (params.corrupt === side) answer[0] = answer[0]! + 1 + Math.abs(answer[0]!);
      return verifyProduct(answer, p.ref, () => p.terms, 'f64');
    });
  const verified = { loop: await check('loop'), vectorized: await check('vectorized') };
  step('verify');

  const [loop, vectorized] = await measureInPieces([p.loop.batch, p.vectorized.batch], ctx, {
    ...ctx.measure,
    batches,
    onPiece: () => step('time'),
  });
  const side = (s: VectorSide, m: NonNullable<typeof loop>): VectorizeSide => ({
    side: s,
    kernel: p[s].kernel,
    nsPerElement: (m.medianMs * 1e6) / n,
    callNs: m.medianMs * 1e6,
    spread: m.spread,
    noisy: m.noisy,
    reps: m.reps,
    verified: verified[s].ok,
    worstRatio: verified[s].worstRatio,
  });
  const result = {
    op: params.op,
    n,
    seed: params.seed,
    loop: side('loop', loop!),
    vectorized: side('vectorized', vectorized!),
    notes,
    bytes: vectorizeBytes({ op: params.op, n }),
  };
  const ok = result.loop.verified && result.vectorized.verified;
  ctx.progress(total, total, { phase: 'time' });
  return { ...result, speedup: ok ? result.loop.callNs / result.vectorized.callNs : null };
}
