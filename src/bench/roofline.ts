/**
 * Measuring a roofline on this machine (the model is roofline-model.ts): the
 * peak probes (scalar JS and WebAssembly SIMD multiply-add loops), a memory
 * roof (the mountain's stride-1 read at one working set past the caches), and
 * GEMV, CSR SpMV, GEMM and CSR SpMM through the product engine (runner.ts),
 * each verified, with the kernel library's own FLOP and byte counts.
 */
import { PEAK_SCALAR_FLOPS_PER_STEP, peakScalar } from '../kernels/peak';
import type { DType } from '../kernels/types';
import { PEAK_SIMD_FLOPS_PER_STEP, type SimdKernels } from '../kernels/wasm';
import { productBytes } from './budget';
import type { Clock } from './clock';
import { measureSteps } from './measure';
import { mountainBytes, mountainSteps, type MountainParams } from './mountain';
import {
  placeKernels,
  ridgeIntensity,
  type ComputeRoof,
  type MemoryRoof,
  type PlacedKernel,
  type RooflineKernelInput,
} from './roofline-model';
import { runProblemSteps, type KernelId, type RunContext, type RunResult } from './runner';

export * from './roofline-model';

export interface RooflineParams {
  dtype: DType;
  /** GEMV and SpMV: an n × n matrix times one vector (large enough to outgrow most caches). */
  nVector: number;
  /** GEMM and SpMM: an n × n matrix times `batch` columns. */
  nMatrix: number;
  batch: number;
  /** Share of zeros in the (one, seeded) matrix of each size; GEMV and GEMM multiply it densely. */
  sparsity: number;
  seed: number;
  /** Measure the SIMD tier (peak and dense kernels) when the module is loaded. */
  simd: boolean;
  /** Working set of the memory-roof read; 0 skips it. */
  memoryBytes: number;
  /** Steps of each peak probe call. */
  peakSteps: number;
}

export const ROOFLINE_DEFAULTS: RooflineParams = {
  dtype: 'f64',
  // 1536² × 8 B = 18.9 MB: past most laptops' last-level cache, while one
  // call of the slowest kernel stays near 10 ms.
  nVector: 1536,
  nMatrix: 512,
  batch: 64,
  sparsity: 0.9,
  seed: 1,
  simd: true,
  memoryBytes: 64 * 1024 * 1024,
  peakSteps: 1 << 18,
};

export type RooflineProgress =
  | { kind: 'peak'; roofs: ComputeRoof[] }
  | { kind: 'memory'; roofs: MemoryRoof[] }
  | { kind: 'kernels'; runs: RunResult[] };

/** A piece of work (`work`), or a finished stage with what it measured (`stage`). */
export type RooflineStep =
  { phase: 'work' } | { phase: 'stage'; done: number; total: number; detail: RooflineProgress };

export interface RooflineResult {
  params: RooflineParams;
  /** The probes' speeds, one per tier. */
  probes: ComputeRoof[];
  /** The roofs kernels are placed under: each tier's probe, raised to any faster verified kernel of that tier. */
  compute: ComputeRoof[];
  /** The memory-roof read (SIMD and JS), empty when skipped. */
  memory: MemoryRoof[];
  /** The top compute roof and the fastest memory read (NaN when skipped). */
  peakGflops: number;
  bandwidthGbps: number;
  ridge: number;
  runs: RunResult[];
  /** The runs placed under the read's bandwidth and their own tier's roof. */
  kernels: PlacedKernel[];
  verified: boolean;
  noisy: boolean;
  notes: string[];
}

export interface RooflineRunContext {
  clock: Clock;
  resolutionMs: number;
  simd: SimdKernels | null;
  /** Roughly how long each measurement may take (measureSteps' budgetMs). */
  budgetMs?: number;
  /** Test builds: falsify one element of SpMV's answer after timing (the `corrupt` fault). */
  corrupt?: boolean;
}

/** The memory-roof read: the mountain at one working set, stride 1. */
export const memoryRoofParams = (p: Pick<RooflineParams, 'memoryBytes' | 'simd' | 'seed'>) =>
  ({
    minBytes: p.memoryBytes,
    maxBytes: p.memoryBytes,
    pointsPerOctave: 1,
    strides: [1],
    simd: p.simd,
    batches: 3,
    seed: p.seed,
  }) satisfies MountainParams;

