/**
 * The product engine: runs named kernels on one seeded problem. It builds the
 * inputs with `buildProblem` (the only way anything here makes a matrix), every
 * format from that one matrix, places the simd tier's arrays in WebAssembly
 * memory, times all the kernels alternately (measure.ts) and verifies every
 * answer (verify.ts). `npm run bench` and the page's worker both drive it, so
 * for one spec they measure the same bits.
 */
import { bsrFromDense, type Bsr } from '../kernels/bsr';
import { cooFromDense } from '../kernels/coo';
import { csrFromDense, type Csr } from '../kernels/csr';
import {
  denseZeros,
  gemmNaive,
  gemmTuned,
  gemvNaive,
  gemvTuned,
  type Dense,
} from '../kernels/dense';
import {
  bytesMoved,
  flops,
  type Format,
  type Matrix,
  spmm,
  spmv,
  storageBytes,
} from '../kernels/matrix';
import { nmFromDense } from '../kernels/nm';
import { PEAK_SCALAR_FLOPS_PER_STEP, peakScalar } from '../kernels/peak';
import type { Structure } from '../kernels/generate';
import { buildProblem, problemChecksum, type BuiltProblem, type Problem } from '../kernels/problem';
import { referenceGemm, termsPerRow } from '../kernels/reference';
import { allocFloat, BYTES, type DType, type FloatArray } from '../kernels/types';
import { PEAK_SIMD_FLOPS_PER_STEP, type SimdKernels, type WasmArena } from '../kernels/wasm';
import type { Clock } from './clock';
import {
  drain,
  measureAlternating,
  measureSteps,
  type MeasureOptions,
  type MeasureStep,
} from './measure';
import { verifyProduct } from './verify';

export type { Problem } from '../kernels/problem';

/** How a kernel is written, as the essay names the rungs: the textbook loop, tuned TypeScript, WebAssembly SIMD. */
export type Tier = 'naive' | 'tuned' | 'simd';

/** Which kernel: a format, a tier, and for BSR the block size ("bsr8:tuned"). */
export interface KernelId {
  format: Format;
  tier: Tier;
  blockSize?: number;
}

/** The tiers each format has. Sparse TypeScript kernels are all written with care: `tuned`. */
export const TIERS: Readonly<Record<Format, readonly Tier[]>> = {
  dense: ['naive', 'tuned', 'simd'],
  csr: ['tuned', 'simd'],
  coo: ['tuned'],
  bsr: ['tuned', 'simd'],
  nm: ['tuned'],
};

/** The id in one style everywhere: "dense:tuned", "csr:simd", "bsr4:tuned". */
export function kernelName(k: KernelId): string {
  return `${k.format}${k.format === 'bsr' ? (k.blockSize ?? 4) : ''}:${k.tier}`;
}

/** The function that runs, as the source names it ("gemvTuned", "spmmCsr", "gemmSimd"), for "show the code". */
export function kernelFunction(k: KernelId, batch: number): string {
  const op = k.format === 'dense' ? (batch === 1 ? 'gemv' : 'gemm') : batch === 1 ? 'spmv' : 'spmm';
  const format =
    k.format === 'dense'
      ? ''
      : k.format === 'nm'
        ? 'Nm'
        : k.format[0]!.toUpperCase() + k.format.slice(1);
  const tier =
    k.tier === 'tuned' && k.format !== 'dense' ? '' : k.tier[0]!.toUpperCase() + k.tier.slice(1);
  return `${op}${format}${tier}`;
}

