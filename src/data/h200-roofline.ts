/**
 * The H200's roofline from the shipped measurements (content/data/h200-sparsity/),
 * for the roofline widget's reference overlay: the memory roof is the fastest
 * dense matrix-vector product (it streams the matrix once, so bytes / time is
 * a bandwidth), the compute roofs the fastest dense products per precision.
 * Measured figures, labelled with machine and date; not the datasheet's peaks.
 */
import type { ComputeRoof, MemoryRoof } from '../bench/roofline-model';
import published from '../../content/data/h200-published/peaks.json';
import { H200_SOURCE, type H200Row } from './h200';

const BYTES: Readonly<Record<string, number>> = { fp32: 4, fp16: 2, bf16: 2 };

export interface ReferenceRoofline {
  source: string;
  memory: MemoryRoof;
  compute: ComputeRoof[];
}

export function h200Roofline(rows: readonly H200Row[]): ReferenceRoofline {
  const dense = rows.filter((r) => r.kind === 'gpu' && r.fmt === 'dense' && BYTES[r.dtype]);
  let gbps = 0;
  const best = new Map<string, number>();
  for (const r of dense) {
    const e = BYTES[r.dtype]!;
    if (r.b === 1) gbps = Math.max(gbps, (r.n * r.n * e + 2 * r.n * e) / (r.ms * 1e6));
    const gflops = (2 * r.n * r.n * r.b) / (r.ms * 1e6);
    best.set(r.dtype, Math.max(best.get(r.dtype) ?? 0, gflops));
  }
  return {
    source: H200_SOURCE,
    memory: { tier: 'H200 dense GEMV', gbps, bytes: 0, source: 'reference' },
    compute: [...best].map(([dtype, gflops]) => ({
      tier: `H200 dense ${dtype}`,
      gflops,
      source: 'reference' as const,
    })),
  };
}

/** NVIDIA's published peaks (content/data/h200-published/, status S), in the units the chart uses. */
export const H200_PUBLISHED = {
  source: published.source,
  status: published.status,
  gbps: published.memoryTBps * 1000,
  fp16DenseGflops: published.fp16TensorTflopsDense * 1000,
  fp16SparseGflops: published.fp16TensorTflopsWithSparsity * 1000,
  fp64Gflops: published.fp64Tflops * 1000,
} as const;
