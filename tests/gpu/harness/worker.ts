/**
 * Runs inside a dedicated worker made from a blob URL (see page.ts): the GPU
 * code is exercised where the site runs it, not on the page's main thread.
 * Answers `{ id, name, arg }` messages with `{ id, ok, result | error }`.
 */
import { systemClock } from '../../../src/bench/clock';
import { csrFromDense } from '../../../src/kernels/csr';
import { generate, randomDense, type Structure } from '../../../src/kernels/generate';
import { referenceSpmm } from '../../../src/kernels/reference';
import type { DType } from '../../../src/kernels/types';
import { createBuffer } from '../../../src/gpu/buffers';
import {
  gpuCrossoverSearch,
  type GpuCrossoverOutcome,
  type GpuCrossoverParams,
} from '../../../src/gpu/crossover';
import { GpuDeviceLostError } from '../../../src/gpu/errors';
import { csrKernel, DENSE_STRATEGIES, denseKernel, type GpuKernel } from '../../../src/gpu/kernels';
import {
  measureGpuProduct,
  type GpuProductParams,
  type GpuProductResult,
} from '../../../src/gpu/measure-product';
import {
  adapterLabel,
  openGpu,
  type Gpu,
  type GpuFeature,
  type GpuLost,
} from '../../../src/gpu/open';
import { csrOperand, denseOperand } from '../../../src/gpu/operands';
import { runOnce } from '../../../src/gpu/run-once';
import type { Storage } from '../../../src/gpu/shaders/common';
import { BufferUsage } from '../../../src/gpu/webgpu-types';
import { boundFor, verifyGpuProduct } from '../../../src/gpu/verify-gpu';

export interface ProbeResult {
  ok: boolean;
  inWorker: boolean;
  reason?: string;
  message?: string;
  detail?: string;
  label?: string;
  adapter?: Gpu['adapter'];
  features?: Gpu['features'];
  limits?: Gpu['limits'];
}

async function probe(): Promise<ProbeResult> {
  const inWorker =
    typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  const opened = await openGpu();
  if (!opened.ok)
    return {
      ok: false,
      inWorker,
      reason: opened.reason,
      message: opened.message,
      detail: opened.detail,
    };
  const { gpu } = opened;
  gpu.close();
  return {
    ok: true,
    inWorker,
    label: adapterLabel(gpu.adapter),
    adapter: gpu.adapter,
    features: gpu.features,
    limits: gpu.limits,
  };
}

export interface KernelCheck {
  kernel: string;
  n: number;
  k: number;
  sparsity: number;
  structure: Structure;
  dtype: DType;
  nnz: number;
  ok: boolean;
  worstRatio: number;
  bound: string;
  /** The worst ratio under the unwidened f32 rule (shows what the f16 widening is for). */
  f32RuleRatio: number;
}

export interface VerifyRequest {
  sizes: number[];
  ks: number[];
  sparsities: number[];
  structures: Structure[];
  dtypes: DType[];
  /** Dense storages to try (f16 is skipped where the device lacks shader-f16). */
  storages: Storage[];
  disableFeatures: GpuFeature[];
  seed: number;
}

async function openOrThrow(
  disableFeatures: GpuFeature[] = [],
  onLost?: (e: GpuLost) => void,
): Promise<Gpu> {
  const opened = await openGpu({ disableFeatures, ...(onLost ? { onLost } : {}) });
  if (!opened.ok) throw new Error(`${opened.message} (${opened.reason}: ${opened.detail})`);
  return opened.gpu;
}

