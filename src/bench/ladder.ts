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
 * Python rungs are timed with our Clock around one call into Python that runs
 * the kernel `reps` times in a Python loop, so the crossing from JavaScript
 * into Python (measured: `crossingNs`) is paid once per batch of at least
 * 5 ms, well under 1 % of it. Sizes run from one element, where fixed costs
 * per call dominate (measured per rung: `fixedNs`, `fixedShare`), to 2^19.
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
import type { Measurement } from './measure';
import { measureInPieces, repeat, type Batch, type PieceOptions } from './pieces';
import type { UnitContext } from './unit-context';
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
    stands: 'compiled by the JIT, over an array that could hold anything',
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

export interface LadderProgress {
  phase: 'prepare' | 'verify' | 'time' | 'overhead';
  rung?: RungId;
}

export interface LadderContext extends UnitContext<LadderProgress> {
  simd: SimdKernels | null;
  /** Why SIMD could not load, when it could not. */
  simdUnavailable?: string;
  python: PythonLadderRunner | null;
  /** Why CPython is absent (default: not loaded). */
  pythonUnavailable?: string;
  measure?: Omit<PieceOptions, 'onPiece'>;
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
}

/** rows × cols of the problem: the vector length for dot, a square matrix for gemv. */
export function ladderShape(op: LadderOp, n: number): { rows: number; cols: number; n: number } {
  if (op === 'dot') return { rows: 1, cols: n, n };
  const m = Math.max(1, Math.round(Math.sqrt(n)));
  return { rows: m, cols: m, n: m * m };
}

/**
 * Bytes per input element at each rung: a double in a typed array; a generic
 * Array with room to grow; a boxed number (object plus list slot, measured at
 * about 67 bytes in Node 20); WebAssembly memory; a Python float (24 bytes)
 * plus its list slot, and the copy made on the way in.
 */
const PER_ELEMENT = {
  typed: 8,
  plain: 16,
  boxed: 72,
  simd: 8,
  python: 40,
} as const;
/** The SIMD module's staging area and static data (wasm.ts): 4 MB and change. */
const SIMD_FIXED = (4 << 20) + 65536;

/** Bytes a ladder job allocates for these params (every copy of every input, outputs included). */
export function ladderBytes(params: LadderParams): number {
  const { rows, cols } = ladderShape(params.op, params.n);
  const rungs = new Set(params.rungs ?? RUNG_IDS);
  // Input elements: dot holds a and b; gemv holds A, x and y.
  const elements = params.op === 'dot' ? 2 * cols : rows * cols + cols + rows;
  let perElement = PER_ELEMENT.typed; // the inputs themselves, always
  if (rungs.has('plain-array')) perElement += PER_ELEMENT.plain;
  if (rungs.has('interpreter')) perElement += PER_ELEMENT.boxed;
  if (rungs.has('simd')) perElement += PER_ELEMENT.simd;
  if (rungs.has('python-loop') || rungs.has('python-c-loop')) perElement += PER_ELEMENT.python;
  const reference = 2 * rows * 8;
  return elements * perElement + reference + (rungs.has('simd') ? SIMD_FIXED : 0);
}

