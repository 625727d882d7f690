/**
 * `gpu-product`: the lab's WebGPU tier at one sparsity. Dense on the GPU
 * against CSR on the GPU (src/gpu/measure-product.ts: two kernels a side, every
 * answer read back and verified), then the best sparse kernel of this CPU on
 * the same problem, so the reader sees both races: GPU against GPU, and the
 * GPU's dense product against the CPU's sparse one.
 *
 * Also the shared machinery of the other GPU jobs (gpu-crossover, gpu-sweep):
 * the adapter check, capping to the GPU's budgets and limits, recovering from a
 * lost device or an allocation the GPU refused, and the result a widget shows.
 */
import {
  capN,
  measurementMs,
  productBytes,
  REFERENCE_KERNEL,
  TIME_BUDGET_MS,
} from '../../bench/budget';
import type { Probe } from '../../bench/crossover';
import { runProblemSteps, type KernelId, type RunResult } from '../../bench/runner';
import type { GpuProbe } from '../../gpu/access';
import {
  GPU_DEFAULT_GFLOPS,
  gpuCallMs,
  gpuProductBytes,
  gpuTierBytes,
  type GpuRateKernel,
} from '../../gpu/budget';
import { GpuDeviceLostError, GpuLimitError, GpuOutOfMemoryError } from '../../gpu/errors';
import {
  measureGpuProduct,
  type GpuKernelRun,
  type GpuMeasureContext,
  type GpuProductResult,
} from '../../gpu/measure-product';
import type { AdapterDescription, Gpu, GpuLost } from '../../gpu/open';
import type { GpuTimingMethod } from '../../gpu/timing';
import type { Problem } from '../../kernels/problem';
import { defineJob, type JobContext } from '../context';
import { calibrate } from './product';

/** Calls of each GPU kernel in one measurement at least: a warm-up, a calibration, five batches. */
const GPU_ROUNDS = 7;

/** A GPU curve: a problem without its sparsity (which searches and sweeps vary). */
export type GpuCurve = Omit<Problem, 'sparsity' | 'blockSize'>;
export type GpuTierParams = GpuCurve & { sparsity: number };

/** Which rival the GPU's dense product races: CSR on the GPU, or the best sparse kernel on this CPU. */
export type GpuRival = 'gpu-csr' | 'cpu-sparse';

export interface GpuSetup {
  /** What will run: n after capping, f32. Lowered further if the GPU refuses a buffer. */
  params: GpuCurve;
  notes: string[];
  adapter: AdapterDescription;
  adapterLabel: string;
  /** The CPU's sparse kernels raced for "best CPU sparse": CSR in TypeScript, and in SIMD where it loaded. */
  cpuKernels: KernelId[];
}

export interface GpuTierResult {
  /** What ran: n after capping, f32. */
  params: GpuTierParams;
  /** Everything the reader should know: caps, fallbacks, a lost device and its recovery. */
  notes: string[];
  adapter: AdapterDescription;
  /** "nvidia ampere", or "google swiftshader (software fallback, not a GPU)". */
  adapterLabel: string;
  /** How the GPU kernels were timed (uploads always on the wall clock). */
  timing: GpuTimingMethod;
  gpu: GpuProductResult;
  /** The faster dense and CSR kernels on the GPU. */
  dense: GpuKernelRun;
  sparse: GpuKernelRun;
  /** GPU dense time / GPU CSR time; null unless all four GPU answers verified. */
  speedup: number | null;
  probe: Probe | null;
  /** The CPU's sparse kernels on the same problem (empty when the job did not ask for them). */
  cpu: RunResult[];
  /** The faster verified one. */
  bestCpu: RunResult | null;
  /** GPU dense time / best CPU sparse time: above 1 the CPU's sparse kernel wins. */
  versusCpu: number | null;
  versusCpuProbe: Probe | null;
}

/** What a GPU job reports after each stage. */
export interface GpuTierProgress {
  stage: 'gpu' | 'cpu';
}

const GPU_RATE_OF = {
  simple: 'gpu:dense-simple',
  cooperative: 'gpu:dense-cooperative',
  'thread-per-row': 'gpu:csr-thread-per-row',
  'group-per-row': 'gpu:csr-group-per-row',
} as const satisfies Record<string, GpuRateKernel>;

/**
 * Checks for an adapter, settles the precision and caps n to every budget: the
 * GPU's memory (host and device) plus the CPU side's, a few seconds for each
 * side's measurement, and the device's limits (capGpuProblem, inside the
 * measurement). Every point of a curve shares the result, so it shares one n.
 */
