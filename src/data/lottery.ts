/**
 * Who wins the lottery, and by how much: pure functions over measured rates.
 *
 * A multiply-add, a stored nonzero, a graph edge and a search node are not the
 * same unit of work, so four raw rates cannot be ranked. Each idea's rate is
 * divided by the same idea's rate, on the same task, on a reference machine:
 * equivalently, every task is sized so that the reference machine finishes it
 * in one second, and the score is how many such tasks this machine finishes
 * per second. A score of 2 means twice the reference's speed at that idea. The
 * ranking then says which idea a change of hardware favours: not which idea is
 * better, and not which uses the machine best.
 *
 * Two draws use that rule: the reader's device against our reference machine
 * (both running the same TypeScript kernels in a browser engine), and the
 * shipped H200 against its own host CPU (both running PyTorch). Ideas with no
 * measurement on one side are listed as unmeasured, never estimated.
 */
import {
  IDEAS,
  type Idea,
  type LotteryResult,
  type LotterySize,
  type LotteryTasks,
} from '../bench/lottery';
import { H200_SOURCE, type H200Row } from './h200';

// ------------------------------------------------------------ the reference file

/** One run of scripts/lottery-reference.ts, kept in the file for provenance. */
export interface ReferenceRun {
  engine: string;
  size: LotterySize;
  run: number;
  userAgent: string;
  rates: Record<Idea, number>;
  spreads: Record<Idea, number>;
}

/** content/data/lottery-reference/reference.json */
export interface LotteryReferenceFile {
  about: string;
  machine: string;
  /** ISO date of the measurement. */
  measured: string;
  seed: number;
  batches: number;
  /** Engine name → version, e.g. chromium → "Chromium 156 (headless)". */
  engines: Record<string, string>;
  /** The engine whose rates the widget divides by. */
  reference: string;
  tasks: Record<LotterySize, LotteryTasks>;
  /** engine → size → idea → useful work per second (median over runs). */
  rates: Record<string, Record<LotterySize, Record<Idea, number>>>;
  runs: ReferenceRun[];
}

/** The reference machine's rates for one size, with the words that label them. */
export interface Reference {
  rates: Record<Idea, number>;
  /** "a 2-vCPU cloud VM (AMD EPYC), Chromium 156, measured 2026-11-29" */
  label: string;
}

export function referenceFor(file: LotteryReferenceFile, size: LotterySize): Reference {
  const rates = file.rates[file.reference]?.[size];
  if (!rates) throw new Error(`The reference file has no ${file.reference} rates at size ${size}.`);
  const engine = file.engines[file.reference] ?? file.reference;
  return { rates, label: `${file.machine}, ${engine}, measured ${file.measured}` };
}

// ------------------------------------------------------------ ranking

/** One idea's share of a change of hardware. */
export interface DrawEntry {
  idea: Idea;
  /** Rate after the change ÷ rate before, or null when a side has no (verified) measurement. */
  factor: number | null;
  /** Why there is no factor, for readers. */
  missing?: string;
}

export interface Draw {
  /** Ranked ideas first, best factor first; unmeasured ideas after, in IDEAS order. */
  entries: DrawEntry[];
  winner: Idea | null;
  /** 1 = dense, 2 = sparse, 3 = graph, 4 = search (IDEAS order + 1); 0 when nothing ranked. */
  winnerCode: number;
  /** Winner's factor ÷ runner-up's; null with fewer than two ranked ideas. */
  margin: number | null;
  /** Best factor ÷ worst; null with fewer than two ranked ideas. */
  spread: number | null;
}

/** Ranks ideas by the factor a change of hardware gave each. */
export function rankDraw(entries: readonly DrawEntry[]): Draw {
  const ranked = entries
    .filter((e): e is DrawEntry & { factor: number } => e.factor !== null && e.factor > 0)
    .sort((a, b) => b.factor - a.factor || IDEAS.indexOf(a.idea) - IDEAS.indexOf(b.idea));
  const unranked = entries
    .filter((e) => !(e.factor !== null && e.factor > 0))
    .sort((a, b) => IDEAS.indexOf(a.idea) - IDEAS.indexOf(b.idea));
  const winner = ranked[0]?.idea ?? null;
  const two = ranked.length >= 2;
  return {
    entries: [...ranked, ...unranked],
    winner,
    winnerCode: winner === null ? 0 : IDEAS.indexOf(winner) + 1,
    margin: two ? ranked[0]!.factor / ranked[1]!.factor : null,
    spread: two ? ranked[0]!.factor / ranked[ranked.length - 1]!.factor : null,
  };
}

/**
 * The reader's draw: each idea's measured rate ÷ the reference machine's rate
 * for the same task. An idea that failed its check gets no score.
 */