/** Parses "dense:tuned", "csr:simd", "bsr8:tuned", "nm" (tier defaults to tuned). */
export function parseKernelId(text: string): KernelId {
  const m = /^(dense|csr|coo|bsr|nm)(\d+)?(?::(naive|tuned|simd))?$/.exec(text.trim());
  if (!m)
    throw new Error(
      `Unknown kernel "${text}". Use <format>[:tier], e.g. dense:naive, csr:simd, bsr8:tuned.`,
    );
  const format = m[1] as Format;
  const tier = (m[3] ?? 'tuned') as Tier;
  if (m[2] !== undefined && format !== 'bsr')
    throw new Error(`Only bsr takes a block size ("${text}").`);
  if (!TIERS[format].includes(tier)) {
    throw new Error(`"${format}" has no ${tier} tier; it has: ${TIERS[format].join(', ')}.`);
  }
  const id: KernelId = { format, tier };
  if (format === 'bsr') id.blockSize = Number(m[2] ?? 4);
  return id;
}

export interface RunResult {
  kernel: string;
  op: 'gemv' | 'gemm' | 'spmv' | 'spmm';
  tier: Tier;
  format: Format;
  blockSize: number | null;
  structure: Structure;
  dtype: DType;
  n: number;
  batch: number;
  sparsity: number;
  /** Sparsity of the matrix actually built (2:4 cannot go below 50 %). */
  builtSparsity: number;
  nnz: number;
  /** The function that ran, as the source names it. */
  fn: string;
  /** Fingerprint of the inputs (problemChecksum): equal means bit-identical A and X. */
  inputs: string;
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  spread: number;
  noisy: boolean;
  reps: number;
  flops: number;
  bytesMoved: number;
  storageBytes: number;
  gflops: number;
  /** Compulsory bytes / time: a lower bound on the bandwidth the kernel drew. */
  gbps: number;
  verified: boolean;
  worstRatio: number;
  /** Batches timed (fewer than asked when the time budget shortened the measurement). */
  batches: number;
  shortened: boolean;
  /** How long computing the f64 reference took (once per problem), for the time budget. */
  referenceMs: number;
}

export interface RunContext {
  clock: Clock;
  resolutionMs: number;
  simd: SimdKernels | null;
  measure?: Partial<Omit<MeasureOptions, 'clock' | 'resolutionMs'>>;
  /** Sees the inputs once built (tests compare checksums through it). */
  onBuilt?: (built: BuiltProblem) => void;
  /** Test builds only: changes outputs after timing, before verification (the `corrupt` fault). */
  tamper?: (outputs: FloatArray[]) => void;
}

/** A step of `runProblemSteps`: building the inputs, then the measurement's own steps. */
export type RunStep = { phase: 'build'; done: number; total: number } | MeasureStep;

export function opOf(k: KernelId, batch: number): RunResult['op'] {
  if (k.format === 'dense') return batch === 1 ? 'gemv' : 'gemm';
  return batch === 1 ? 'spmv' : 'spmm';
}

/** Kernels that need the WebAssembly module. */
export const needsSimd = (k: KernelId): boolean => k.tier === 'simd';

interface Prepared {
  id: KernelId;
  matrix: Matrix;
  run: () => void;
  output: FloatArray;
}

/** Builds each format once per problem. */
function formatCache(dense: Dense): (id: KernelId) => Matrix {
  const cache = new Map<string, Matrix>();
  return (id) => {
    const key = id.format === 'bsr' ? `bsr${id.blockSize}` : id.format;
    let m = cache.get(key);
    if (!m) {
      switch (id.format) {
        case 'dense':
          m = dense;
          break;
        case 'csr':
          m = csrFromDense(dense);
          break;
        case 'coo':
          m = cooFromDense(dense);
          break;
        case 'bsr':
          m = bsrFromDense(dense, id.blockSize ?? 4);
          break;
        case 'nm':
          m = nmFromDense(dense);
          break;
      }
      cache.set(key, m);
    }
    return m;
  };
}

