/**
 * The interpreter ladder: one dot product (or one matrix-vector product) on
 * the same seeded inputs at seven rungs, from real CPython's loop down to
 * WebAssembly SIMD, each answer checked against the f64 reference, each time
 * in nanoseconds per multiply-add and as a multiple of the fastest rung.
 *
 *   1 python-loop     CPython, the loop in Python (boxed floats, bytecode dispatch)
 *   2 python-c-loop   CPython, the loop in C (math.sumprod), the floats still boxed
 *   3 interpreter     our bytecode interpreter over boxed values (interpreter.ts)
 *   4 plain-array     a JS loop over a generic Array
 *   5 typed-array     a JS loop over a Float64Array ("NumPy's C loop")
 *   6 tuned           the same, unrolled with four accumulators
 *   7 simd            WebAssembly SIMD ("BLAS with vector instructions")
 *
 * The CPython rungs need an injected runner (src/python/ladder-runner.ts);
 * without one they report "not loaded" and the other rungs run as usual. Run
 * CPython in a worker of its own: growing its WebAssembly memory detaches an
 * ArrayBuffer, after which V8 slows every typed-array loop in that thread
 * (the typed rungs measured 2.5–3× slower in Node 20). `rungs` selects what
 * one job measures and `combineLadders` joins the halves.
 *
 * `ladderSteps` is a step generator like `measureSteps`, whose protocol it
 * uses: a worker job runs it one step per unit (`stepThrough`). A CPython
 * rung's call runs the kernel `inner` times inside one Python loop, with
 * `inner` chosen so a call lasts about a millisecond: the crossing from
 * JavaScript into Python (measured: `crossingNs`) is then well under 1 % of
 * a call. Sizes run from one element, where fixed costs per call dominate
 * (measured per rung: `fixedNs`, `fixedShare`), to 2^19.
 */
import { gemvNaive, gemvTuned, type Dense } from '../kernels/dense';
import { dotPlainArray, dotTuned, dotTyped, gemvPlainArray } from '../kernels/dot';
import { randomVector } from '../kernels/generate';
import {
  boxList,
  boxRows,
  boxZeros,
  compileDot,
  compileGemv,
  dotInterpreted,
  gemvInterpreted,
  unboxList,
} from '../kernels/interpreter';
import { referenceDot, referenceGemv, type ReferenceProduct } from '../kernels/reference';
import type { SimdKernels } from '../kernels/wasm';
import type { Clock } from './clock';
import { drain, measureSteps, type MeasureOptions, type MeasureStep } from './measure';
import type { RateBook, RateKey } from './rates';
import { verifyProduct, type Verification } from './verify';

export const RUNG_IDS = [
  'python-loop',
  'python-c-loop',
  'interpreter',
  'plain-array',
  'typed-array',
  'tuned',
  'simd',
] as const;
export type RungId = (typeof RUNG_IDS)[number];
export type LadderOp = 'dot' | 'gemv';

export interface RungInfo {
  id: RungId;
  label: string;
  /** What the rung stands for in the chapter's argument. */
  stands: string;
  /** The code that runs, per operation: a source file and the function in it. */
  source: Record<LadderOp, { file: string; symbol: string }>;
}

