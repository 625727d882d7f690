/**
 * One memory session: the mountain, then the latency curve, with the site's
 * measurement code. Shared by `scripts/mountain.ts` (Node) and its Chromium
 * entry (`--engine chromium`), so both engines run exactly the same code.
 */
import { systemClock } from '../src/bench/clock';
import { directContext } from '../src/bench/context';
import { describeEnvironment, type Environment } from '../src/bench/environment';
import {
  LATENCY_FULL,
  LATENCY_QUICK,
  measureLatency,
  type LatencyPoint,
  type LatencyResult,
} from '../src/bench/latency';
import {
  measureMountain,
  MOUNTAIN_FULL,
  MOUNTAIN_QUICK,
  type MountainPoint,
  type MountainResult,
} from '../src/bench/mountain';
import { tryLoadSimdKernels } from '../src/kernels/wasm';

export interface MemorySessionRequest {
  quick: boolean;
  /** The WebAssembly module's bytes, or null to skip the SIMD read. */
  wasm: number[] | null;
}

export interface MemorySession {
  env: Environment;
  mountain: MountainResult;
  latency: LatencyResult;
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
  const simd = request.wasm
    ? (await tryLoadSimdKernels(new Uint8Array(request.wasm))).kernels
    : null;
  let longestUnitMs = 0;
  const timedUnit = <T>(work: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      // Yield between units, as the worker does.
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
    });

  const t0 = systemClock.now();
  const mountain = await measureMountain(request.quick ? MOUNTAIN_QUICK : MOUNTAIN_FULL, {
    ...directContext<MountainPoint>(systemClock, env.timerResolutionMs, (done, total, p) =>
      log(
        `mountain [${done}/${total}] ${p.kernel} stride ${p.stride} at ${fmtBytes(p.bytes)}: ` +
          `${p.gbps.toFixed(1)} GB/s${p.verified ? '' : ' NOT VERIFIED'}${p.noisy ? ' (noisy)' : ''}`,
      ),
    ),
    unit: timedUnit,
    simd,
  });
  const t1 = systemClock.now();
  const latency = await measureLatency(request.quick ? LATENCY_QUICK : LATENCY_FULL, {
    ...directContext<LatencyPoint>(systemClock, env.timerResolutionMs, (done, total, p) =>
      log(
        `latency [${done}/${total}] ${fmtBytes(p.bytes)}: in order ${p.inOrder.ns.toFixed(2)} ns, ` +
          `chase ${p.chase.ns.toFixed(1)} ns per line${p.verified ? '' : ' NOT VERIFIED'}`,
      ),
    ),
    unit: timedUnit,
  });
  const t2 = systemClock.now();
  return {
    env,
    mountain,
    latency,
    seconds: { mountain: (t1 - t0) / 1000, latency: (t2 - t1) / 1000 },
    longestUnitMs,
  };
}
