/**
 * The one language spoken between pages and the measuring worker: a
 * discriminated union of typed messages. Jobs carry ids; progress streams;
 * a newer job cancels an older one (see client.ts).
 */
import type { CrossoverResult, Probe } from '../bench/crossover';
import type { Environment } from '../bench/environment';
import type { Measurement } from '../bench/measure';
import type { Structure } from '../kernels/generate';
import type { DType } from '../kernels/types';
import type { DynamicParams, DynamicResult, DynamicRow } from './dynamic';
import type { FootprintParams, FootprintPoint, FootprintResult } from './footprint';

/** Dense kernels, named as the essay names them. */
export type DenseTier = 'naive' | 'tuned' | 'simd';

/** The sparse formats a product can be measured in. */
export type SparseFormat = 'csr' | 'coo' | 'bsr' | 'nm';

/** Test builds only: make the worker misbehave on purpose (DESIGN.md, fault hook). */
export type Fault = 'corrupt' | 'crash' | 'hang';

/** One dense-vs-sparse product, Y = A·X, on a seeded matrix. */
export interface ProductParams {
  n: number;
  /** Columns of X: 1 = matrix-vector (GEMV vs SpMV), more = matrix-matrix (GEMM vs SpMM). */
  k: number;
  sparsity: number;
  structure: Structure;
  format: SparseFormat;
  dtype: DType;
  tier: DenseTier;
  seed: number;
  fault?: Fault;
}

export interface KernelRun extends Measurement {
  kernel: string;
  gflops: number;
  /** The output matched the double-precision reference within the bound. */
  verified: boolean;
  /** Worst |y − y_ref| / bound over all elements. */
  worstRatio: number;
}

export interface ProductResult {
  /** What actually ran (n after capping, tier after fallback). */
  params: ProductParams;
  /** Why the run differs from the request, in words for the reader. */
  notes: string[];
  nnz: number;
  bytes: { dense: number; sparse: number };
  dense: KernelRun;
  sparse: KernelRun;
  /** Dense time / sparse time; null unless both answers verified. */
  speedup: number | null;
  env: Environment;
}

/** A product's settings without the sparsity, which searches and sweeps vary. */
export type CurveParams = Omit<ProductParams, 'sparsity' | 'fault'>;

export interface CrossoverParams extends CurveParams {
  lo: number;
  hi: number;
}

export type CrossoverOutcome = CrossoverResult & { params: CrossoverParams; env: Environment };

export interface SweepParams extends CurveParams {
  sparsities: number[];
}

export type JobSpec =
  | { kind: 'environment' }
  | { kind: 'product'; params: ProductParams }
  | { kind: 'crossover'; params: CrossoverParams }
  | { kind: 'sweep'; params: SweepParams }
  | { kind: 'footprint'; params: FootprintParams }
  | { kind: 'dynamic'; params: DynamicParams };

export type JobKind = JobSpec['kind'];

export interface JobResults {
  environment: Environment;
  product: ProductResult;
  crossover: CrossoverOutcome;
  sweep: ProductResult[];
  footprint: FootprintResult;
  dynamic: DynamicResult;
}

/** What a job streams while it runs. */
export interface JobProgress {
  environment: never;
  product: never;
  crossover: { probe: Probe; result: ProductResult };
  sweep: { result: ProductResult };
  footprint: { points: FootprintPoint[] };
  dynamic: { row: DynamicRow };
}

export interface Progress<K extends JobKind> {
  done: number;
  total: number;
  detail: JobProgress[K];
}

export type ToWorker = { type: 'run'; id: number; job: JobSpec } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number; detail: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'cancelled'; id: number };