export const RUNGS: readonly RungInfo[] = [
  {
    id: 'python-loop',
    label: 'CPython, loop in Python',
    stands: 'a for-loop in Python, as written without NumPy',
    source: {
      dot: { file: 'src/python/ladder.py', symbol: 'dot_loop' },
      gemv: { file: 'src/python/ladder.py', symbol: 'gemv_loop' },
    },
  },
  {
    id: 'python-c-loop',
    label: 'CPython, loop in C',
    stands: 'the loop moved into C, the numbers still boxed Python floats',
    source: {
      dot: { file: 'src/python/ladder.py', symbol: 'dot_c_loop' },
      gemv: { file: 'src/python/ladder.py', symbol: 'gemv_c_loop' },
    },
  },
  {
    id: 'interpreter',
    label: 'bytecode interpreter',
    stands:
      'an interpreter like CPython’s, written in TypeScript: dispatch and boxing on every element',
    source: {
      dot: { file: 'src/kernels/interpreter.ts', symbol: 'compileDot' },
      gemv: { file: 'src/kernels/interpreter.ts', symbol: 'compileGemv' },
    },
  },
  {
    id: 'plain-array',
    label: 'JS loop, generic Array',
    stands:
      'compiled by the JIT over an ordinary Array, which could hold anything (V8 notices when it holds only doubles)',
    source: {
      dot: { file: 'src/kernels/dot.ts', symbol: 'dotPlainArray' },
      gemv: { file: 'src/kernels/dot.ts', symbol: 'gemvPlainArray' },
    },
  },
  {
    id: 'typed-array',
    label: 'JS loop, Float64Array',
    stands: 'NumPy’s idea: a compiled loop over contiguous, unboxed doubles',
    source: {
      dot: { file: 'src/kernels/dot.ts', symbol: 'dotTyped' },
      gemv: { file: 'src/kernels/dense.ts', symbol: 'gemvNaive' },
    },
  },
  {
    id: 'tuned',
    label: 'tuned, unrolled',
    stands: 'independent sums the processor can overlap, as a BLAS kernel keeps',
    source: {
      dot: { file: 'src/kernels/dot.ts', symbol: 'dotTuned' },
      gemv: { file: 'src/kernels/dense.ts', symbol: 'gemvTuned' },
    },
  },
  {
    id: 'simd',
    label: 'WebAssembly SIMD',
    stands: 'BLAS with vector instructions: two doubles per instruction',
    source: {
      dot: { file: 'src/kernels/assembly/dot.ts', symbol: 'dotF64' },
      gemv: { file: 'src/kernels/assembly/gemv.ts', symbol: 'gemvF64' },
    },
  },
];

/** Sizes the widget offers (multiply-adds per call): from one element to 2^19. */
export const LADDER_SIZES: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 524288,
];
export const LADDER_MAX_N = 524288;

export interface LadderParams {
  op: LadderOp;
  /** Multiply-adds per call: the vector length for dot; gemv multiplies an m × m matrix, m = round(√n). */
  n: number;
  seed: number;
  /** Which rungs this job measures (default: all). */
  rungs?: readonly RungId[];
  /** Also time every rung at one element, for its fixed cost per call (default true). */
  overhead?: boolean;
  /** Test builds only: this rung's answer is corrupted before verification. */
  corrupt?: RungId;
}

/** The CPython side, running in the same worker as the measurement (src/python/ladder-runner.ts). */
export type PythonKernel = 'dot-loop' | 'dot-c-loop' | 'gemv-loop' | 'gemv-c-loop' | 'crossing';

export interface PythonLadderRunner {
  /** e.g. 'CPython 3.14.2 (Pyodide 314.0.7, WebAssembly)'. */
  readonly description: string;
  /** What the second rung calls: 'math.sumprod', or 'sum(map(operator.mul, a, b))' before Python 3.12. */
  readonly cLoop: string;
  /** Copies inputs into Python lists of floats (untimed). */
  setDot(a: Float64Array, b: Float64Array): void;
  setGemv(a: Float64Array, rows: number, cols: number, x: Float64Array): void;
  /** One call into Python that runs the kernel `reps` times there ('crossing' does nothing). */
  run(kernel: PythonKernel, reps: number): void;
  /** The last result, as numbers (untimed). */
  result(): Float64Array;
  /** Lets Python free the inputs. */
  clear(): void;
}

/** Where the ladder is measured: the clock, the kernels that loaded here, and CPython if it did. */
export interface LadderEnv {
  clock: Clock;
  /** The clock's step in ms. */
  resolutionMs: number;
  simd: SimdKernels | null;
  /** Why SIMD could not load, when it could not. */
  simdUnavailable?: string | null;
  python: PythonLadderRunner | null;
  /** Why CPython is absent (default: not loaded). */
  pythonUnavailable?: string;
  /** measureSteps options (tests shorten the protocol; jobs pass the time budget). */
  measure?: Partial<Omit<MeasureOptions, 'clock' | 'resolutionMs'>>;
}