/** Every GPU kernel, once, on every problem of the grid; each answer verified against the f64 reference. */
async function verifyKernels(
  req: VerifyRequest,
): Promise<{ features: Gpu['features']; checks: KernelCheck[] }> {
  const gpu = await openOrThrow(req.disableFeatures);
  const checks: KernelCheck[] = [];
  try {
    for (const n of req.sizes)
      for (const k of req.ks)
        for (const sparsity of req.sparsities)
          for (const structure of req.structures)
            for (const dtype of req.dtypes) {
              const seed = req.seed + n * 7 + k * 13 + Math.round(sparsity * 1000);
              const { dense: a, nnz } = generate({
                rows: n,
                cols: n,
                sparsity,
                dtype,
                seed,
                structure,
              });
              const csr = csrFromDense(a);
              const x = randomDense(n, k, dtype, seed);
              const ref = referenceSpmm(csr, x);
              const owned: Array<{ destroy(): void }> = [];
              const check = async (kernel: GpuKernel, bound: ReturnType<typeof boundFor>) => {
                owned.push(kernel);
                const y = await runOnce(gpu, kernel);
                const v = verifyGpuProduct(y, ref, kernel, bound);
                const f32Rule = verifyGpuProduct(y, ref, kernel, 'f32');
                checks.push({
                  kernel: kernel.name,
                  n,
                  k,
                  sparsity,
                  structure,
                  dtype,
                  nnz,
                  ok: v.ok,
                  worstRatio: v.worstRatio,
                  bound,
                  f32RuleRatio: f32Rule.worstRatio,
                });
              };
              try {
                const x32 = await denseOperand(gpu, 'X', x, 'f32');
                owned.push(x32);
                x32.write();
                for (const storage of req.storages) {
                  if (storage === 'f16' && !gpu.features['shader-f16']) continue;
                  const A = await denseOperand(gpu, 'A', a, storage);
                  const X = storage === 'f32' ? x32 : await denseOperand(gpu, 'X', x, storage);
                  owned.push(A, X);
                  A.write();
                  X.write();
                  for (const strategy of DENSE_STRATEGIES) {
                    await check(await denseKernel(gpu, A, X, strategy), boundFor(storage));
                  }
                }
                const C = await csrOperand(gpu, 'CSR A', csr);
                owned.push(C);
                C.write();
                await check(await csrKernel(gpu, C, x32, 'thread-per-row'), 'f32');
                await check(await csrKernel(gpu, C, x32, 'group-per-row'), 'f32');
              } finally {
                owned.forEach((o) => o.destroy());
              }
            }
  } finally {
    gpu.close();
  }
  return { features: gpu.features, checks };
}

const QUICK = { minBatchMs: 1, minResolutions: 1, batches: 3, maxReps: 8 };

async function measureOnce(
  params: GpuProductParams,
  disableFeatures: GpuFeature[],
  forceWallClock: boolean,
  timing: Record<string, number> = QUICK,
): Promise<GpuProductResult & { progress: number }> {
  const gpu = await openOrThrow(disableFeatures);
  let progress = 0;
  try {
    const result = await measureGpuProduct(params, {
      gpu,
      clock: systemClock,
      resolutionMs: 0.1,
      unit: async (work) => work(),
      progress: () => progress++,
      timing: { ...timing, forceWallClock },
    });
    return { ...result, progress };
  } finally {
    gpu.close();
  }
}

/** Forced loss: the event is reported, a measurement in flight fails with the typed error, a new device works. */
async function deviceLoss(): Promise<{
  reported: GpuLost[];
  lostEvent: GpuLost;
  isLostAfter: boolean;
  inFlight: { name: string; reason: string | null; message: string };
  fresh: { ok: boolean; verified: boolean[]; label: string };
}> {
  const reported: GpuLost[] = [];
  const first = await openOrThrow([], (e) => reported.push(e));
  const params: GpuProductParams = {
    n: 64,
    k: 1,
    sparsity: 0.9,
    structure: 'unstructured',
    dtype: 'f32',
    seed: 5,
  };
  // Lose the device once the measurement is under way (after its first piece of work).
  let units = 0;
  const inFlight = measureGpuProduct(params, {
    gpu: first,
    clock: systemClock,
    resolutionMs: 0.1,
    unit: async (work) => {
      if (++units === 2) void first.forceLoss();
      return work();
    },
    progress: () => {},
    timing: QUICK,
  }).then(
    () => ({ name: 'no error', reason: null, message: '' }),
    (e: unknown) => ({
      name: e instanceof Error ? e.name : 'non-error',
      reason: e instanceof GpuDeviceLostError ? e.lost.reason : null,
      message: e instanceof Error ? e.message : String(e),
    }),
  );
  const failure = await inFlight;
  const lostEvent = await first.lost;
  const fresh = await openOrThrow();
  try {
    const r = await measureGpuProduct(params, {
      gpu: fresh,
      clock: systemClock,
      resolutionMs: 0.1,
      unit: async (work) => work(),
      progress: () => {},
      timing: QUICK,
    });
    return {
      reported,
      lostEvent,
      isLostAfter: first.isLost(),
      inFlight: failure,
      fresh: {
        ok: true,
        verified: [
          r.dense.simple.verified,
          r.dense.cooperative.verified,
          r.sparse['thread-per-row'].verified,
          r.sparse['group-per-row'].verified,
        ],
        label: r.adapterLabel,
      },
    };
  } finally {
    fresh.close();
  }
}