interface Prepared {
  id: RungId;
  kernel: string;
  batch: Batch;
  /** One untimed call's answer, for verification. */
  answer: () => Float64Array;
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
    const abs = referenceDot(a.map(Math.abs), x.map(Math.abs));
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

/** Builds each selected rung's kernel over its own copy of the inputs. */
function prepareRung(
  id: RungId,
  op: LadderOp,
  p: Problem,
  ctx: LadderContext,
): Prepared | { id: RungId; status: RungStatus; note: string; kernel: string } {
  const { rows, cols, a, x } = p;
  // Every result lands here, so no JIT can drop a call whose value goes unused.
  let _sink = 0;
  switch (id) {
    case 'python-loop':
    case 'python-c-loop': {
      const python = ctx.python;
      const kernel: PythonKernel = `${op}-${id === 'python-loop' ? 'loop' : 'c-loop'}`;
      if (!python)
        return {
          id,
          status: 'not-loaded',
          note: ctx.pythonUnavailable ?? 'CPython is not loaded.',
          kernel,
        };
      return {
        id,
        kernel: id === 'python-c-loop' ? python.cLoop : kernel.replace('-', '_'),
        batch: (reps) => python.run(kernel, reps),
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
        return {
          id,
          kernel: 'dotInterpreted',
          batch: repeat(() => {
            _sink += dotInterpreted(program, A, B);
          }),
          answer: () => Float64Array.of(dotInterpreted(program, A, B)),
        };
      }
      const program = compileGemv();
      const [A, X, Y] = [boxRows(a, rows, cols), boxList(x), boxZeros(rows)];
      return {
        id,
        kernel: 'gemvInterpreted',
        batch: repeat(() => gemvInterpreted(program, A, X, Y, cols)),
        answer: () => unboxList(gemvInterpreted(program, A, X, Y, cols), new Float64Array(rows)),
      };
    }
    case 'plain-array': {
      const [A, X] = [plainArray(a), plainArray(x)];
      if (op === 'dot') {
        return {
          id,
          kernel: 'dotPlainArray',
          batch: repeat(() => {
            _sink += dotPlainArray(A, X);
          }),
          answer: () => Float64Array.of(dotPlainArray(A, X)),
        };
      }
      const Y = plainArray(new Float64Array(rows));
      return {
        id,
        kernel: 'gemvPlainArray',
        batch: repeat(() => gemvPlainArray(A, rows, cols, X, Y)),
        answer: () => {
          gemvPlainArray(A, rows, cols, X, Y);
          return Float64Array.from(Y);
        },
      };
    }
    case 'typed-array':
    case 'tuned': {
      const [A, X] = [a.slice(), x.slice()];
      if (op === 'dot') {
        const f = id === 'tuned' ? dotTuned : dotTyped;
        return {
          id,
          kernel: id === 'tuned' ? 'dotTuned' : 'dotTyped',
          batch: repeat(() => {
            _sink += f(A, X);
          }),
          answer: () => Float64Array.of(f(A, X)),
        };
      }
      const f = id === 'tuned' ? gemvTuned : gemvNaive;
      const dense: Dense = { rows, cols, dtype: 'f64', data: A };
      const Y = new Float64Array(rows);
      return {
        id,
        kernel: id === 'tuned' ? 'gemvTuned' : 'gemvNaive',
        batch: repeat(() => f(dense, X, Y)),
        answer: () => {
          f(dense, X, Y);
          return Y.slice();
        },
      };
    }
    case 'simd': {
      const simd = ctx.simd;
      const kernel = op === 'dot' ? 'dotSimd' : 'gemvSimd';
      if (!simd)
        return {
          id,
          status: 'unavailable',
          note: ctx.simdUnavailable ?? 'WebAssembly SIMD is not available here.',
          kernel,
        };
      const arena = simd.arena(simd.arenaBytes(a.byteLength, x.byteLength, rows * 8));
      const [A, X] = [arena.copy(a), arena.copy(x)];
      if (op === 'dot') {
        return {
          id,
          kernel,
          batch: repeat(() => {
            _sink += simd.dotSimd(A, X);
          }),
          answer: () => Float64Array.of(simd.dotSimd(A, X)),
        };
      }
      const dense: Dense = { rows, cols, dtype: 'f64', data: A };
      const Y = arena.vector('f64', rows);
      return {
        id,
        kernel,
        batch: repeat(() => simd.gemvSimd(dense, X, Y)),
        answer: () => {
          simd.gemvSimd(dense, X, Y);
          return Float64Array.from(Y);
        },
      };
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
  };
}

const perElement = (
  m: Measurement,
  n: number,
): Pick<RungResult, 'nsPerElement' | 'q1NsPerElement' | 'q3NsPerElement' | 'callNs'> => ({
  nsPerElement: (m.medianMs * 1e6) / n,
  q1NsPerElement: (m.q1Ms * 1e6) / n,
  q3NsPerElement: (m.q3Ms * 1e6) / n,
  callNs: m.medianMs * 1e6,
});

/** Measures the ladder: prepare every rung, verify each answer, time all rungs in turn. */
export async function measureLadder(
  params: LadderParams,
  ctx: LadderContext,
): Promise<LadderResult> {
  const notes: string[] = [];
  const n = Math.min(LADDER_MAX_N, Math.max(1, Math.round(params.n)));
  if (n !== params.n)
    notes.push(`n = ${params.n} is outside 1–${LADDER_MAX_N}; measured n = ${n}.`);
  const { op, seed } = params;
  const selected = RUNG_IDS.filter((id) => (params.rungs ?? RUNG_IDS).includes(id));
  const overhead = params.overhead ?? true;
  const measure = ctx.measure ?? {};
  const batches = measure.batches ?? 5;
  const withPython = ctx.python !== null && selected.some((id) => id.startsWith('python'));
  // Progress counts units: setup, prepare + verify per rung, then the timing's pieces.
  const total =
    1 +
    2 * selected.length +
    selected.length * (2 + batches) +
    (overhead ? selected.length * (2 + 3) : 0) +
    (withPython ? 2 + 3 : 0);
  let done = 0;
  const step = (detail: LadderProgress, units = 1): void => {
    done = Math.min(total, done + units);
    ctx.progress(done, total, detail);
  };

  const p = await ctx.unit(() => makeProblem(op, n, seed));
  const shape = { rows: p.rows, cols: p.cols, n: p.rows * p.cols };
  if (shape.n !== n)
    notes.push(`gemv multiplies a ${p.rows} × ${p.cols} matrix: ${shape.n} multiply-adds.`);
  step({ phase: 'prepare' });
  if (withPython && ctx.python) {
    const python = ctx.python;
    await ctx.unit(() =>
      op === 'dot' ? python.setDot(p.a, p.x) : python.setGemv(p.a, p.rows, p.cols, p.x),
    );
  }

  const prepared: Prepared[] = [];
  const results = new Map<RungId, RungResult>();
  for (const id of selected) {
    const r = await ctx.unit(() => prepareRung(id, op, p, ctx));
    step({ phase: 'prepare', rung: id });
    if ('status' in r) {
      results.set(id, emptyResult(id, r.status, r.kernel, r.note));
      // Its timing pieces will not happen: count them now.
      step({ phase: 'verify', rung: id }, 1 + (2 + batches) + (overhead ? 2 + 3 : 0));
      continue;
    }
    const answer = await ctx.unit(() => {
      const y = r.answer();
      if (params.corrupt === id) y[0] = y[0]! + 1 + Math.abs(y[0]!);
      return y;
    });
    const v = verify(answer, p);
    const result = emptyResult(id, v.ok ? 'measured' : 'failed', r.kernel);
    results.set(id, { ...result, verified: v.ok, worstRatio: v.worstRatio });
    prepared.push(r);
    step({ phase: 'verify', rung: id });
  }
  if (selected.includes('simd') && !ctx.simd)
    notes.push('WebAssembly SIMD is unavailable here: the top of the ladder is the tuned rung.');

  // Time every rung that ran, verified or not; a failed rung is timed but never ranked.
  const ms = await measureInPieces(
    prepared.map((r) => r.batch),
    ctx,
    { ...measure, batches, onPiece: () => step({ phase: 'time' }) },
  );
  prepared.forEach((r, i) => {
    const m = ms[i]!;
    const had = results.get(r.id)!;
    results.set(r.id, {
      ...had,
      ...perElement(m, shape.n),
      spread: m.spread,
      noisy: m.noisy,
      reps: m.reps,
    });
  });

  // Fixed cost per call: every rung again at one element.
  if (overhead && prepared.length > 0) {
    const tiny = await ctx.unit(() => makeProblem(op, 1, seed));
    if (withPython && ctx.python) {
      const python = ctx.python;
      await ctx.unit(() =>
        op === 'dot' ? python.setDot(tiny.a, tiny.x) : python.setGemv(tiny.a, 1, 1, tiny.x),
      );
    }
    const small = await ctx.unit(() =>
      prepared.map((r) => prepareRung(r.id, op, tiny, ctx) as Prepared),
    );
    const fixed = await measureInPieces(
      small.map((r) => r.batch),
      ctx,
      { ...measure, batches: 3, onPiece: () => step({ phase: 'overhead' }) },
    );
    small.forEach((r, i) => {
      const had = results.get(r.id)!;
      const fixedNs = fixed[i]!.medianMs * 1e6;
      results.set(r.id, {
        ...had,
        fixedNs,
        fixedShare: had.callNs ? Math.min(1, fixedNs / had.callNs) : null,
      });
    });
  }

  let crossingNs: number | null = null;
  if (withPython && ctx.python) {
    const python = ctx.python;
    const [m] = await measureInPieces([repeat(() => python.run('crossing', 0))], ctx, {
      ...measure,
      batches: 3,
      onPiece: () => step({ phase: 'overhead' }),
    });
    crossingNs = m!.medianMs * 1e6;
    await ctx.unit(() => python.clear());
  }

  const rungs = withRatios(selected.map((id) => results.get(id)!));
  ctx.progress(total, total, { phase: 'overhead' });
  return {
    op,
    n: shape.n,
    rows: p.rows,
    cols: p.cols,
    seed,
    rungs,
    ...ladderRatios(rungs),
    crossingNs,
    python: ctx.python?.description ?? null,
    cLoop: ctx.python?.cLoop ?? null,
    notes,
    bytes: ladderBytes({ ...params, n }),
  };
}