/** One finished step of a ladder measurement, for progress bars. */
export interface LadderStep {
  phase: 'prepare' | 'verify' | 'time' | 'overhead';
  rung?: RungId;
  done: number;
  total: number;
}

export type RungStatus = 'measured' | 'failed' | 'not-loaded' | 'unavailable';

export interface RungResult {
  id: RungId;
  label: string;
  status: RungStatus;
  /** Why a rung was not measured, or what it actually ran. */
  note?: string;
  /** The function that ran. */
  kernel: string;
  /** Median time per multiply-add, and its quartiles. */
  nsPerElement: number | null;
  q1NsPerElement: number | null;
  q3NsPerElement: number | null;
  /** Median time per call. */
  callNs: number | null;
  spread: number | null;
  noisy: boolean;
  /** Calls per timed batch. */
  reps: number | null;
  /** Kernel runs per call (CPython rungs repeat inside Python so the crossing is negligible). */
  inner: number | null;
  /** Time per call at one element: the rung's fixed cost per call. */
  fixedNs: number | null;
  /** fixedNs / callNs, capped at 1: the share of a call at this size that is fixed cost. */
  fixedShare: number | null;
  /** This rung's time over the fastest verified rung's (1 for the fastest). */
  ratioToFastest: number | null;
  verified: boolean | null;
  worstRatio: number | null;
}

export interface LadderRatios {
  /** CPython's loop over the SIMD rung (the tuned rung when SIMD is unavailable). */
  pythonOverSimd: number | null;
  /** CPython's loop in Python over the same loop in C. */
  pythonOverCLoop: number | null;
  /** Our interpreter over the typed-array loop. */
  interpreterOverTyped: number | null;
  /** The slowest verified rung over the fastest. */
  slowestOverFastest: number | null;
}

export interface LadderResult {
  op: LadderOp;
  /** Multiply-adds per call (for gemv, rows × cols). */
  n: number;
  rows: number;
  cols: number;
  seed: number;
  rungs: RungResult[];
  fastest: RungId | null;
  ratios: LadderRatios;
  /** One call from JavaScript into Python that does nothing, in ns. */
  crossingNs: number | null;
  python: string | null;
  cLoop: string | null;
  notes: string[];
  /** What this job allocated (ladderBytes). */
  bytes: number;
  /** Batches taken per rung, and whether the time budget shortened the protocol. */
  batches: number;
  shortened: boolean;
}

/** rows × cols of the problem: the vector length for dot, a square matrix for gemv. */
export function ladderShape(op: LadderOp, n: number): { rows: number; cols: number; n: number } {
  if (op === 'dot') return { rows: 1, cols: n, n };
  const m = Math.max(1, Math.round(Math.sqrt(n)));
  return { rows: m, cols: m, n: m * m };
}

/** n clamped into the sizes the ladder measures. */
export const clampLadderN = (n: number): number =>
  Math.min(LADDER_MAX_N, Math.max(1, Math.round(n)));

const isPython = (id: RungId): boolean => id === 'python-loop' || id === 'python-c-loop';

/**
 * Bytes per input element (A and x) beyond the inputs themselves: a typed
 * copy; a generic Array grown by push (room to spare); a boxed number (object
 * plus list slot, measured under 72 bytes in Node: tests/unit/bench/ladder.test.ts);
 * a copy in WebAssembly memory; in CPython, a float object and its list slot
 * plus the memoryview copy made on the way in (40 bytes is generous for 32-bit
 * WebAssembly, where a float is 16 bytes and a slot 4).
 */
const PER_ELEMENT: Readonly<Record<RungId, number>> = {
  'python-loop': 40,
  'python-c-loop': 0, // shares the Python lists with the loop rung…
  interpreter: 72,
  'plain-array': 16,
  'typed-array': 8,
  tuned: 8,
  simd: 8,
};
/** …unless it runs alone. */
const PYTHON_LISTS = PER_ELEMENT['python-loop'];
/** The SIMD module's memory beyond its arrays (static data, packing space, staging) when unknown: wasm.ts reserves 4 MB of staging. */
export const SIMD_FIXED_BYTES = (5 << 20) + 65536;