export async function setUpGpu(requested: GpuCurve, ctx: JobContext<unknown>): Promise<GpuSetup> {
  const probe: GpuProbe = await ctx.gpu.probe();
  if (!probe.ok) {
    throw new Error(`${probe.message} The WebGPU tier needs one; the CPU tiers work as before.`);
  }
  const notes: string[] = [];
  if (requested.dtype === 'f64') {
    notes.push(
      'WebGPU has no f64, so the WebGPU tier ran in f32, on the GPU and on the CPU alike.',
    );
  }
  const cpuKernels: KernelId[] = [{ format: 'csr', tier: 'tuned' }];
  if (ctx.simd) cpuKernels.push({ format: 'csr', tier: 'simd' });
  const curve: GpuCurve = { ...requested, dtype: 'f32' };
  const kind = probe.adapter.fallback ? 'software' : 'hardware';
  const rate = (kernel: string, matrixBytes: number, fallback: number): number => {
    const key = { kernel, dtype: 'f32' as const, batch: curve.batch, matrixBytes };
    return ctx.rates.measured(key) ? ctx.rates.gflops(key) : fallback;
  };
  // The CPU's sparse kernels get their rates the way the CPU tiers do; the GPU's come from
  // measurements on this adapter, or from defaults by kind of adapter until there are some.
  await calibrate({ ...curve, format: 'csr', tier: 'tuned' }, cpuKernels, ctx);
  const cpuBytes = (n: number) =>
    productBytes({ ...curve, n, sparsity: 0 }, cpuKernels, ctx.simd?.overheadBytes);
  const gpuMs = (n: number) =>
    GPU_ROUNDS *
      gpuCallMs(n, curve.batch, (id, bytes) => rate(id, bytes, GPU_DEFAULT_GFLOPS[kind][id])) +
    ctx.rates.estimateMs(
      { kernel: REFERENCE_KERNEL, dtype: 'f32', batch: curve.batch, matrixBytes: n * n * 4 },
      2 * n * n * curve.batch,
    );
  const capped = capN(
    requested.n,
    (n) => gpuTierBytes(gpuProductBytes({ n, k: curve.batch, dtype: 'f32' }), cpuBytes(n)),
    // One point measures the GPU side, then the CPU's: together within the time budget.
    (n) => gpuMs(n) + measurementMs({ ...curve, n, sparsity: 0 }, cpuKernels, ctx.rates),
    `The WebGPU tier at n = ${requested.n}${curve.batch > 1 ? ` with a batch of ${curve.batch}` : ''}`,
  );
  if (capped.note) notes.push(capped.note);
  return {
    params: { ...curve, n: capped.n },
    notes,
    adapter: probe.adapter,
    adapterLabel: probe.label,
    cpuKernels,
  };
}

/** Opens (or reopens) the worker's device; a loss since the last job becomes a note. */
async function device(ctx: JobContext<unknown>, notes: string[]): Promise<Gpu> {
  const opened = await ctx.gpu.open();
  for (const lost of ctx.gpu.takeLosses()) notes.push(lostNote(lost, 'since the last measurement'));
  if (!opened.ok) throw new Error(`${opened.message} ${opened.detail}`);
  return opened.gpu;
}

function lostNote(lost: GpuLost, when: string): string {
  const why = lost.forced
    ? 'destroyed on purpose by the test build’s gpu-lost fault'
    : lost.message || lost.reason;
  return `The GPU device was lost ${when} (${why}). It was opened again and the measurement repeated.`;
}

/**
 * The GPU side of one point, surviving what a GPU can do to a page: a lost
 * device is reopened and the point measured again (once; a second loss in a
 * row is an error the reader sees, and the rest of the page keeps working),
 * and an allocation the device refuses (out of memory, or over a limit)
 * halves n, at most twice, with a note naming the refusal.
 */
export async function measureOnGpu(
  setup: GpuSetup,
  sparsity: number,
  ctx: JobContext<unknown>,
  notes: string[],
  measure: typeof measureGpuProduct = measureGpuProduct,
): Promise<GpuProductResult> {
  let losses = 0;
  let shrinks = 0;
  for (;;) {
    const gpu = await device(ctx, notes);
    const forceLoss = ctx.fault === 'gpu-lost' && losses === 0;
    try {
      const { n, batch: k, structure, dtype, seed } = setup.params;
      return await measure(
        { n, k, sparsity, structure, dtype, seed },
        gpuContext(ctx, gpu, forceLoss),
      );
    } catch (e) {
      if (e instanceof GpuDeviceLostError) {
        ctx.gpu.takeLosses(); // this one is reported here, not again by the next job
        if (++losses > 1) {
          throw new Error(
            `The GPU device was lost twice in a row (${e.lost.message || e.lost.reason}). ` +
              'Press Measure again, or choose a CPU tier; the rest of the page is unaffected.',
          );
        }
        notes.push(lostNote(e.lost, 'during this measurement'));
        continue;
      }
      if (
        (e instanceof GpuOutOfMemoryError || e instanceof GpuLimitError) &&
        shrinks < 2 &&
        setup.params.n > 16
      ) {
        const n = Math.max(16, Math.floor(setup.params.n / 32) * 16);
        notes.push(`At n = ${setup.params.n}: ${e.message} Measured at n = ${n} instead.`);
        setup.params = { ...setup.params, n }; // later points of the same curve start from the smaller n
        shrinks++;
        continue;
      }
      throw e;
    }
  }
}

