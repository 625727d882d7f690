/**
 * One memory session: the `mountain` job, then the `latency` job, exactly as
 * the site's worker runs them (src/worker/jobs/). Shared by
 * `scripts/mountain.ts` (Node) and its Chromium entry (`--engine chromium`),
 * so both engines run the same code.
 */
import { systemClock } from '../src/bench/clock';
import { describeEnvironment, type Environment } from '../src/bench/environment';
import { RateBook } from '../src/bench/rates';
import { tryLoadSimdKernels } from '../src/kernels/wasm';
import type { JobContext } from '../src/worker/context';
import { latency, type LatencyJobResult } from '../src/worker/jobs/latency';
import { mountain, type MountainJobResult } from '../src/worker/jobs/mountain';
import { NO_GPU } from '../src/gpu/access';

export interface MemorySessionRequest {
  quick: boolean;
  /** The WebAssembly module's bytes, or null to skip the SIMD read. */
  wasm: number[] | null;
  /** Largest working set (default 64 MB). */
  maxBytes?: number;
}

export interface MemorySession {
  env: Environment;
  mountain: MountainJobResult;
  latency: LatencyJobResult;
  seconds: { mountain: number; latency: number };
  /** Longest single unit of synchronous work, ms (the worker's budget is well under 200). */
  longestUnitMs: number;
}

const KB = 1024;
const fmtBytes = (b: number): string =>
  b >= 1 << 20 ? `${+(b / (1 << 20)).toFixed(1)} MB` : `${+(b / KB).toFixed(1)} KB`;

export async function runMemorySession(
  request: MemorySessionRequest,
  log: (line: string) => void,
): Promise<MemorySession> {
  const env = describeEnvironment(systemClock);
  const loaded = request.wasm
    ? await tryLoadSimdKernels(new Uint8Array(request.wasm))
    : { kernels: null, reason: 'skipped (--no-simd)' };
  let longestUnitMs = 0;
  const context = <P>(
    progress: (done: number, total: number, detail: P) => void,
  ): JobContext<P> => ({
    clock: systemClock,
    env,
    simd: loaded.kernels,
    simdUnavailable: loaded.kernels ? null : `WebAssembly SIMD: ${loaded.reason}`,
    gpu: NO_GPU, // these scripts measure the CPU only
    rates: new RateBook(),
    fault: undefined,
    // Yield between units, as the worker does, and record the longest one.
    unit: (work) =>
      new Promise((resolve, reject) => {
        setTimeout(() => {
          try {
            const t0 = systemClock.now();
            const r = work();
            longestUnitMs = Math.max(longestUnitMs, systemClock.now() - t0);
            resolve(r);
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        }, 0);
      }),
    progress,
  });
  const mode = request.quick ? 'quick' : 'full';
  const maxBytes = request.maxBytes ?? 64 * KB * KB;

  const t0 = systemClock.now();
  const m = await mountain.run(
    { mode, maxBytes, seed: 1 },
    context((done, total, { points }) => {
      for (const p of points) {
        log(
          `mountain [${done}/${total}] ${p.kernel} stride ${p.stride} at ${fmtBytes(p.bytes)}: ` +
            `${p.gbps.toFixed(1)} GB/s${p.verified ? '' : ' NOT VERIFIED'}${p.noisy ? ' (noisy)' : ''}`,
        );
      }
    }),
  );
  const t1 = systemClock.now();
  const l = await latency.run(
    { mode, maxBytes, seed: 1 },
    context((done, total, { point: p }) =>
      log(
        `latency [${done}/${total}] ${fmtBytes(p.bytes)}: in order ${p.inOrder.ns.toFixed(2)} ns, ` +
          `chase ${p.chase.ns.toFixed(1)} ns per line${p.verified ? '' : ' NOT VERIFIED'}`,
      ),
    ),
  );
  const t2 = systemClock.now();
  return {
    env,
    mountain: m,
    latency: l,
    seconds: { mountain: (t1 - t0) / 1000, latency: (t2 - t1) / 1000 },
    longestUnitMs,
  };
}