/**
 * Every buffer a ladder job allocates for these params: the inputs, each
 * rung's own copy of them, outputs and answers, the reference, and for the
 * SIMD rung a WebAssembly memory per problem (the timed one and the one-element
 * one for the fixed cost). CPython's own runtime is loaded once per worker and
 * is not a job's allocation.
 */
export function ladderBytes(params: LadderParams, simdOverheadBytes = SIMD_FIXED_BYTES): number {
  const { rows, cols } = ladderShape(params.op, clampLadderN(params.n));
  const rungs = new Set(params.rungs ?? RUNG_IDS);
  const elements = rows * cols + cols; // A (or a) and x
  let bytes = 8 * elements; // the inputs
  bytes += 16 * rows + 64; // the reference: y and Σ|a·x|
  for (const id of rungs) {
    bytes += PER_ELEMENT[id] * elements;
    bytes += (id === 'interpreter' ? 72 : 16) * rows; // the rung's output and its answer's copy
  }
  if (rungs.has('python-c-loop') && !rungs.has('python-loop')) bytes += PYTHON_LISTS * elements;
  if (rungs.has('simd')) bytes += (params.overhead === false ? 1 : 2) * (simdOverheadBytes + 64);
  return bytes + (1 << 16); // closures, results and the like
}

/**
 * ns per multiply-add before a rung has been measured here: deliberately
 * slow (a phone's), so the time budget is not overrun before the first result.
 */
const DEFAULT_NS: Readonly<Record<RungId, number>> = {
  'python-loop': 400,
  'python-c-loop': 300,
  interpreter: 400,
  'plain-array': 10,
  'typed-array': 5,
  tuned: 4,
  simd: 3,
};

/** The rate-book key of a rung at a size (kept apart by operation and by cache- or memory-sized inputs). */
export function ladderRateKey(id: RungId, op: LadderOp, n: number): RateKey {
  return { kernel: `ladder:${id}:${op}`, dtype: 'f64', batch: 1, matrixBytes: 8 * n };
}

/** Estimated ms for one call of each selected rung together, from the rates measured here. */
export function ladderCallMs(params: LadderParams, rates: RateBook): number {
  const { n } = ladderShape(params.op, clampLadderN(params.n));
  return (params.rungs ?? RUNG_IDS).reduce((ms, id) => {
    const key = ladderRateKey(id, params.op, n);
    return ms + (rates.measured(key) ? rates.estimateMs(key, 2 * n) : (DEFAULT_NS[id] * n) / 1e6);
  }, 0);
}

/** Records each measured, verified rung's rate, so the next job's estimate is this device's. */
export function recordLadderRates(result: LadderResult, rates: RateBook): void {
  for (const r of result.rungs) {
    if (r.status === 'measured' && r.verified && r.callNs !== null)
      rates.record(ladderRateKey(r.id, result.op, result.n), 2 * result.n, r.callNs / 1e6);
  }
}

interface Prepared {
  id: RungId;
  kernel: string;
  /** One timed call: the kernel once, or `inner` times inside Python. */
  call: () => void;
  inner: number;
  /** One untimed run's answer, for verification. */
  answer: () => Float64Array;
}

interface Skipped {
  id: RungId;
  status: RungStatus;
  note: string;
  kernel: string;
}

interface Problem {
  rows: number;
  cols: number;
  a: Float64Array;
  x: Float64Array;
  ref: ReferenceProduct;
}

function makeProblem(op: LadderOp, n: number, seed: number): Problem {
  const { rows, cols } = ladderShape(op, n);
  const a = randomVector(rows * cols, 'f64', seed) as Float64Array;
  const x = randomVector(cols, 'f64', seed + 1) as Float64Array;
  let ref: ReferenceProduct;
  if (op === 'dot') {
    let abs = 0;
    for (let i = 0; i < cols; i++) abs += Math.abs(a[i]! * x[i]!);
    ref = { y: Float64Array.of(referenceDot(a, x)), absSum: Float64Array.of(abs) };
  } else {
    ref = referenceGemv({ rows, cols, dtype: 'f64', data: a }, x);
  }
  return { rows, cols, a, x, ref };
}

