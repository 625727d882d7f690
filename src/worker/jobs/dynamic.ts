/**
 * The `dynamic` job: one layer y = W x where x is the k-winners-take-all of a
 * fresh activation vector every step, so the zeros move every step. Three ways
 * through a step, timed alternately and each verified against a double-
 * precision reference, for several k:
 *
 * - dense:   k-WTA, then the tuned dense GEMV over all n columns (zeros included);
 * - convert: k-WTA, then a CSR of W's active columns built from scratch, then spmvCsr;
 * - gather:  k-WTA, then a format-free kernel that reads W at the k active columns.
 *
 * A fourth, `fixed`, multiplies a CSR built once for one pattern: the cost when
 * the zeros do not move, for comparison with `convert`.
 */
import { capN, dynamicBytes, TIME_BUDGET_MS } from '../../bench/budget';
import type { Environment } from '../../bench/environment';
import { measureSteps, type Measurement } from '../../bench/measure';
import type { RunResult } from '../../bench/runner';
import { verifyProduct } from '../../bench/verify';
import { spmvCsr } from '../../kernels/csr';
import { gemvTuned } from '../../kernels/dense';
import { randomDense } from '../../kernels/generate';
import {
  activations,
  activeCsrWorkspace,
  buildActiveCsr,
  gatherGemv,
  kWinners,
  referenceActiveGemv,
  winnersFor,
} from '../../kernels/kwta';
import { allocFloat, type DType, type FloatArray } from '../../kernels/types';
import { defineJob, stepThrough } from '../context';

/** One way through a step, timed and checked. */
export type KernelRun = Measurement &
  Pick<RunResult, 'kernel' | 'gflops' | 'verified' | 'worstRatio'>;

/** Shares of the n inputs that stay active (k / n). */
export const DYNAMIC_FRACTIONS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5];

/** Distinct activation vectors; step s uses vector s mod STEPS, so the pattern moves every call. */
export const DYNAMIC_STEPS = 8;

export interface DynamicParams {
  n: number;
  dtype: DType;
  seed: number;
  /** Defaults to DYNAMIC_FRACTIONS. */
  fractions?: readonly number[];
}

export interface DynamicRow {
  fraction: number;
  k: number;
  dense: KernelRun;
  convert: KernelRun;
  gather: KernelRun;
  /** CSR built once, pattern fixed: multiply only. */
  fixed: KernelRun;
  /** Dense time / convert time; null unless both verified. */
  convertSpeedup: number | null;
  /** Dense time / gather time; null unless both verified. */
  gatherSpeedup: number | null;
  fixedSpeedup: number | null;
}

export interface DynamicResult {
  params: { n: number; dtype: DType; seed: number };
  notes: string[];
  steps: number;
  rows: DynamicRow[];
  /** Every kernel matched the reference at every k. */
  verified: boolean;
  env: Environment;
}

function kernelRun(
  kernel: string,
  m: Measurement,
  flops: number,
  v: { ok: boolean; worstRatio: number },
): KernelRun {
  return {
    ...m,
    kernel,
    gflops: flops / (m.medianMs * 1e6),
    verified: v.ok,
    worstRatio: v.worstRatio,
  };
}

/** Worst verification over several steps: ok only if every step was. */
function worst(a: { ok: boolean; worstRatio: number }, b: { ok: boolean; worstRatio: number }) {
  return { ok: a.ok && b.ok, worstRatio: Math.max(a.worstRatio, b.worstRatio) };
}