export function drawAgainstReference(result: LotteryResult, reference: Reference): Draw {
  return rankDraw(
    IDEAS.map((idea) => {
      const run = result.ideas.find((r) => r.idea === idea);
      if (!run) return { idea, factor: null, missing: 'not measured' };
      if (!run.verified) return { idea, factor: null, missing: 'its answer failed the check' };
      return { idea, factor: run.rate / reference.rates[idea] };
    }),
  );
}

// ------------------------------------------------------------ the H200 draw

export interface SwapOptions {
  /** The GPU side's precision: fp32 (like for like) or fp16 (dense on the tensor cores). */
  gpuDtype: 'fp32' | 'fp16';
  /** The host side: one thread or all 16. */
  hostThreads: 1 | 16;
}

export interface SwapEntry extends DrawEntry {
  task: string;
  hostMs: number | null;
  gpuMs: number | null;
}

export interface Swap {
  from: string;
  to: string;
  source: string;
  entries: SwapEntry[];
  draw: Draw;
}

export const NO_GPU_MEASUREMENT =
  'No measurement: our H200 runs timed dense and sparse products only, so we do not know.';

function pick(rows: readonly H200Row[], want: Partial<H200Row>): H200Row | undefined {
  return rows.find((r) => (Object.keys(want) as (keyof H200Row)[]).every((k) => r[k] === want[k]));
}

/**
 * What moving from the H200's Xeon host to the H200 itself does to each idea,
 * read from the shipped rows: the same PyTorch calls on the same n = 4096 tasks
 * (the only size measured on both). The host ran fp32 only.
 */
export function h200Swap(rows: readonly H200Row[], o: SwapOptions): Swap {
  const host = { kind: 'cpu' as const, n: 4096, dtype: 'fp32', threads: o.hostThreads };
  const gpu = { kind: 'gpu' as const, n: 4096, dtype: o.gpuDtype };
  const pair = (idea: Idea, task: string, want: Partial<H200Row>): SwapEntry => {
    const h = pick(rows, { ...host, ...want });
    const g = pick(rows, { ...gpu, ...want });
    if (!h || !g) {
      return {
        idea,
        task,
        hostMs: h?.ms ?? null,
        gpuMs: g?.ms ?? null,
        factor: null,
        missing: 'a row is missing from the shipped data',
      };
    }
    return { idea, task, hostMs: h.ms, gpuMs: g.ms, factor: h.ms / g.ms };
  };
  const entries: SwapEntry[] = [
    pair('dense', '4096 × 4096 times 4096 × 64, dense', { b: 64, fmt: 'dense', sparsity: 0 }),
    pair('sparse', '4096 × 4096 CSR at 99 % zeros times one vector', {
      b: 1,
      fmt: 'csr',
      sparsity: 0.99,
    }),
    {
      idea: 'graph',
      task: 'graph traversal',
      hostMs: null,
      gpuMs: null,
      factor: null,
      missing: NO_GPU_MEASUREMENT,
    },
    {
      idea: 'search',
      task: 'backtracking search',
      hostMs: null,
      gpuMs: null,
      factor: null,
      missing: NO_GPU_MEASUREMENT,
    },
  ];
  const threads = o.hostThreads === 1 ? '1 thread' : '16 threads';
  return {
    from: `the H200's Xeon host (${threads}, fp32)`,
    to: `one NVIDIA H200 (${o.gpuDtype}${o.gpuDtype === 'fp16' ? ', tensor cores for dense' : ''})`,
    source: H200_SOURCE,
    entries,
    draw: rankDraw(entries),
  };
}

// ------------------------------------------------------------ the software draw

export interface EngineEntry extends DrawEntry {
  /** Useful work per second before and after the change, in the idea's own unit. */
  before: number;
  after: number;
}

export interface EngineSwap {
  from: string;
  to: string;
  source: string;
  entries: EngineEntry[];
  draw: Draw;
}

/**
 * The same reference VM, the same seeded tasks, two JavaScript engines: what
 * changing only the software does to each idea (rates from the reference file).
 */
export function engineSwap(
  file: LotteryReferenceFile,
  size: LotterySize,
  from = 'node',
  to = 'chromium',
): EngineSwap {
  const a = file.rates[from]?.[size];
  const b = file.rates[to]?.[size];
  if (!a || !b) throw new Error(`The reference file has no ${from} and ${to} rates at ${size}.`);
  const entries: EngineEntry[] = IDEAS.map((idea) => ({
    idea,
    before: a[idea],
    after: b[idea],
    factor: b[idea] / a[idea],
  }));
  return {
    from: file.engines[from] ?? from,
    to: file.engines[to] ?? to,
    source: `${file.machine}, measured ${file.measured}`,
    entries,
    draw: rankDraw(entries),
  };
}
