import { calibrateResolution, type Clock } from './clock';

/** Where a measurement ran. Every result carries it (DESIGN.md, "src/bench owns time"). */
export interface Environment {
  runtime: 'browser' | 'node';
  userAgent: string;
  /** Cross-origin isolated pages get a finer clock. */
  isolated: boolean;
  /** Logical cores the runtime reports (0 when unknown). */
  cores: number;
  /** The clock's step in ms, measured. */
  timerResolutionMs: number;
  /** WebAssembly with 128-bit SIMD is available. */
  wasmSimd: boolean;
}

// The smallest module that uses a SIMD instruction (v128.const + drop).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 23, 1, 21, 0, 253, 12, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 26, 11,
]);

export function hasWasmSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export function describeEnvironment(clock: Clock): Environment {
  const g = globalThis as typeof globalThis & {
    process?: { versions?: { node?: string } };
    crossOriginIsolated?: boolean;
  };
  const isNode = typeof g.process?.versions?.node === 'string';
  const nav = typeof navigator === 'object' ? navigator : undefined;
  return {
    runtime: isNode ? 'node' : 'browser',
    userAgent: isNode ? `Node.js ${g.process!.versions!.node}` : (nav?.userAgent ?? 'unknown'),
    isolated: isNode || g.crossOriginIsolated === true,
    cores: nav?.hardwareConcurrency ?? 0,
    timerResolutionMs: calibrateResolution(clock),
    wasmSimd: hasWasmSimd(),
  };
}