function plainArray(v: Float64Array): number[] {
  // push keeps the array packed (a holey array would add a check per element).
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) out.push(v[i]!);
  return out;
}

/**
 * Kernel runs per call for a CPython rung: doubled until one call lasts
 * `targetMs`, so the crossing into Python is a small part of every call.
 */
function innerReps(clock: Clock, run: (reps: number) => void, targetMs = 1): number {
  let reps = 1;
  for (;;) {
    const t0 = clock.now();
    run(reps);
    const ms = clock.now() - t0;
    if (ms >= targetMs || reps >= 1 << 22) return reps;
    reps = ms > 0 ? Math.max(reps * 2, Math.ceil((reps * targetMs * 1.2) / ms)) : reps * 16;
  }
}

/** Builds a rung's kernel over its own copy of the inputs. */
function prepareRung(id: RungId, op: LadderOp, p: Problem, env: LadderEnv): Prepared | Skipped {
  const { rows, cols, a, x } = p;
  // Every result lands here, so no JIT can drop a call whose value goes unused.
  let _sink = 0;
  const one = (kernel: string, call: () => void, answer: () => Float64Array): Prepared => ({
    id,
    kernel,
    call,
    inner: 1,
    answer,
  });
  switch (id) {
    case 'python-loop':
    case 'python-c-loop': {
      const python = env.python;
      const kernel: PythonKernel = `${op}-${id === 'python-loop' ? 'loop' : 'c-loop'}`;
      if (!python)
        return {
          id,
          status: 'not-loaded',
          note: env.pythonUnavailable ?? 'CPython is not loaded.',
          kernel,
        };
      const inner = innerReps(env.clock, (reps) => python.run(kernel, reps));
      return {
        id,
        kernel: id === 'python-c-loop' ? python.cLoop : kernel.replace('-', '_'),
        call: () => python.run(kernel, inner),
        inner,
        answer: () => {
          python.run(kernel, 1);
          return python.result();
        },
      };
    }
    case 'interpreter': {
      if (op === 'dot') {
        const program = compileDot();
        const [A, B] = [boxList(a), boxList(x)];
        return one(
          'dotInterpreted',
          () => void (_sink += dotInterpreted(program, A, B)),
          () => Float64Array.of(dotInterpreted(program, A, B)),
        );
      }
      const program = compileGemv();
      const [A, X, Y] = [boxRows(a, rows, cols), boxList(x), boxZeros(rows)];
      return one(
        'gemvInterpreted',
        () => void gemvInterpreted(program, A, X, Y, cols),
        () => unboxList(gemvInterpreted(program, A, X, Y, cols), new Float64Array(rows)),
      );
    }
    case 'plain-array': {
      const [A, X] = [plainArray(a), plainArray(x)];
      if (op === 'dot') {
        return one(
          'dotPlainArray',
          () => void (_sink += dotPlainArray(A, X)),
          () => Float64Array.of(dotPlainArray(A, X)),
        );
      }
      const Y = plainArray(new Float64Array(rows));
      return one(
        'gemvPlainArray',
        () => gemvPlainArray(A, rows, cols, X, Y),
        () => {
          gemvPlainArray(A, rows, cols, X, Y);
          return Float64Array.from(Y);
        },
      );
    }
    case 'typed-array':
    case 'tuned': {
      const [A, X] = [a.slice(), x.slice()];
      if (op === 'dot') {
        const f = id === 'tuned' ? dotTuned : dotTyped;
        return one(
          id === 'tuned' ? 'dotTuned' : 'dotTyped',
          () => void (_sink += f(A, X)),
          () => Float64Array.of(f(A, X)),
        );
      }
      const f = id === 'tuned' ? gemvTuned : gemvNaive;
      const dense: Dense = { rows, cols, dtype: 'f64', data: A };
      const Y = new Float64Array(rows);
      return one(
        id === 'tuned' ? 'gemvTuned' : 'gemvNaive',
        () => f(dense, X, Y),
        () => {
          f(dense, X, Y);
          return Y.slice();
        },
      );
    }
    case 'simd': {
      const simd = env.simd;
      const kernel = op === 'dot' ? 'dotSimd' : 'gemvSimd';
      if (!simd)
        return {
          id,
          status: 'unavailable',
          note: env.simdUnavailable ?? 'WebAssembly SIMD is not available here.',
          kernel,
        };
      const arena = simd.arena(simd.arenaBytes(a.byteLength, x.byteLength, rows * 8));
      const [A, X] = [arena.copy(a), arena.copy(x)];
      if (op === 'dot') {
        return one(
          kernel,
          () => void (_sink += simd.dotSimd(A, X)),
          () => Float64Array.of(simd.dotSimd(A, X)),
        );
      }
      const dense: Dense = { rows, cols, dtype: 'f64', data: A };
      const Y = arena.vector('f64', rows);
      return one(
        kernel,
        () => simd.gemvSimd(dense, X, Y),
        () => {
          simd.gemvSimd(dense, X, Y);
          return Float64Array.from(Y);
        },
      );
    }
  }
}

