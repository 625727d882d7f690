/**
 * The hardware lottery, measured: four "ideas", each a real workload, timed on
 * the same CPU in turn and each answer checked.
 *
 *   dense   dense matrix multiply (gemmTuned)       deep learning's workhorse
 *   sparse  sparse matrix × vector at 99 % (spmvCsr) sparse networks
 *   graph   breadth-first search of a random graph  symbolic and graph reasoning
 *   search  backtracking N-queens                    constraint and game-tree search
 *
 * Each idea's rate is in its own unit (FLOP/s, edges/s, nodes/s), and those are
 * not comparable: src/data/lottery.ts divides each by the same idea's rate on a
 * reference machine before ranking. This file only measures.
 */
import { csrBytesFor, csrRowLength, spmvCsr } from '../kernels/csr';
import { gemmTuned, type Dense } from '../kernels/dense';
import { randomDense, randomVector } from '../kernels/generate';
import { bfs, graphBytesFor, randomGraph } from '../kernels/graph';
import { countQueens, QUEENS_SOLUTIONS, queensStackLength } from '../kernels/queens';
import { randomCsr } from '../kernels/random-csr';
import { referenceBfs, referenceGemm, referenceSpmv } from '../kernels/reference';
import { MB, MEMORY_BUDGET_BYTES } from './budget';
import type { Clock } from './clock';
import { drain, measureSteps, type MeasureOutcome, type Measurement } from './measure';
import { verifyProduct } from './verify';

export type Idea = 'dense' | 'sparse' | 'graph' | 'search';
export const IDEAS: readonly Idea[] = ['dense', 'sparse', 'graph', 'search'];

/** How readers meet each idea: what it computes, and which school of AI leans on it. */
export const IDEA_LABELS: Readonly<Record<Idea, { name: string; stands: string }>> = {
  dense: { name: 'Dense matrix multiply', stands: 'deep learning' },
  sparse: { name: 'Sparse matrix × vector', stands: 'sparse networks' },
  graph: { name: 'Graph traversal (pointer chasing)', stands: 'symbolic and graph reasoning' },
  search: { name: 'Backtracking search', stands: 'constraint and game-tree search' },
};

export type LotterySize = 'small' | 'large';
export const LOTTERY_SIZES: readonly LotterySize[] = ['small', 'large'];

/** The four tasks at one size. Fixed, so that a reference machine can run exactly the same ones. */
export interface LotteryTasks {
  /** A (n × n) times X (n × k), f64. */
  dense: { n: number; k: number };
  /** n × n CSR with `perRow` nonzeros per row (99 % zeros) times a vector, f64. */
  sparse: { n: number; perRow: number };
  /** A random graph with `degree` out-edges per vertex, searched from vertex 0. */
  graph: { vertices: number; degree: number };
  /** Count every placement of n queens. */
  search: { n: number };
}

/**
 * small: every idea's data fits in a typical core's L2 cache (≤ about 1 MB);
 * large: it spills to L3 and main memory (8 to 32 MB), where the scattered loads of
 * sparse products and graphs pay memory's latency. Search keeps almost no data at
 * any size: its larger board only means a deeper tree.
 */
export const LOTTERY_TASKS: Readonly<Record<LotterySize, LotteryTasks>> = {
  small: {
    dense: { n: 128, k: 128 },
    sparse: { n: 2048, perRow: 20 },
    graph: { vertices: 1 << 15, degree: 8 },
    search: { n: 10 },
  },
  large: {
    dense: { n: 1024, k: 16 },
    sparse: { n: 16384, perRow: 164 },
    graph: { vertices: 1 << 18, degree: 8 },
    search: { n: 12 },
  },
};

export interface LotteryParams {
  size: LotterySize;
  seed: number;
}

export interface LotteryOptions {
  clock: Clock;
  /** The clock's step in ms (from `calibrateResolution`). */
  resolutionMs: number;
  /** Batches per idea (default 5); tests pass fewer. */
  batches?: number;
  /** Roughly how long the timing may take (measureSteps shortens it beyond that). */
  budgetMs?: number;
  /** Test builds only: corrupt the dense answer after timing, so its check must fail. */
  corrupt?: boolean;
}

/** One finished piece of the measurement: what it was, and how far along the whole is. */
export interface LotteryStep {
  phase: 'build' | 'measure' | 'verify';
  /** The idea built or checked (timing steps alternate between all four). */
  idea?: Idea;
  done: number;
  total: number;
}

export interface IdeaRun extends Measurement {
  idea: Idea;
  /** The kernel that ran, as named in src/kernels. */
  kernel: string;
  /** The task in words, sizes included. */
  task: string;
  /** Units of useful work one call does. */
  workPerCall: number;
  workUnit: 'flop' | 'edge' | 'node';
  /** Useful work per second (the median call). */
  rate: number;
  /** Nanoseconds per unit of work. */
  nsPerStep: number;
  /** Bytes of data the idea works over (its inputs and outputs, not the checks). */
  dataBytes: number;
  verified: boolean;
  /** What the check compared, for readers. */
  check: string;
}

