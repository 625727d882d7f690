import { findCrossover, type CrossoverResult, type Probe } from '../bench/crossover';
import {
  measureGpuProduct,
  type GpuMeasureContext,
  type GpuProductParams,
  type GpuProductResult,
} from './measure-product';

export interface GpuCrossoverParams extends Omit<GpuProductParams, 'sparsity'> {
  lo: number;
  hi: number;
}

export type GpuCrossoverOutcome = CrossoverResult & {
  params: GpuCrossoverParams;
  /** The last probe's full result: adapter, timing method, notes, capped n. */
  last: GpuProductResult;
};

/** Detail streamed after each probe: the probe and its full measurement. */
export interface GpuCrossoverProgress {
  probe: Probe;
  result: GpuProductResult;
}

/**
 * Where CSR on the GPU starts to beat dense on the GPU: the CPU's bisection
 * (src/bench/crossover.ts) with measureGpuProduct as its probe. A probe whose
 * answers fail verification stops the search rather than chart a wrong answer.
 */
export async function gpuCrossoverSearch(
  params: GpuCrossoverParams,
  ctx: Omit<GpuMeasureContext, 'progress'> & {
    progress(done: number, total: number, detail: GpuCrossoverProgress): void;
  },
): Promise<GpuCrossoverOutcome> {
  const { lo, hi, ...curve } = params;
  let last: GpuProductResult | undefined;
  const result = await findCrossover(
    async (sparsity) => {
      const r = await measureGpuProduct({ ...curve, sparsity }, { ...ctx, progress: () => {} });
      last = r;
      if (r.speedup === null) {
        throw new Error(
          `A GPU kernel's answer failed verification at ${(sparsity * 100).toFixed(2)} % sparsity: ${r.notes.join(' ')}`,
        );
      }
      const d = r.dense[r.bestDense];
      const s = r.sparse[r.bestSparse];
      return { sparsity, speedup: r.speedup, low: d.q1Ms / s.q3Ms, high: d.q3Ms / s.q1Ms };
    },
    {
      lo,
      hi,
      onProbe: (probe, done, total) => ctx.progress(done, total, { probe, result: last! }),
    },
  );
  return { ...result, params: { ...params, n: last!.params.n }, last: last! };
}