function emptyResult(id: RungId, status: RungStatus, kernel: string, note?: string): RungResult {
  return {
    id,
    label: RUNGS.find((r) => r.id === id)!.label,
    status,
    ...(note === undefined ? {} : { note }),
    kernel,
    nsPerElement: null,
    q1NsPerElement: null,
    q3NsPerElement: null,
    callNs: null,
    spread: null,
    noisy: false,
    reps: null,
    inner: null,
    fixedNs: null,
    fixedShare: null,
    ratioToFastest: null,
    verified: null,
    worstRatio: null,
  };
}

function verify(answer: Float64Array, p: Problem): Verification {
  return verifyProduct(answer, p.ref, () => p.cols, 'f64');
}

/** Ratios between rungs, from their results (also after combining two jobs' halves). */
export function ladderRatios(rungs: readonly RungResult[]): {
  fastest: RungId | null;
  ratios: LadderRatios;
} {
  const ok = rungs.filter((r) => r.status === 'measured' && r.verified && r.nsPerElement! > 0);
  const ns = (id: RungId): number | null => ok.find((r) => r.id === id)?.nsPerElement ?? null;
  const over = (a: number | null, b: number | null): number | null =>
    a !== null && b !== null ? a / b : null;
  const sorted = [...ok].sort((a, b) => a.nsPerElement! - b.nsPerElement!);
  const top = ns('simd') ?? ns('tuned');
  return {
    fastest: sorted[0]?.id ?? null,
    ratios: {
      pythonOverSimd: over(ns('python-loop'), top),
      pythonOverCLoop: over(ns('python-loop'), ns('python-c-loop')),
      interpreterOverTyped: over(ns('interpreter'), ns('typed-array')),
      slowestOverFastest:
        sorted.length > 1 ? sorted.at(-1)!.nsPerElement! / sorted[0]!.nsPerElement! : null,
    },
  };
}

/** Fills each rung's ratio to the fastest verified rung. */
function withRatios(rungs: RungResult[]): RungResult[] {
  const { fastest } = ladderRatios(rungs);
  const best = rungs.find((r) => r.id === fastest)?.nsPerElement ?? null;
  return rungs.map((r) => ({
    ...r,
    ratioToFastest:
      best !== null && r.status === 'measured' && r.verified ? r.nsPerElement! / best : null,
  }));
}

/**
 * Joins results of the same problem measured by different jobs (the CPython
 * rungs in their own worker, the rest in the kernel worker). Later results
 * replace earlier ones rung by rung, unless the later one was not measured.
 */