/** The measurement's context: the worker's clock and turns; the test build's loss on the second turn. */
function gpuContext(ctx: JobContext<unknown>, gpu: Gpu, forceLoss: boolean): GpuMeasureContext {
  let turns = 0;
  return {
    gpu,
    clock: ctx.clock,
    resolutionMs: ctx.env.timerResolutionMs,
    unit: (work) =>
      ctx.unit(() => {
        // The second turn is the first timed batch: the device goes while work is in flight.
        if (forceLoss && ++turns === 2) void gpu.forceLoss();
        return work();
      }),
    progress: () => {},
  };
}

/** The best sparse kernel on this CPU, on the problem the GPU just measured. */
async function measureOnCpu(
  setup: GpuSetup,
  params: GpuTierParams,
  ctx: JobContext<unknown>,
): Promise<RunResult[]> {
  const steps = runProblemSteps(params, setup.cpuKernels, {
    clock: ctx.clock,
    resolutionMs: ctx.env.timerResolutionMs,
    simd: ctx.simd,
    measure: { budgetMs: TIME_BUDGET_MS },
  });
  let next = await ctx.unit(() => steps.next());
  while (!next.done) next = await ctx.unit(() => steps.next());
  const runs = next.value;
  for (const run of runs) {
    ctx.rates.record(
      { kernel: run.kernel, dtype: run.dtype, batch: run.batch, matrixBytes: run.n * run.n * 4 },
      run.flops,
      run.medianMs,
    );
  }
  return runs;
}

/** The interval a pair of timings allows (the CPU's races carry the same, see bench/race.ts). */
function probeOf(
  sparsity: number,
  a: { medianMs: number; q1Ms: number; q3Ms: number; noisy: boolean },
  b: { medianMs: number; q1Ms: number; q3Ms: number; noisy: boolean },
): Probe {
  return {
    sparsity,
    speedup: a.medianMs / b.medianMs,
    low: a.q1Ms / b.q3Ms,
    high: a.q3Ms / b.q1Ms,
    noisy: a.noisy || b.noisy,
  };
}

/** One point of a set-up curve: the GPU side, then (when asked) the CPU's sparse kernels. */
export async function measureGpuTier(
  setup: GpuSetup,
  sparsity: number,
  ctx: JobContext<unknown>,
  options: { cpu: boolean },
): Promise<GpuTierResult> {
  const notes = [...setup.notes];
  const gpu = await measureOnGpu(setup, sparsity, ctx, notes);
  notes.push(...gpu.notes);
  const params: GpuTierParams = { ...setup.params, n: gpu.params.n, sparsity };
  const dense = gpu.dense[gpu.bestDense];
  const sparse = gpu.sparse[gpu.bestSparse];
  const matrixBytes = params.n * params.n * 4;
  for (const [strategy, run] of [...Object.entries(gpu.dense), ...Object.entries(gpu.sparse)]) {
    const kernel = GPU_RATE_OF[strategy as keyof typeof GPU_RATE_OF];
    // A CSR rate at high sparsity is all per-row overhead: it would overstate the time at 0 %.
    if (run.verified && (kernel.includes('dense') || sparsity <= 0.5)) {
      const flops = run.gflops * run.medianMs * 1e6;
      ctx.rates.record(
        { kernel, dtype: 'f32', batch: params.batch, matrixBytes },
        flops,
        run.medianMs,
      );
    }
  }
  ctx.progress(1, options.cpu ? 2 : 1, { stage: 'gpu' });

  const cpu = options.cpu ? await measureOnCpu(setup, params, ctx) : [];
  const verifiedCpu = cpu.filter((r) => r.verified);
  const bestCpu = verifiedCpu.length
    ? verifiedCpu.reduce((a, b) => (b.medianMs < a.medianMs ? b : a))
    : null;
  if (options.cpu && bestCpu === null) {
    notes.push(
      'The CPU’s sparse kernels gave a wrong answer here: no GPU-against-CPU figure is shown.',
    );
  }
  if (options.cpu) ctx.progress(2, 2, { stage: 'cpu' });
  const denseOk = dense.verified;
  return {
    params,
    notes,
    adapter: gpu.adapter,
    adapterLabel: gpu.adapterLabel,
    timing: gpu.timing,
    gpu,
    dense,
    sparse,
    speedup: gpu.speedup,
    probe: gpu.speedup === null ? null : probeOf(sparsity, dense, sparse),
    cpu,
    bestCpu,
    versusCpu: denseOk && bestCpu ? dense.medianMs / bestCpu.medianMs : null,
    versusCpuProbe: denseOk && bestCpu ? probeOf(sparsity, dense, bestCpu) : null,
  };
}

export const gpuProduct = defineJob<GpuTierParams, GpuTierResult, GpuTierProgress>({
  priority: 1,
  async run(params, ctx) {
    const { sparsity, ...curve } = params;
    const setup = await setUpGpu(curve, ctx);
    return measureGpuTier(setup, sparsity, ctx, { cpu: true });
  },
});