/** The kernels of each product: dense in its JS and (when loaded) SIMD tiers, and CSR. */
export function rooflineKernels(simd: boolean): KernelId[] {
  return [
    { format: 'dense', tier: 'tuned' },
    ...(simd ? [{ format: 'dense', tier: 'simd' } as const] : []),
    { format: 'csr', tier: 'tuned' },
  ];
}

/** The compute roof a kernel tier runs under. */
export const roofTier = (k: Pick<RunResult, 'tier'> | { kernel: string }): 'scalar' | 'simd' =>
  ('tier' in k ? k.tier : k.kernel.split(':')[1]) === 'simd' ? 'simd' : 'scalar';

/**
 * Bytes the roofline allocates: the memory-roof read, then each product in
 * turn (runner.ts's buffers, productBytes). Each is unreachable once the next
 * starts but may not be collected yet, so all are counted, with the small
 * module memory a job leaves when it releases the last (`simdOverheadBytes`).
 */
export function rooflineBytes(p: RooflineParams, simdOverheadBytes?: number): number {
  const kernels = rooflineKernels(p.simd);
  const read = p.memoryBytes > 0 ? mountainBytes(memoryRoofParams(p), simdOverheadBytes) : 0;
  const problem = (n: number, batch: number): number =>
    productBytes(
      { n, batch, dtype: p.dtype, sparsity: 0, structure: 'unstructured', seed: p.seed },
      kernels,
      simdOverheadBytes,
    );
  const release = p.simd ? (simdOverheadBytes ?? 8 * 2 ** 20) : 0;
  return read + problem(p.nVector, 1) + problem(p.nMatrix, p.batch) + release + 2 ** 20;
}

/** Runs a step generator, reporting each of its steps as a piece of work. */
function* work<S, R>(steps: Generator<S, R>): Generator<RooflineStep, R> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    yield { phase: 'work' };
  }
}

/**
 * runProblemSteps, started over when another job in this worker gave the
 * WebAssembly module a fresh memory between two steps: the SIMD kernel's
 * arrays would no longer be resident, and each call would copy them in (and
 * time the copy).
 */
function* residentRun(
  make: () => Generator<unknown, RunResult[]>,
  simd: SimdKernels | null,
  notes: string[],
): Generator<RooflineStep, RunResult[]> {
  for (let attempt = 0; ; attempt++) {
    const steps = make();
    let memory: WebAssembly.Memory | null = null;
    let lost = false;
    for (;;) {
      if (memory && simd && simd.memory !== memory && attempt < 2) {
        lost = true;
        break;
      }
      const next = steps.next();
      if (next.done) return next.value;
      memory ??= simd?.memory ?? null;
      yield { phase: 'work' };
    }
    if (lost && attempt === 0) {
      notes.push(
        'Another measurement on this page used the WebAssembly memory in between, so a product was measured again.',
      );
    }
  }
}