export function combineLadders(parts: readonly LadderResult[]): LadderResult {
  const first = parts[0];
  if (!first) throw new Error('combineLadders needs at least one result.');
  for (const p of parts) {
    if (p.op !== first.op || p.n !== first.n || p.seed !== first.seed)
      throw new Error('combineLadders: the results measured different problems.');
  }
  const byId = new Map<RungId, RungResult>();
  for (const p of parts) {
    for (const r of p.rungs) {
      const had = byId.get(r.id);
      if (!had || r.status === 'measured' || had.status !== 'measured') byId.set(r.id, r);
    }
  }
  const rungs = withRatios(RUNG_IDS.flatMap((id) => byId.get(id) ?? []));
  const withPython = parts.find((p) => p.python !== null);
  return {
    ...first,
    rungs,
    ...ladderRatios(rungs),
    crossingNs: withPython?.crossingNs ?? null,
    python: withPython?.python ?? null,
    cLoop: withPython?.cLoop ?? null,
    notes: [...new Set(parts.flatMap((p) => p.notes))],
    bytes: Math.max(...parts.map((p) => p.bytes)),
    batches: Math.min(...parts.map((p) => p.batches)),
    shortened: parts.some((p) => p.shortened),
  };
}

/** Time per kernel run from a measurement of calls that each ran the kernel `inner` times. */
function perElement(
  m: { medianMs: number; q1Ms: number; q3Ms: number },
  n: number,
  inner: number,
): Pick<RungResult, 'nsPerElement' | 'q1NsPerElement' | 'q3NsPerElement' | 'callNs'> {
  const ns = (ms: number): number => (ms * 1e6) / inner;
  return {
    nsPerElement: ns(m.medianMs) / n,
    q1NsPerElement: ns(m.q1Ms) / n,
    q3NsPerElement: ns(m.q3Ms) / n,
    callNs: ns(m.medianMs),
  };
}

/**
 * Measures the ladder one step at a time: build the problem, prepare and
 * verify each rung, time all rungs alternately (measureSteps), then each rung
 * again at one element for its fixed cost, and the bare crossing into
 * CPython. Progress counts steps of a plan fixed at the start.
 */