/**
 * Limits smaller than the problem: an oversized buffer and an oversized binding
 * are refused with GpuLimitError, a measurement on a device with a small
 * binding limit is capped with a note, and the device keeps working throughout.
 */
async function limits(): Promise<{
  oversizeBuffer: string;
  oversizeBinding: string;
  capped: { n: number; notes: string[]; verified: boolean[] };
}> {
  const gpu = await openOrThrow();
  const failure = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  try {
    let oversizeBuffer = 'no error';
    try {
      await createBuffer(gpu, 'a huge matrix', gpu.limits.maxBufferSize + 4, BufferUsage.STORAGE);
    } catch (e) {
      oversizeBuffer = failure(e);
    }
    // The same device, pretending its bindings are small (64 KB: a 128 × 128 f32 matrix).
    const small: Gpu = { ...gpu, limits: { ...gpu.limits, maxStorageBufferBindingSize: 2 ** 16 } };
    let oversizeBinding = 'no error';
    const a = generate({
      rows: 200,
      cols: 200,
      sparsity: 0,
      dtype: 'f32',
      seed: 1,
      structure: 'unstructured',
    });
    const A = await denseOperand(gpu, 'A', a.dense, 'f32');
    const X = await denseOperand(gpu, 'X', randomDense(200, 1, 'f32', 1), 'f32');
    try {
      await denseKernel(small, A, X);
    } catch (e) {
      oversizeBinding = failure(e);
    } finally {
      A.destroy();
      X.destroy();
    }
    const r = await measureGpuProduct(
      { n: 256, k: 1, sparsity: 0.9, structure: 'unstructured', dtype: 'f32', seed: 2 },
      {
        gpu: small,
        clock: systemClock,
        resolutionMs: 0.1,
        unit: async (work) => work(),
        progress: () => {},
        timing: QUICK,
      },
    );
    return {
      oversizeBuffer,
      oversizeBinding,
      capped: {
        n: r.params.n,
        notes: r.notes,
        verified: [
          r.dense.simple,
          r.dense.cooperative,
          r.sparse['thread-per-row'],
          r.sparse['group-per-row'],
        ].map((run) => run.verified),
      },
    };
  } finally {
    gpu.close();
  }
}

async function crossover(
  params: GpuCrossoverParams,
): Promise<GpuCrossoverOutcome & { streamed: number }> {
  const gpu = await openOrThrow();
  let streamed = 0;
  try {
    const r = await gpuCrossoverSearch(params, {
      gpu,
      clock: systemClock,
      resolutionMs: 0.1,
      unit: async (work) => work(),
      progress: () => streamed++,
      timing: QUICK,
    });
    return { ...r, streamed };
  } finally {
    gpu.close();
  }
}

const handlers: Record<string, (arg: never) => Promise<unknown>> = {
  probe: () => probe(),
  verifyKernels: (arg: VerifyRequest) => verifyKernels(arg),
  measure: (arg: {
    params: GpuProductParams;
    disableFeatures?: GpuFeature[];
    forceWallClock?: boolean;
    /** Timing overrides; the tests' short batches by default, {} for the real protocol. */
    timing?: Record<string, number>;
  }) => measureOnce(arg.params, arg.disableFeatures ?? [], arg.forceWallClock ?? false, arg.timing),
  deviceLoss: () => deviceLoss(),
  limits: () => limits(),
  crossover: (arg: GpuCrossoverParams) => crossover(arg),
};

self.onmessage = async (e: MessageEvent<{ id: number; name: string; arg: unknown }>) => {
  const { id, name, arg } = e.data;
  try {
    const handler = handlers[name];
    if (!handler) throw new Error(`no handler ${name}`);
    self.postMessage({ id, ok: true, result: await handler(arg as never) });
  } catch (err) {
    self.postMessage({
      id,
      ok: false,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
  }
};
