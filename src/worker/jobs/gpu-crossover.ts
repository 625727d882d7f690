/**
 * `gpu-crossover`: where sparse starts to beat dense on the reader's GPU. One
 * bisection (src/bench/crossover.ts) per rival of the GPU's dense product: CSR
 * on the GPU, and the best sparse kernel on this CPU. Points are measured once
 * and shared by both searches; every probe and every finished search streams.
 */
import { findCrossover, type CrossoverResult, type Probe } from '../../bench/crossover';
import type { AdapterDescription } from '../../gpu/open';
import type { GpuTimingMethod } from '../../gpu/timing';
import { defineJob, type JobContext } from '../context';
import {
  measureGpuTier,
  setUpGpu,
  type GpuCurve,
  type GpuRival,
  type GpuTierResult,
} from './gpu-product';

export interface GpuCrossoverParams extends GpuCurve {
  lo: number;
  hi: number;
  /** The searches to run, in order. */
  rivals: GpuRival[];
}

export type GpuCrossoverOutcome = CrossoverResult & {
  rival: GpuRival;
  /** What ran: n after capping, f32. */
  params: GpuCurve & { lo: number; hi: number };
  notes: string[];
  adapter: AdapterDescription;
  adapterLabel: string;
  timing: GpuTimingMethod;
  /** The rival as it ran at the last probe: "CSR on the GPU (spmv-csr-thread)", "csr:simd". */
  rivalKernel: string;
};

export interface GpuCrossoverProgress {
  /** Which rival's search (an index into `rivals`). */
  index: number;
  rival: GpuRival;
  probe?: Probe;
  result?: GpuTierResult;
  /** Set when that search has finished. */
  outcome?: GpuCrossoverOutcome;
}

/** Runs the searches; shared with nothing else, but kept apart from the job for its tests. */
export async function searchGpuCurves(
  params: GpuCrossoverParams,
  ctx: JobContext<unknown>,
  onProgress: (done: number, total: number, detail: GpuCrossoverProgress) => void,
): Promise<GpuCrossoverOutcome[]> {
  const { lo, hi, rivals, ...curve } = params;
  const setup = await setUpGpu(curve, ctx);
  const cpu = rivals.includes('cpu-sparse');
  const measured = new Map<number, GpuTierResult>();
  const at = async (sparsity: number): Promise<GpuTierResult> => {
    let r = measured.get(sparsity);
    if (!r) {
      r = await measureGpuTier(setup, sparsity, ctx, { cpu });
      measured.set(sparsity, r);
    }
    return r;
  };
  const outcomes: GpuCrossoverOutcome[] = [];
  for (const [index, rival] of rivals.entries()) {
    let last: GpuTierResult | undefined;
    const result = await findCrossover(
      async (sparsity) => {
        last = await at(sparsity);
        const probe = rival === 'gpu-csr' ? last.probe : last.versusCpuProbe;
        if (!probe) {
          throw new Error(
            `An answer failed verification at ${(sparsity * 100).toFixed(2)} % sparsity: ` +
              `the search stopped rather than chart a wrong answer. ${last.notes.join(' ')}`,
          );
        }
        return probe;
      },
      {
        lo,
        hi,
        onProbe: (probe, done, total) =>
          onProgress(done, total, { index, rival, probe, result: last! }),
      },
    );
    const r = last!;
    const notes = [...measured.values()].flatMap((m) => m.notes);
    const outcome: GpuCrossoverOutcome = {
      ...result,
      rival,
      params: { ...curve, n: r.params.n, dtype: r.params.dtype, lo, hi },
      notes: notes.filter((n, i) => notes.indexOf(n) === i),
      adapter: r.adapter,
      adapterLabel: r.adapterLabel,
      timing: r.timing,
      rivalKernel:
        rival === 'gpu-csr' ? `CSR on the GPU (${r.sparse.kernel})` : (r.bestCpu?.kernel ?? 'csr'),
    };
    outcomes.push(outcome);
    onProgress(result.probes.length, result.probes.length, { index, rival, outcome });
  }
  return outcomes;
}

export const gpuCrossover = defineJob<
  GpuCrossoverParams,
  GpuCrossoverOutcome[],
  GpuCrossoverProgress
>({
  priority: 0,
  run: (params, ctx) => searchGpuCurves(params, ctx, (d, t, detail) => ctx.progress(d, t, detail)),
});