export function* ladderSteps(
  params: LadderParams,
  env: LadderEnv,
): Generator<LadderStep, LadderResult> {
  const notes: string[] = [];
  const n = clampLadderN(params.n);
  if (n !== params.n)
    notes.push(`n = ${params.n} is outside 1–${LADDER_MAX_N}; measured n = ${n}.`);
  const { op, seed } = params;
  const selected = RUNG_IDS.filter((id) => (params.rungs ?? RUNG_IDS).includes(id));
  const overhead = params.overhead ?? true;
  const measure = { ...env.measure, clock: env.clock, resolutionMs: env.resolutionMs };
  const batches = measure.batches ?? 5;
  const python = selected.some(isPython) ? env.python : null;
  const k = selected.length;
  const span = {
    prepare: 1 + k,
    time: 2 * k + batches,
    overhead: overhead ? 2 * k + 3 : 0,
    crossing: python ? 2 + 3 : 0,
  };
  const total = span.prepare + span.time + span.overhead + span.crossing;
  let done = 0;
  const step = (phase: LadderStep['phase'], rung?: RungId): LadderStep => {
    done = Math.min(total, done + 1);
    return { phase, ...(rung ? { rung } : {}), done, total };
  };
  /** A measureSteps run as `units` of this ladder's progress. */
  function* within<R>(
    steps: Generator<MeasureStep, R>,
    phase: LadderStep['phase'],
    units: number,
  ): Generator<LadderStep, R> {
    const start = done;
    for (;;) {
      const next = steps.next();
      if (next.done) {
        done = start + units;
        return next.value;
      }
      done = start + Math.round((next.value.done / next.value.total) * units);
      yield { phase, done, total };
    }
  }

  const p = makeProblem(op, n, seed);
  const shape = { rows: p.rows, cols: p.cols, n: p.rows * p.cols };
  if (shape.n !== n)
    notes.push(`gemv multiplies a ${p.rows} × ${p.cols} matrix: ${shape.n} multiply-adds.`);
  if (python) {
    if (op === 'dot') python.setDot(p.a, p.x);
    else python.setGemv(p.a, p.rows, p.cols, p.x);
  }
  yield step('prepare');

  const prepared: Prepared[] = [];
  const results = new Map<RungId, RungResult>();
  for (const id of selected) {
    const r = prepareRung(id, op, p, env);
    if ('status' in r) {
      results.set(id, emptyResult(id, r.status, r.kernel, r.note));
      yield step('verify', id);
      continue;
    }
    const answer = r.answer();
    if (params.corrupt === id) answer[0] = answer[0]! + 1 + Math.abs(answer[0]!);
    const v = verify(answer, p);
    const result = emptyResult(id, v.ok ? 'measured' : 'failed', r.kernel);
    results.set(id, { ...result, verified: v.ok, worstRatio: v.worstRatio, inner: r.inner });
    prepared.push(r);
    yield step('verify', id);
  }
  if (selected.includes('simd') && !env.simd)
    notes.push('WebAssembly SIMD is unavailable here: the top of the ladder is the tuned rung.');

  // Time every rung that ran, verified or not; a failed rung is timed but never ranked.
  let outcomeBatches = batches;
  let shortened = false;
  if (prepared.length > 0) {
    const outcome = yield* within(
      measureSteps(
        prepared.map((r) => r.call),
        { ...measure, batches },
      ),
      'time',
      span.time,
    );
    outcomeBatches = outcome.batches;
    shortened = outcome.shortened;
    prepared.forEach((r, i) => {
      const m = outcome.runs[i]!;
      results.set(r.id, {
        ...results.get(r.id)!,
        ...perElement(m, shape.n, r.inner),
        spread: m.spread,
        noisy: m.noisy,
        reps: m.reps,
      });
    });
    if (shortened) {
      const slowest = Math.max(...outcome.firstCallMs);
      notes.push(
        `The slowest rung takes about ${Math.round(slowest)} ms per call at this size, so this measurement used a one-call warm-up and ${outcome.batches} batches, to finish within a few seconds.`,
      );
    }
  } else done += span.time;

  // Fixed cost per call: every rung again at one element.
  if (overhead && prepared.length > 0) {
    const tiny = makeProblem(op, 1, seed);
    if (python) {
      if (op === 'dot') python.setDot(tiny.a, tiny.x);
      else python.setGemv(tiny.a, 1, 1, tiny.x);
    }
    const small = prepared.map((r) => prepareRung(r.id, op, tiny, env) as Prepared);
    const fixed = yield* within(
      measureSteps(
        small.map((r) => r.call),
        { ...measure, batches: 3, budgetMs: Infinity },
      ),
      'overhead',
      span.overhead,
    );
    small.forEach((r, i) => {
      const had = results.get(r.id)!;
      const fixedNs = (fixed.runs[i]!.medianMs * 1e6) / r.inner;
      results.set(r.id, {
        ...had,
        fixedNs,
        fixedShare: had.callNs ? Math.min(1, fixedNs / had.callNs) : null,
      });
    });
  } else done += span.overhead;

  let crossingNs: number | null = null;
  if (python && prepared.some((r) => isPython(r.id))) {
    const crossing = yield* within(
      measureSteps([() => python.run('crossing', 0)], {
        ...measure,
        batches: 3,
        budgetMs: Infinity,
      }),
      'overhead',
      span.crossing,
    );
    crossingNs = crossing.runs[0]!.medianMs * 1e6;
  }
  python?.clear();

  const rungs = withRatios(selected.map((id) => results.get(id)!));
  return {
    op,
    n: shape.n,
    rows: p.rows,
    cols: p.cols,
    seed,
    rungs,
    ...ladderRatios(rungs),
    crossingNs,
    python: python?.description ?? null,
    cLoop: python?.cLoop ?? null,
    notes,
    bytes: ladderBytes({ ...params, n }, env.simd?.overheadBytes),
    batches: outcomeBatches,
    shortened,
  };
}

/** `ladderSteps` straight through (scripts and tests). */
export function measureLadder(params: LadderParams, env: LadderEnv): LadderResult {
  return drain(ladderSteps(params, env));
}