export function* rooflineSteps(
  params: RooflineParams,
  ctx: RooflineRunContext,
): Generator<RooflineStep, RooflineResult> {
  const notes: string[] = [];
  const simd = params.simd ? ctx.simd : null;
  if (params.simd && !simd) {
    notes.push('WebAssembly SIMD is not available here: the SIMD roof and kernels were skipped.');
  }
  const total = 3 + (params.memoryBytes > 0 ? 1 : 0);
  let done = 0;
  const timing = {
    clock: ctx.clock,
    resolutionMs: ctx.resolutionMs,
    ...(ctx.budgetMs === undefined ? {} : { budgetMs: ctx.budgetMs }),
  };

  // Compute roofs: the probes, timed alternately.
  const probes: { tier: 'scalar' | 'simd'; flops: number; run: () => number }[] = [
    {
      tier: 'scalar',
      flops: params.peakSteps * PEAK_SCALAR_FLOPS_PER_STEP,
      run: () => peakScalar(params.peakSteps),
    },
  ];
  if (simd) {
    probes.push({
      tier: 'simd',
      flops: params.peakSteps * PEAK_SIMD_FLOPS_PER_STEP[params.dtype],
      run: () => simd.peakSimd(params.dtype, params.peakSteps),
    });
  }
  let sink = 0;
  const peaks = yield* work(
    measureSteps(
      probes.map((p) => () => {
        sink += p.run();
      }),
      timing,
    ),
  );
  if (!Number.isFinite(sink)) notes.push('A peak probe returned a non-finite checksum.');
  const probeRoofs = probes.map((p, i): ComputeRoof => ({
    tier: p.tier,
    gflops: p.flops / (peaks.runs[i]!.medianMs * 1e6),
    source: 'measured',
  }));
  yield { phase: 'stage', done: ++done, total, detail: { kind: 'peak', roofs: probeRoofs } };

  // Memory roof: the mountain's stride-1 read at one working set past the caches.
  const memory: MemoryRoof[] = [];
  if (params.memoryBytes > 0) {
    const read = yield* work(
      mountainSteps(memoryRoofParams({ ...params, simd: simd !== null }), {
        clock: ctx.clock,
        resolutionMs: ctx.resolutionMs,
        simd,
      }),
    );
    for (const point of read.points) {
      memory.push({ tier: point.kernel, gbps: point.gbps, bytes: point.bytes, source: 'measured' });
    }
    if (!read.verified) notes.push('The memory-roof read did not verify.');
    yield { phase: 'stage', done: ++done, total, detail: { kind: 'memory', roofs: memory } };
  }

  // The products: one seeded matrix per size, every kernel on it, timed alternately.
  const kernels = rooflineKernels(simd !== null);
  const runs: RunResult[] = [];
  for (const [n, batch] of [
    [params.nVector, 1],
    [params.nMatrix, params.batch],
  ] as const) {
    const rc: RunContext = {
      clock: ctx.clock,
      resolutionMs: ctx.resolutionMs,
      simd,
      measure: ctx.budgetMs === undefined ? {} : { budgetMs: ctx.budgetMs },
      ...(ctx.corrupt && batch === 1
        ? {
            tamper: (outputs) => {
              const y = outputs.at(-1)!; // CSR's answer
              const i = y.length >> 1;
              y[i] = y[i]! + 1 + Math.abs(y[i]!);
            },
          }
        : {}),
    };
    const problem = {
      structure: 'unstructured' as const,
      dtype: params.dtype,
      n,
      batch,
      sparsity: params.sparsity,
      seed: params.seed,
    };
    const made = yield* residentRun(() => runProblemSteps(problem, kernels, rc), simd, notes);
    runs.push(...made);
    yield { phase: 'stage', done: ++done, total, detail: { kind: 'kernels', runs: made } };
  }

  // A roof must bound what ran under it: if a verified kernel beat its tier's
  // probe (a busy moment during the probe), raise that roof to the kernel.
  const compute = probeRoofs.map((roof): ComputeRoof => {
    const fastest = runs
      .filter((r) => r.verified && roofTier(r) === roof.tier)
      .reduce<RunResult | null>((a, r) => (a && a.gflops >= r.gflops ? a : r), null);
    if (!fastest || fastest.gflops <= roof.gflops) return roof;
    notes.push(
      `${fastest.kernel} ran at ${fastest.gflops.toFixed(1)} GFLOP/s, faster than the ${roof.tier} peak probe ` +
        `(${roof.gflops.toFixed(1)}): that roof is drawn at the kernel's speed.`,
    );
    return { ...roof, gflops: fastest.gflops };
  });
  const peakGflops = Math.max(...compute.map((r) => r.gflops));
  const bandwidthGbps = memory.length > 0 ? Math.max(...memory.map((r) => r.gbps)) : NaN;
  const roofOf = (k: RooflineKernelInput): number =>
    compute.find((c) => c.tier === roofTier(k))?.gflops ?? peakGflops;
  return {
    params,
    probes: probeRoofs,
    compute,
    memory,
    peakGflops,
    bandwidthGbps,
    ridge: ridgeIntensity(peakGflops, bandwidthGbps),
    runs,
    kernels: Number.isFinite(bandwidthGbps) ? placeKernels(runs, roofOf, bandwidthGbps) : [],
    verified: runs.every((r) => r.verified),
    noisy: runs.some((r) => r.noisy),
    notes,
  };
}