export const dynamic = defineJob<DynamicParams, DynamicResult, { row: DynamicRow }>({
  priority: 0,
  async run(requested, ctx) {
    const fractions = requested.fractions ?? DYNAMIC_FRACTIONS;
    const { dtype, seed } = requested;
    const maxFraction = Math.max(...fractions);
    const cap = capN(
      requested.n,
      (n) => dynamicBytes(n, dtype, winnersFor(n, maxFraction), DYNAMIC_STEPS),
      () => 0, // each row's measurement has its own time budget (below)
      `n = ${requested.n} in ${dtype}`,
    );
    const n = cap.n;
    const notes = cap.note ? [cap.note] : [];
    const corrupt = ctx.fault === 'corrupt';

    const setup = await ctx.unit(() => {
      const W = randomDense(n, n, dtype, seed);
      const acts = activations(n, dtype, seed, DYNAMIC_STEPS);
      const maxK = winnersFor(n, Math.max(...fractions));
      return { W, acts, ws: activeCsrWorkspace(W, maxK) };
    });
    const { W, acts, ws } = setup;
    const scratch = new Float64Array(n);
    const idx = new Int32Array(n);
    const x = allocFloat(dtype, n);
    const yDense = allocFloat(dtype, n);
    const yConvert = allocFloat(dtype, n);
    const yGather = allocFloat(dtype, n);
    const yFixed = allocFloat(dtype, n);

    const rows: DynamicRow[] = [];
    for (const [r, fraction] of fractions.entries()) {
      const k = winnersFor(n, fraction);
      // One step of each way, on the activations of step s.
      const dense = (a: FloatArray): void => {
        kWinners(a, k, idx, x, scratch);
        gemvTuned(W, x, yDense);
      };
      const convert = (a: FloatArray): void => {
        kWinners(a, k, idx, x, scratch);
        spmvCsr(buildActiveCsr(W, idx, k, ws), x, yConvert);
      };
      const gather = (a: FloatArray): void => {
        kWinners(a, k, idx, x, scratch);
        gatherGemv(W, idx, k, x, yGather);
      };
      // The fixed pattern: the CSR and x of step 0, built once (copied out of the shared workspace).
      const pinned = await ctx.unit(() => {
        kWinners(acts[0]!, k, idx, x, scratch);
        const built = buildActiveCsr(W, idx, k, ws);
        return {
          csr: {
            ...built,
            rowPtr: built.rowPtr.slice(),
            colIdx: built.colIdx.slice(),
            values: built.values.slice(),
          },
          x: x.slice(),
          idx: idx.slice(0, k),
        };
      });
      const fixed = (): void => spmvCsr(pinned.csr, pinned.x, yFixed);

      const stepper = (step: (a: FloatArray) => void) => {
        let s = 0;
        return () => step(acts[s++ % DYNAMIC_STEPS]!);
      };
      const measured = await stepThrough(
        ctx,
        measureSteps([stepper(dense), stepper(convert), stepper(gather), fixed], {
          clock: ctx.clock,
          resolutionMs: ctx.env.timerResolutionMs,
          budgetMs: TIME_BUDGET_MS,
          // The kernels are the same functions at every k: after the first, a short warm-up suffices.
          ...(r > 0 ? { warmupMs: 2 } : {}),
        }),
      );
      const [md, mc, mg, mf] = measured.runs as [
        Measurement,
        Measurement,
        Measurement,
        Measurement,
      ];

      const row = await ctx.unit((): DynamicRow => {
        // Verify every way on every step's activations, against a double-precision reference.
        const ok = { ok: true, worstRatio: 0 };
        let vDense = ok;
        let vConvert = ok;
        let vGather = ok;
        for (let s = 0; s < DYNAMIC_STEPS; s++) {
          const a = acts[s]!;
          dense(a);
          convert(a);
          gather(a);
          if (corrupt) {
            const i = n >> 1;
            yGather[i] = yGather[i]! + 1 + Math.abs(yGather[i]!);
          }
          const ref = referenceActiveGemv(W, idx, k, x);
          vDense = worst(
            vDense,
            verifyProduct(yDense, ref, () => n, dtype),
          );
          vConvert = worst(
            vConvert,
            verifyProduct(yConvert, ref, () => k, dtype),
          );
          vGather = worst(
            vGather,
            verifyProduct(yGather, ref, () => k, dtype),
          );
        }
        fixed();
        const vFixed = verifyProduct(
          yFixed,
          referenceActiveGemv(W, pinned.idx, k, pinned.x),
          () => k,
          dtype,
        );

        const denseRun = kernelRun('k-WTA + gemv-tuned', md, 2 * n * n, vDense);
        const convertRun = kernelRun('k-WTA + build CSR + spmv-csr', mc, 2 * n * k, vConvert);
        const gatherRun = kernelRun('k-WTA + gather-gemv', mg, 2 * n * k, vGather);
        const fixedRun = kernelRun('spmv-csr (pattern fixed)', mf, 2 * n * k, vFixed);
        const speedup = (run: KernelRun): number | null =>
          denseRun.verified && run.verified ? md.medianMs / run.medianMs : null;
        return {
          fraction,
          k,
          dense: denseRun,
          convert: convertRun,
          gather: gatherRun,
          fixed: fixedRun,
          convertSpeedup: speedup(convertRun),
          gatherSpeedup: speedup(gatherRun),
          fixedSpeedup: speedup(fixedRun),
        };
      });
      rows.push(row);
      ctx.progress(r + 1, fractions.length, { row });
    }

    return {
      params: { n, dtype, seed },
      notes,
      steps: DYNAMIC_STEPS,
      rows,
      verified: rows.every(
        (r) => r.dense.verified && r.convert.verified && r.gather.verified && r.fixed.verified,
      ),
      env: ctx.env,
    };
  },
});