export interface LotteryResult {
  params: LotteryParams;
  tasks: LotteryTasks;
  ideas: IdeaRun[];
  /** Batches taken per idea (fewer than asked when the time budget shortened the run). */
  batches: number;
  /** The time budget cut the warm-up and batches (a slow device). */
  shortened: boolean;
  /** Everything the measurement allocated (`lotteryBytes`). */
  bytes: number;
}

const F64 = 8;

/** Bytes each idea allocates, checks included: what the 256 MB budget must hold. */
export function ideaBytes(tasks: LotteryTasks): Readonly<Record<Idea, number>> {
  const { dense: d, sparse: s, graph: g, search: q } = tasks;
  return {
    // A, X, Y; gemmTuned's n × 4 panel; the reference's y and Σ|terms|.
    dense: F64 * (d.n * d.n + 2 * d.n * d.k + 4 * d.n + 2 * d.n * d.k),
    // CSR and randomCsr's column marks; x, y; the reference's y and Σ|terms|.
    sparse: csrBytesFor(s.n, s.n * s.perRow, 'f64') + 4 * s.n + F64 * 4 * s.n,
    // The graph; dist and queue; the reference's dist.
    graph: graphBytesFor(g.vertices, g.vertices * g.degree) + 4 * 3 * g.vertices,
    // The mask stack.
    search: 4 * queensStackLength(q.n),
  };
}

/** Short-lived scratch (gemmTuned allocates its panel on every call), timings and closures. */
const SCRATCH_BYTES = 2 ** 20;

/** Bytes a lottery run with these params allocates, all four ideas together. */
export function lotteryBytes(params: Pick<LotteryParams, 'size'>): number {
  const b = ideaBytes(LOTTERY_TASKS[params.size]);
  return b.dense + b.sparse + b.graph + b.search + SCRATCH_BYTES;
}

interface Prepared {
  idea: Idea;
  kernel: string;
  task: string;
  workUnit: IdeaRun['workUnit'];
  dataBytes: number;
  run: () => void;
  /** Work one call did (known after the first call for the graph). */
  work: () => number;
  verify: (corrupt: boolean) => { ok: boolean; check: string };
}

function prepareDense(t: LotteryTasks['dense'], seed: number): Prepared {
  const a: Dense = randomDense(t.n, t.n, 'f64', seed);
  const x: Dense = randomDense(t.n, t.k, 'f64', seed + 1);
  const y: Dense = { rows: t.n, cols: t.k, dtype: 'f64', data: new Float64Array(t.n * t.k) };
  return {
    idea: 'dense',
    kernel: 'gemmTuned',
    task: `${t.n} × ${t.n} times ${t.n} × ${t.k}, f64`,
    workUnit: 'flop',
    dataBytes: F64 * (t.n * t.n + 2 * t.n * t.k),
    run: () => gemmTuned(a, x, y),
    work: () => 2 * t.n * t.n * t.k,
    verify: (corrupt) => {
      const mid = y.data.length >> 1;
      if (corrupt) y.data[mid] = y.data[mid]! + 1 + Math.abs(y.data[mid]!);
      const v = verifyProduct(y.data, referenceGemm(a, x), () => t.n, 'f64');
      return { ok: v.ok, check: 'every entry of Y within rounding of an f64 reference product' };
    },
  };
}

function prepareSparse(t: LotteryTasks['sparse'], seed: number): Prepared {
  const a = randomCsr(t.n, t.n, t.perRow, 'f64', seed);
  const x = randomVector(t.n, 'f64', seed + 1);
  const y = new Float64Array(t.n);
  const zeros = (1 - t.perRow / t.n) * 100;
  return {
    idea: 'sparse',
    kernel: 'spmvCsr',
    task: `${t.n} × ${t.n} CSR, ${t.perRow} nonzeros a row (${zeros.toFixed(1)} % zeros), times a vector, f64`,
    workUnit: 'flop',
    dataBytes: csrBytesFor(t.n, t.n * t.perRow, 'f64') + 2 * F64 * t.n,
    run: () => spmvCsr(a, x, y),
    work: () => 2 * t.n * t.perRow,
    verify: () => {
      const v = verifyProduct(y, referenceSpmv(a, x), (i) => csrRowLength(a, i), 'f64');
      return { ok: v.ok, check: 'every entry of y within rounding of an f64 reference' };
    },
  };
}

