/**
 * The one language spoken between pages and the measuring worker: a
 * discriminated union of typed messages. Jobs carry ids; progress streams;
 * a newer job cancels an older one (see client.ts).
 */
import type { CrossoverResult, Probe } from '../bench/crossover';
import type { Environment } from '../bench/environment';
import type { Measurement } from '../bench/measure';
import type { DType } from '../kernels/types';

/** Dense matrix-vector kernels, named as the essay names them. */
export type DenseTier = 'naive' | 'tuned';

/** Test builds only: make the worker misbehave on purpose (DESIGN.md, fault hook). */
export type Fault = 'corrupt' | 'crash' | 'hang';

export interface PairParams {
  n: number;
  sparsity: number;
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

export interface PairResult {
  params: PairParams;
  nnz: number;
  bytes: { dense: number; csr: number };
  dense: KernelRun;
  sparse: KernelRun;
  /** Dense time / sparse time; null unless both answers verified. */
  speedup: number | null;
  env: Environment;
}

export interface CrossoverParams {
  n: number;
  dtype: DType;
  tier: DenseTier;
  seed: number;
  lo: number;
  hi: number;
}

export type CrossoverOutcome = CrossoverResult & { params: CrossoverParams; env: Environment };

export type JobSpec =
  | { kind: 'environment' }
  | { kind: 'spmv-pair'; params: PairParams }
  | { kind: 'crossover'; params: CrossoverParams };

export type JobKind = JobSpec['kind'];

export interface JobResults {
  environment: Environment;
  'spmv-pair': PairResult;
  crossover: CrossoverOutcome;
}

/** What a job streams while it runs. */
export interface JobProgress {
  environment: never;
  'spmv-pair': never;
  crossover: { probe: Probe; pair: PairResult };
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
