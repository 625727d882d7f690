/**
 * How the WebGPU tier reads, for the lab and the atlas alike. A software
 * adapter (SwiftShader) is WebGPU emulated on the CPU: every sentence then says
 * "software adapter", never "GPU", so its times are never called a GPU's.
 */
import type { GpuProbe } from '../../src/gpu/access';
import type { AdapterDescription } from '../../src/gpu/open';
import type { GpuTimingMethod } from '../../src/gpu/timing';
import type { GpuCrossoverOutcome } from '../../src/worker/jobs/gpu-crossover';
import { formatSparsity } from '../ui/format';
import { isNoisyBand } from './crossover-words';

/** "GPU", or "software adapter" for a fallback adapter. */
export const deviceWord = (a: Pick<AdapterDescription, 'fallback'>): string =>
  a.fallback ? 'software adapter' : 'GPU';

/** The metric the prose branches on: 0 no adapter, 1 a software adapter, 2 a hardware GPU. */
export const adapterKind = (p: GpuProbe): number => (!p.ok ? 0 : p.adapter.fallback ? 1 : 2);

/** The note beside the WebGPU option when there is no adapter ("tier" in the lab, "rows" in the atlas). */
export const noGpuNote = (what: string): string =>
  `This browser exposes no WebGPU adapter, so the WebGPU ${what} unavailable here; everything else measures as before.`;

export const timingWords = (t: GpuTimingMethod): string =>
  t === 'timestamp-query'
    ? 'timestamp queries around each batch of calls'
    : 'the wall clock from submitting each batch until the GPU reported it done';

/**
 * "On this GPU (nvidia ampere), CSR starts to beat dense at about 97 % sparsity."
 * For the CPU rival: "The best sparse kernel on this CPU (csr:simd) starts to beat
 * dense on the GPU at about 99.5 % sparsity."
 */
export function gpuCrossoverSentence(o: GpuCrossoverOutcome): string {
  const dev = deviceWord(o.adapter);
  const where =
    o.rival === 'gpu-csr'
      ? { who: `CSR on this ${dev}`, against: `dense on the same ${dev}` }
      : {
          who: `The best sparse kernel on this CPU (${o.rivalKernel})`,
          against: `dense on the ${dev}`,
        };
  // Said once, on the GPU-against-GPU sentence that comes first.
  const emulated =
    o.adapter.fallback && o.rival === 'gpu-csr'
      ? ' That is a CPU running an emulator of a GPU, not a GPU.'
      : '';
  if (o.kind === 'inside') {
    const at = `${where.who} starts to beat ${where.against} at about ${formatSparsity(o.sparsity)} sparsity`;
    return isNoisyBand(o)
      ? `${at}, though anywhere from ${formatSparsity(o.band[0])} to ${formatSparsity(o.band[1])} is within the noise.${emulated}`
      : `${at}.${emulated}`;
  }
  if (o.kind === 'below') {
    return o.withinNoise
      ? `${where.who} and ${where.against} ran within noise of each other at 0 % sparsity: the crossover is at 0 % or very near it.${emulated}`
      : `${where.who} beats ${where.against} at every sparsity, even 0 %.${emulated}`;
  }
  return o.withinNoise
    ? `Even at ${formatSparsity(o.hi)} sparsity, ${lower(where.who)} only drew level with ${where.against}, within noise.${emulated}`
    : `${where.who} never beats ${where.against}, even at ${formatSparsity(o.hi)} sparsity.${emulated}`;
}

const lower = (s: string): string => s[0]!.toLowerCase() + s.slice(1);
