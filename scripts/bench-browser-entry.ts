/**
 * The crossover sweep of `npm run bench`, bundled to run inside Chromium's
 * JavaScript engine (`--engine chromium`). Same kernels, same measurement core,
 * same bisection: only the engine differs, which is the point of running it.
 */
import { systemClock } from '../src/bench/clock';
import type { CrossoverResult } from '../src/bench/crossover';
import { describeEnvironment, type Environment } from '../src/bench/environment';
import { crossoverSearch, race } from '../src/bench/race';
import type { KernelId, Problem, RunContext } from '../src/bench/runner';
import { tryLoadSimdKernels } from '../src/kernels/wasm';

export interface BrowserSweepJob {
  label: string;
  problem: Omit<Problem, 'sparsity'>;
  baseline: KernelId;
}

export interface BrowserSweepRequest {
  jobs: BrowserSweepJob[];
  candidate: KernelId;
  lo: number;
  hi: number;
  measure: NonNullable<RunContext['measure']>;
  /** The WebAssembly module's bytes, or null to skip the simd tier. */
  wasm: number[] | null;
}

/** Provided by the CLI through Playwright's exposeFunction: prints progress on the terminal. */
declare const pdProgress: (message: string) => Promise<void>;

async function sweeps(request: BrowserSweepRequest): Promise<{
  env: Environment;
  simd: boolean;
  results: { label: string; result: CrossoverResult }[];
}> {
  const env = describeEnvironment(systemClock);
  const simd = request.wasm
    ? (await tryLoadSimdKernels(new Uint8Array(request.wasm))).kernels
    : null;
  const ctx: RunContext = {
    clock: systemClock,
    resolutionMs: env.timerResolutionMs,
    simd,
    measure: request.measure,
  };
  const results: { label: string; result: CrossoverResult }[] = [];
  for (const job of request.jobs) {
    const result = await crossoverSearch(
      job.problem,
      (p) => race(p, job.baseline, request.candidate, ctx),
      {
        lo: request.lo,
        hi: request.hi,
        onProbe: (p, done, expected) =>
          void pdProgress(
            `${job.label}: [${done}/~${expected}] ${(p.sparsity * 100).toFixed(2)} % → speedup ${p.speedup.toFixed(2)}×`,
          ),
      },
    );
    results.push({ label: job.label, result });
  }
  return { env, simd: simd !== null, results };
}

(globalThis as unknown as { pdBench: { sweeps: typeof sweeps } }).pdBench = { sweeps };