function prepareGraph(t: LotteryTasks['graph'], seed: number): Prepared {
  const g = randomGraph(t.vertices, t.degree, seed);
  const dist = new Int32Array(t.vertices);
  const queue = new Int32Array(t.vertices);
  let edges = 0;
  return {
    idea: 'graph',
    kernel: 'bfs',
    task: `breadth-first search of a random graph, ${t.vertices.toLocaleString('en')} vertices × ${t.degree} edges`,
    workUnit: 'edge',
    dataBytes: graphBytesFor(t.vertices, t.vertices * t.degree) + 8 * t.vertices,
    run: () => {
      edges = bfs(g, 0, dist, queue).edges;
    },
    work: () => edges,
    verify: () => {
      const ref = referenceBfs(g, 0);
      let ok = ref.edges === edges;
      for (let v = 0; ok && v < t.vertices; v++) ok = dist[v] === ref.dist[v];
      return { ok, check: 'every vertex’s level equals a Bellman–Ford reference' };
    },
  };
}

function prepareSearch(t: LotteryTasks['search']): Prepared {
  const stack = new Int32Array(queensStackLength(t.n));
  let count = { solutions: 0, nodes: 0 };
  return {
    idea: 'search',
    kernel: 'countQueens',
    task: `count every way to place ${t.n} non-attacking queens on a ${t.n} × ${t.n} board`,
    workUnit: 'node',
    dataBytes: stack.byteLength,
    run: () => {
      count = countQueens(t.n, stack);
    },
    work: () => count.nodes,
    verify: () => {
      const known = QUEENS_SOLUTIONS[t.n];
      return {
        ok: count.solutions === known,
        check: `${count.solutions.toLocaleString('en')} solutions, the known count (OEIS A000170)`,
      };
    },
  };
}

/**
 * Measures the four ideas on this machine at one size, one step at a time:
 * builds each seeded task (a step each), times them with measure.ts's protocol
 * (batches taken in turn, so a busy moment lands on every idea; a step per
 * warm-up, calibration and batch), then checks every answer (a step each).
 * An idea whose answer fails is reported `verified: false` and must not be
 * ranked. A worker job runs it with `stepThrough`; `measureLottery` drains it.
 */
export function* lotterySteps(
  params: LotteryParams,
  o: LotteryOptions,
): Generator<LotteryStep, LotteryResult> {
  const tasks = LOTTERY_TASKS[params.size];
  const batches = o.batches ?? 5;
  const k = IDEAS.length;
  // Builds, measureSteps' own steps (warm-up and calibration per idea, then batches), checks.
  let total = k + 2 * k + batches + k;
  let done = 0;
  const builders: Readonly<Record<Idea, () => Prepared>> = {
    dense: () => prepareDense(tasks.dense, params.seed),
    sparse: () => prepareSparse(tasks.sparse, params.seed),
    graph: () => prepareGraph(tasks.graph, params.seed),
    search: () => prepareSearch(tasks.search),
  };
  const prepared: Prepared[] = [];
  for (const idea of IDEAS) {
    prepared.push(builders[idea]());
    yield { phase: 'build', idea, done: ++done, total };
  }
  const timing = measureSteps(
    prepared.map((p) => p.run),
    {
      clock: o.clock,
      resolutionMs: o.resolutionMs,
      batches,
      ...(o.budgetMs === undefined ? {} : { budgetMs: o.budgetMs }),
    },
  );
  let measured: MeasureOutcome;
  for (;;) {
    const next = timing.next();
    if (next.done) {
      measured = next.value;
      break;
    }
    total = k + next.value.total + k; // a shortened run has fewer batches
    done = k + next.value.done;
    yield { phase: 'measure', done, total };
  }
  const ideas: IdeaRun[] = [];
  for (const [i, p] of prepared.entries()) {
    const m = measured.runs[i]!;
    const v = p.verify(o.corrupt === true && p.idea === 'dense');
    const work = p.work();
    ideas.push({
      ...m,
      idea: p.idea,
      kernel: p.kernel,
      task: p.task,
      workPerCall: work,
      workUnit: p.workUnit,
      rate: work / (m.medianMs / 1e3),
      nsPerStep: (m.medianMs * 1e6) / work,
      dataBytes: p.dataBytes,
      verified: v.ok,
      check: v.check,
    });
    yield { phase: 'verify', idea: p.idea, done: ++done, total };
  }
  return {
    params: { size: params.size, seed: params.seed },
    tasks,
    ideas,
    batches: measured.batches,
    shortened: measured.shortened,
    bytes: lotteryBytes(params),
  };
}

/** `lotterySteps` straight through (scripts and the reference measurement). */
export function measureLottery(params: LotteryParams, o: LotteryOptions): LotteryResult {
  return drain(lotterySteps(params, o));
}

/** The size to run within the memory budget: the one asked for, or the small one with a note. */
export function capLottery(
  size: LotterySize,
  budgetBytes: number = MEMORY_BUDGET_BYTES,
): { size: LotterySize; note?: string } {
  const bytes = lotteryBytes({ size });
  if (bytes <= budgetBytes || size === 'small') return { size };
  return {
    size: 'small',
    note: `The large tasks need about ${MB(bytes)}; measured the small ones to stay within the ${MB(budgetBytes)} memory budget.`,
  };
}
