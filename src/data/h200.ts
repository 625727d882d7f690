/**
 * The shipped reference measurements (content/data/h200-sparsity/): one NVIDIA
 * H200 and its Xeon host, measured 2026-11-28. Fetched only when a reader asks
 * to compare, and always labelled with machine and date — never mixed silently
 * with what this device measured.
 */
import { interpolateCrossover } from '../bench/crossover';
import { siteUrl } from '../state/site';

export const H200_SOURCE =
  'measured on one NVIDIA H200 (PyTorch 2.11, CUDA 13.0) and its Xeon host, 2026-11-28';
/** Where the shipped files are served (a path on this site: see siteUrl for an absolute address). */
export const H200_BASE = '/data/h200-sparsity/';

export interface H200Row {
  kind: 'gpu' | 'cpu' | 'meta';
  n: number;
  b: number;
  sparsity: number;
  dtype: string;
  fmt: string;
  ms: number;
  speedup?: number;
  threads?: number;
}

export interface ReferencePoint {
  sparsity: number;
  speedup: number;
}

export interface Selection {
  kind: 'gpu' | 'cpu';
  n: number;
  b: number;
  dtype: string;
  fmt: string;
  threads?: number;
}

export function parseJsonl(text: string): H200Row[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as H200Row);
}

/** Speedup of a sparse format over dense, by sparsity, for one configuration. */
export function referenceCurve(rows: readonly H200Row[], s: Selection): ReferencePoint[] {
  return rows
    .filter(
      (r) =>
        r.kind === s.kind &&
        r.n === s.n &&
        r.b === s.b &&
        r.dtype === s.dtype &&
        r.fmt === s.fmt &&
        (s.threads === undefined || r.threads === s.threads) &&
        typeof r.speedup === 'number',
    )
    .map((r) => ({ sparsity: r.sparsity, speedup: r.speedup! }))
    .sort((a, b) => a.sparsity - b.sparsity);
}

/**
 * Where a measured curve first crosses 1×, interpolating log-speedup on the
 * nines scale between the two points around it; null when it never crosses.
 */
export function curveCrossover(curve: readonly ReferencePoint[]): number | null {
  if (curve.length > 0 && curve[0]!.speedup >= 1) return curve[0]!.sparsity;
  for (let i = 1; i < curve.length; i++) {
    const [a, b] = [curve[i - 1]!, curve[i]!];
    if (a.speedup < 1 && b.speedup >= 1) return interpolateCrossover(a, b);
  }
  return null;
}

/** The curves the essay compares against, named for readers. */
export const REFERENCE_SERIES: readonly { label: string; short: string; selection: Selection }[] = [
  {
    label: 'H200 GPU, fp16 tensor cores vs CSR, 8192 × 8192 × 512',
    short: 'H200 fp16 tensor cores, k = 512',
    selection: { kind: 'gpu', n: 8192, b: 512, dtype: 'fp16', fmt: 'csr' },
  },
  {
    label: 'H200 GPU, fp32 vs CSR, 8192 × 8192 × 512',
    short: 'H200 fp32, k = 512',
    selection: { kind: 'gpu', n: 8192, b: 512, dtype: 'fp32', fmt: 'csr' },
  },
  {
    label: 'H200 GPU, fp32 vs CSR, 8192 × 8192, one vector',
    short: 'H200 fp32, one vector',
    selection: { kind: 'gpu', n: 8192, b: 1, dtype: 'fp32', fmt: 'csr' },
  },
  {
    label: 'Xeon host, 1 thread, fp32 vs CSR, 4096 × 4096, one vector',
    short: 'Xeon 1 thread, one vector',
    selection: { kind: 'cpu', n: 4096, b: 1, dtype: 'fp32', fmt: 'csr', threads: 1 },
  },
  {
    label: 'Xeon host, 1 thread, fp32 vs CSR, 4096 × 4096 × 64',
    short: 'Xeon 1 thread, k = 64',
    selection: { kind: 'cpu', n: 4096, b: 64, dtype: 'fp32', fmt: 'csr', threads: 1 },
  },
];

let cached: Promise<H200Row[]> | undefined;

/** The unstructured-sparsity rows, fetched once per page from this site. */
export function loadH200(): Promise<H200Row[]> {
  cached ??= fetch(siteUrl(`${H200_BASE}unstructured.jsonl`)).then((r) => {
    if (!r.ok) throw new Error(`Could not load the reference data (HTTP ${r.status}).`);
    return r.text().then(parseJsonl);
  });
  return cached;
}