function prepare(
  id: KernelId,
  m: Matrix,
  x: Dense,
  p: Problem,
  simd: SimdKernels | null,
  arena: WasmArena | null,
): Prepared {
  const vector = p.batch === 1;
  const xv = x.data;
  if (id.tier === 'simd') {
    if (!simd || !arena) throw new Error('simd kernels are not loaded');
    if (id.format === 'dense') {
      const a = arena.dense(m as Dense);
      if (vector) {
        const xr = arena.copy(xv);
        const y = arena.vector(p.dtype, p.n);
        return { id, matrix: m, output: y, run: () => simd.gemvSimd(a, xr, y) };
      }
      const xr = arena.dense(x);
      const y = arena.zeros(p.n, p.batch, p.dtype);
      return { id, matrix: m, output: y.data, run: () => simd.gemmSimd(a, xr, y) };
    }
    if (id.format === 'bsr') {
      const a = arena.bsr(m as Bsr);
      if (vector) {
        const xr = arena.copy(xv);
        const y = arena.vector(p.dtype, p.n);
        return { id, matrix: m, output: y, run: () => simd.spmvBsrSimd(a, xr, y) };
      }
      const xr = arena.dense(x);
      const y = arena.zeros(p.n, p.batch, p.dtype);
      return { id, matrix: m, output: y.data, run: () => simd.spmmBsrSimd(a, xr, y) };
    }
    const a = arena.csr(m as Csr);
    if (vector) {
      const xr = arena.copy(xv);
      const y = arena.vector(p.dtype, p.n);
      return { id, matrix: m, output: y, run: () => simd.spmvCsrSimd(a, xr, y) };
    }
    const xr = arena.dense(x);
    const y = arena.zeros(p.n, p.batch, p.dtype);
    return { id, matrix: m, output: y.data, run: () => simd.spmmCsrSimd(a, xr, y) };
  }
  if (id.format === 'dense') {
    const a = m as Dense;
    if (vector) {
      const y = allocFloat(p.dtype, p.n);
      const f = id.tier === 'naive' ? gemvNaive : gemvTuned;
      return { id, matrix: m, output: y, run: () => f(a, xv, y) };
    }
    const y = denseZeros(p.n, p.batch, p.dtype);
    const f = id.tier === 'naive' ? gemmNaive : gemmTuned;
    return { id, matrix: m, output: y.data, run: () => f(a, x, y) };
  }
  if (vector) {
    const y = allocFloat(p.dtype, p.n);
    return { id, matrix: m, output: y, run: () => spmv(m, xv, y) };
  }
  const y = denseZeros(p.n, p.batch, p.dtype);
  return { id, matrix: m, output: y.data, run: () => spmm(m, x, y) };
}

/** Bytes the simd kernels of this problem need in WebAssembly memory. */
function arenaBytesFor(
  kernels: readonly KernelId[],
  p: Problem,
  getMatrix: (id: KernelId) => Matrix,
  simd: SimdKernels,
): number {
  const e = BYTES[p.dtype];
  const sizes: number[] = [];
  for (const id of kernels.filter(needsSimd)) {
    const m = getMatrix(id);
    sizes.push(storageBytes(m) + 64, p.n * p.batch * e, p.n * p.batch * e);
  }
  return simd.arenaBytes(...sizes) + 256;
}

/**
 * Times `kernels` alternately on one problem and verifies each answer, one step
 * at a time (see measureSteps): the worker lets other jobs in between steps.
 */
export function* runProblemSteps(
  p: Problem,
  kernels: readonly KernelId[],
  ctx: RunContext,
): Generator<RunStep, RunResult[]> {
  if (kernels.some(needsSimd) && !ctx.simd)
    throw new Error('A simd kernel was asked for, but WebAssembly SIMD is not loaded.');
  const built = buildProblem(p);
  ctx.onBuilt?.(built);
  const { a: dense, x, nnz } = built;
  const inputs = problemChecksum(built);
  const getMatrix = formatCache(dense);
  const arena =
    ctx.simd && kernels.some(needsSimd)
      ? ctx.simd.arena(arenaBytesFor(kernels, p, getMatrix, ctx.simd))
      : null;
  const prepared = kernels.map((id) => prepare(id, getMatrix(id), x, p, ctx.simd, arena));
  yield { phase: 'build', done: 0, total: 1 };
  const outcome = yield* measureSteps(
    prepared.map((k) => k.run),
    { clock: ctx.clock, resolutionMs: ctx.resolutionMs, ...ctx.measure },
  );
  ctx.tamper?.(prepared.map((k) => k.output));
  const t0 = ctx.clock.now();
  const ref = referenceGemm(dense, x);
  const referenceMs = ctx.clock.now() - t0;
  return prepared.map((k, i) => {
    const m = outcome.runs[i]!;
    const terms = termsPerRow(k.matrix);
    const v = verifyProduct(k.output, ref, (idx) => terms[Math.floor(idx / p.batch)]!, p.dtype);
    const f = flops(k.matrix, p.batch);
    const b = bytesMoved(k.matrix, p.batch);
    return {
      kernel: kernelName(k.id),
      fn: kernelFunction(k.id, p.batch),
      inputs,
      op: opOf(k.id, p.batch),
      tier: k.id.tier,
      format: k.id.format,
      blockSize: k.id.format === 'bsr' ? (k.id.blockSize ?? 4) : null,
      structure: p.structure,
      dtype: p.dtype,
      n: p.n,
      batch: p.batch,
      sparsity: p.sparsity,
      builtSparsity: built.sparsity,
      nnz,
      medianMs: m.medianMs,
      q1Ms: m.q1Ms,
      q3Ms: m.q3Ms,
      spread: m.spread,
      noisy: m.noisy,
      reps: m.reps,
      flops: f,
      bytesMoved: b,
      storageBytes: storageBytes(k.matrix),
      gflops: f / (m.medianMs * 1e6),
      gbps: b / (m.medianMs * 1e6),
      verified: v.ok,
      worstRatio: v.worstRatio,
      batches: outcome.batches,
      shortened: outcome.shortened,
      referenceMs,
    };
  });
}

/** `runProblemSteps` straight through (the CLI's way). */
export function runProblem(p: Problem, kernels: readonly KernelId[], ctx: RunContext): RunResult[] {
  return drain(runProblemSteps(p, kernels, ctx));
}

export interface PeakResult {
  kernel: string;
  op: 'peak';
  tier: 'scalar' | 'simd';
  dtype: DType;
  medianMs: number;
  q1Ms: number;
  q3Ms: number;
  gflops: number;
  verified: boolean;
}

/**
 * The peak probes, timed alternately: JS scalar multiply-add, and (when the
 * module is loaded) the SIMD128 loops in f32 and f64. Same-run ratios against
 * these say how close a kernel gets to what this engine can do.
 */
export function runPeaks(ctx: RunContext, steps = 1 << 20): PeakResult[] {
  const probes: {
    kernel: string;
    tier: PeakResult['tier'];
    dtype: DType;
    flops: number;
    run: () => number;
  }[] = [
    {
      kernel: 'peak:scalar',
      tier: 'scalar',
      dtype: 'f64',
      flops: steps * PEAK_SCALAR_FLOPS_PER_STEP,
      run: () => peakScalar(steps),
    },
  ];
  const simd = ctx.simd;
  if (simd) {
    for (const dtype of ['f32', 'f64'] as const) {
      probes.push({
        kernel: `peak:simd-${dtype}`,
        tier: 'simd',
        dtype,
        flops: steps * PEAK_SIMD_FLOPS_PER_STEP[dtype],
        run: () => simd.peakSimd(dtype, steps),
      });
    }
  }
  let sink = 0;
  const ms = measureAlternating(
    probes.map((p) => () => {
      sink += p.run();
    }),
    { clock: ctx.clock, resolutionMs: ctx.resolutionMs, ...ctx.measure },
  );
  return probes.map((p, i) => ({
    kernel: p.kernel,
    op: 'peak',
    tier: p.tier,
    dtype: p.dtype,
    medianMs: ms[i]!.medianMs,
    q1Ms: ms[i]!.q1Ms,
    q3Ms: ms[i]!.q3Ms,
    gflops: p.flops / (ms[i]!.medianMs * 1e6),
    verified: Number.isFinite(sink),
  }));
}
