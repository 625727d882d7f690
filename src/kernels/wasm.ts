import type { Csr } from './csr';
import type { Dense } from './dense';
import type { DType, FloatArray } from './types';

/**
 * The `simd` tier: WebAssembly SIMD kernels (src/kernels/assembly/, built by
 * `npm run build:wasm` into build/wasm/kernels.wasm) behind typed functions
 * with the same shapes as the TypeScript ones.
 *
 * Loading
 *   Node:     loadSimdKernels(await readFile('build/wasm/kernels.wasm'))
 *   Browser:  import wasmUrl from '<rel>/build/wasm/kernels.wasm?url';   (Vite)
 *             const simd = await loadSimdKernels(new URL(wasmUrl, self.location.href));
 *   `npm run build` runs build:wasm first (prebuild), so the import resolves.
 *   Without WebAssembly SIMD (old Safari, some locked-down browsers) loading
 *   rejects with SimdUnavailableError: fall back to the `tuned` tier and say so.
 *
 * Memory
 *   Kernels read and write the module's linear memory. An array that already
 *   lives there (made by an arena) is used in place: no copy, so timings are
 *   the kernel's own. Any other array is copied in before the call and the
 *   output copied back: correct, but the copies are timed too. So for
 *   measurements, allocate inputs and outputs from `arena(bytes)`:
 *
 *     const arena = simd.arena(bytesNeeded);           // one per job
 *     const a = arena.dense(denseA), x = arena.vector(xHost), y = arena.zeros('f64', n);
 *     simd.gemvSimd(a, x, y);                           // in place
 *
 *   Growing linear memory detaches every JavaScript view of it, so a new
 *   `arena()` or a large staged copy invalidates the previous arena's arrays;
 *   a kernel given a detached array throws instead of computing garbage.
 */

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemmWorkBytes(): number;
  peakF32x4(iters: number): number;
  peakF64x2(iters: number): number;
  gemvF32(a: number, x: number, y: number, rows: number, cols: number): void;
  gemvF64(a: number, x: number, y: number, rows: number, cols: number): void;
  gemmF32(a: number, x: number, y: number, rows: number, inner: number, cols: number, work: number): void;
  gemmF64(a: number, x: number, y: number, rows: number, inner: number, cols: number, work: number): void;
  spmvCsrF32(rowPtr: number, colIdx: number, values: number, x: number, y: number, rows: number): void;
  spmvCsrF64(rowPtr: number, colIdx: number, values: number, x: number, y: number, rows: number): void;
  spmmCsrF32(rowPtr: number, colIdx: number, values: number, x: number, y: number, rows: number, k: number): void;
  spmmCsrF64(rowPtr: number, colIdx: number, values: number, x: number, y: number, rows: number, k: number): void;
  dotF32(a: number, b: number, n: number): number;
  dotF64(a: number, b: number, n: number): number;
}

/** FLOPs per iteration of the SIMD peak probes (8 accumulators × lanes × 2). */
export const PEAK_SIMD_FLOPS_PER_STEP: Readonly<Record<DType, number>> = { f32: 64, f64: 32 };

export class SimdUnavailableError extends Error {
  constructor(reason: string) {
    super(`WebAssembly SIMD is not available here (${reason}); the simd tier falls back to tuned.`);
    this.name = 'SimdUnavailableError';
  }
}

type TypedArray = FloatArray | Int32Array;
/** One array argument of a kernel call: its expected length, and whether it holds indices. */
interface Arg {
  arr: TypedArray;
  length: number;
  int?: boolean;
}

export interface WasmArena {
  /** Bytes reserved, and bytes handed out so far. */
  readonly capacity: number;
  readonly used: number;
  /** A zeroed vector in module memory. */
  vector(dtype: DType, length: number): FloatArray;
  /** A copy of `src` in module memory, same type. */
  copy<T extends TypedArray>(src: T): T;
  /** A zeroed rows × cols matrix in module memory. */
  zeros(rows: number, cols: number, dtype: DType): Dense;
  /** A copy of a dense matrix in module memory. */
  dense(a: Dense): Dense;
  /** A copy of a CSR matrix in module memory. */
  csr(a: Csr): Csr;
}

export interface SimdKernels {
  readonly memory: WebAssembly.Memory;
  /** Reserves a fresh region of `bytes` (replacing the previous arena) and returns its allocator. */
  arena(bytes: number): WasmArena;
  /** Bytes an arena needs for these arrays (each is 16-byte aligned). */
  arenaBytes(...byteLengths: number[]): number;
  gemvSimd(a: Dense, x: FloatArray, y: FloatArray): void;
  gemmSimd(a: Dense, x: Dense, y: Dense): void;
  spmvCsrSimd(a: Csr, x: FloatArray, y: FloatArray): void;
  spmmCsrSimd(a: Csr, x: Dense, y: Dense): void;
  dotSimd(a: FloatArray, b: FloatArray): number;
  /** Runs the SIMD multiply-add probe for `steps` steps; returns a checksum. FLOPs: steps × PEAK_SIMD_FLOPS_PER_STEP. */
  peakSimd(dtype: DType, steps: number): number;
}

export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

const PAGE = 65536;
const align16 = (n: number): number => (n + 15) & ~15;

async function instantiate(source: WasmSource): Promise<WebAssembly.Instance> {
  const imports = {
    env: {
      abort: (): never => {
        throw new Error('wasm kernel aborted');
      },
    },
  };
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, imports);
  let bytes: BufferSource;
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`Could not fetch ${String(source)}: HTTP ${response.status}`);
    bytes = await response.arrayBuffer();
  } else {
    bytes = source;
  }
  if (!WebAssembly.validate(bytes)) throw new SimdUnavailableError('the kernel module does not validate');
  return (await WebAssembly.instantiate(bytes, imports)).instance;
}

/** Compiles and instantiates the kernel module. Rejects with SimdUnavailableError when SIMD is unsupported. */
export async function loadSimdKernels(source: WasmSource): Promise<SimdKernels> {
  if (typeof WebAssembly !== 'object') throw new SimdUnavailableError('no WebAssembly');
  let instance: WebAssembly.Instance;
  try {
    instance = await instantiate(source);
  } catch (e) {
    if (e instanceof SimdUnavailableError) throw e;
    if (e instanceof WebAssembly.CompileError) throw new SimdUnavailableError(e.message);
    throw e;
  }
  return createKernels(instance.exports as unknown as Exports);
}

/** Like loadSimdKernels, but resolves to null (with the reason) instead of rejecting. */
export async function tryLoadSimdKernels(
  source: WasmSource,
): Promise<{ kernels: SimdKernels; reason: null } | { kernels: null; reason: string }> {
  try {
    return { kernels: await loadSimdKernels(source), reason: null };
  } catch (e) {
    return { kernels: null, reason: e instanceof Error ? e.message : String(e) };
  }
}

function createKernels(e: Exports): SimdKernels {
  const memory = e.memory;
  // [static data | GEMM packing work | arena | staging for foreign arrays]
  const work = align16(e.heapBase());
  const arenaStart = align16(work + e.gemmWorkBytes());
  let arenaEnd = arenaStart;
  let generation = 0;

  const ensure = (end: number): void => {
    const have = memory.buffer.byteLength;
    if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
  };
  ensure(arenaStart);

  const view = (dtype: DType, byteOffset: number, length: number): FloatArray =>
    dtype === 'f64'
      ? new Float64Array(memory.buffer, byteOffset, length)
      : new Float32Array(memory.buffer, byteOffset, length);

  function arena(bytes: number): WasmArena {
    const mine = ++generation;
    const capacity = align16(bytes);
    arenaEnd = arenaStart + capacity;
    ensure(arenaEnd);
    let top = arenaStart;
    const take = (byteLength: number): number => {
      if (mine !== generation) throw new Error('This arena was replaced by a newer one.');
      const at = top;
      top = align16(top + byteLength);
      if (top > arenaEnd) throw new RangeError(`Arena of ${capacity} bytes is full (asked for ${byteLength} more).`);
      return at;
    };
    const copy = <T extends TypedArray>(src: T): T => {
      const at = take(src.byteLength);
      const Ctor = src.constructor as new (b: ArrayBuffer, o: number, l: number) => T;
      const dst = new Ctor(memory.buffer as ArrayBuffer, at, src.length);
      dst.set(src as never);
      return dst;
    };
    return {
      capacity,
      get used() {
        return top - arenaStart;
      },
      vector: (dtype, length) => view(dtype, take(length * (dtype === 'f64' ? 8 : 4)), length),
      copy,
      zeros: (rows, cols, dtype) => ({
        rows,
        cols,
        dtype,
        data: view(dtype, take(rows * cols * (dtype === 'f64' ? 8 : 4)), rows * cols),
      }),
      dense: (a) => ({ rows: a.rows, cols: a.cols, dtype: a.dtype, data: copy(a.data) }),
      csr: (a) => ({
        rows: a.rows,
        cols: a.cols,
        dtype: a.dtype,
        rowPtr: copy(a.rowPtr),
        colIdx: copy(a.colIdx),
        values: copy(a.values),
      }),
    };
  }

  const arenaBytes = (...byteLengths: number[]): number =>
    byteLengths.reduce((sum, b) => sum + align16(b), 0);

  /**
   * Pointers for one call: arrays already in module memory are used in place;
   * the others are staged above the arena (and outputs copied back after).
   */
  function call(
    dtype: DType,
    inputs: readonly Arg[],
    outputs: readonly { arr: FloatArray; length: number }[],
    run: (ptrs: number[]) => void,
  ): void {
    const all: Arg[] = [...inputs, ...outputs];
    for (const { arr, length } of all) {
      if (arr.length !== length) {
        throw new RangeError(
          arr.length === 0 && length > 0
            ? 'An array was detached: module memory grew after it was allocated (use one arena per job).'
            : `Array length ${arr.length} does not match the shape (${length}).`,
        );
      }
    }
    const typeOk = (x: Arg): boolean =>
      x.int ? x.arr instanceof Int32Array : dtype === 'f64' ? x.arr instanceof Float64Array : x.arr instanceof Float32Array;
    const resident = all.map((x) => x.arr.buffer === memory.buffer && typeOk(x));
    let staging = arenaEnd;
    const offsets = all.map((x, i) => {
      if (resident[i]) return -1;
      const at = staging;
      staging = align16(staging + x.length * (x.int ? 4 : dtype === 'f64' ? 8 : 4));
      return at;
    });
    if (staging > arenaEnd) {
      ensure(staging);
      // Growing may have detached resident views: re-check before using them.
      for (let i = 0; i < all.length; i++) {
        if (resident[i] && all[i]!.arr.length !== all[i]!.length) {
          throw new RangeError('An array was detached by memory growth while staging; allocate all arrays in the arena.');
        }
      }
    }
    const ptrs = all.map((x, i) => {
      if (resident[i]) return x.arr.byteOffset;
      const at = offsets[i]!;
      const dst = x.int
        ? new Int32Array(memory.buffer, at, x.length)
        : view(dtype, at, x.length);
      if (i < inputs.length) dst.set(x.arr as never);
      return at;
    });
    run(ptrs);
    outputs.forEach((o, j) => {
      const i = inputs.length + j;
      if (!resident[i]) o.arr.set(view(dtype, ptrs[i]!, o.length));
    });
  }

  return {
    memory,
    arena,
    arenaBytes,
    gemvSimd(a, x, y) {
      const f = a.dtype === 'f64' ? e.gemvF64 : e.gemvF32;
      call(
        a.dtype,
        [
          { arr: a.data, length: a.rows * a.cols },
          { arr: x, length: a.cols },
        ],
        [{ arr: y, length: a.rows }],
        ([pa, px, py]) => f(pa!, px!, py!, a.rows, a.cols),
      );
    },
    gemmSimd(a, x, y) {
      if (x.rows !== a.cols || y.rows !== a.rows || y.cols !== x.cols) {
        throw new RangeError(`Shapes do not match: A ${a.rows}×${a.cols}, X ${x.rows}×${x.cols}, Y ${y.rows}×${y.cols}.`);
      }
      const f = a.dtype === 'f64' ? e.gemmF64 : e.gemmF32;
      call(
        a.dtype,
        [
          { arr: a.data, length: a.rows * a.cols },
          { arr: x.data, length: x.rows * x.cols },
        ],
        [{ arr: y.data, length: y.rows * y.cols }],
        ([pa, px, py]) => f(pa!, px!, py!, a.rows, a.cols, x.cols, work),
      );
    },
    spmvCsrSimd(a, x, y) {
      const f = a.dtype === 'f64' ? e.spmvCsrF64 : e.spmvCsrF32;
      const nnz = a.rowPtr[a.rows]!;
      call(
        a.dtype,
        [
          { arr: a.rowPtr, length: a.rows + 1, int: true },
          { arr: a.colIdx, length: nnz, int: true },
          { arr: a.values, length: nnz },
          { arr: x, length: a.cols },
        ],
        [{ arr: y, length: a.rows }],
        ([pr, pc, pv, px, py]) => f(pr!, pc!, pv!, px!, py!, a.rows),
      );
    },
    spmmCsrSimd(a, x, y) {
      const f = a.dtype === 'f64' ? e.spmmCsrF64 : e.spmmCsrF32;
      const nnz = a.rowPtr[a.rows]!;
      call(
        a.dtype,
        [
          { arr: a.rowPtr, length: a.rows + 1, int: true },
          { arr: a.colIdx, length: nnz, int: true },
          { arr: a.values, length: nnz },
          { arr: x.data, length: a.cols * x.cols },
        ],
        [{ arr: y.data, length: a.rows * x.cols }],
        ([pr, pc, pv, px, py]) => f(pr!, pc!, pv!, px!, py!, a.rows, x.cols),
      );
    },
    dotSimd(a, b) {
      const dtype: DType = a instanceof Float64Array ? 'f64' : 'f32';
      const n = Math.min(a.length, b.length);
      let result = 0;
      call(
        dtype,
        [
          { arr: a, length: a.length },
          { arr: b, length: b.length },
        ],
        [],
        ([pa, pb]) => {
          result = dtype === 'f64' ? e.dotF64(pa!, pb!, n) : e.dotF32(pa!, pb!, n);
        },
      );
      return result;
    },
    peakSimd: (dtype, steps) => (dtype === 'f64' ? e.peakF64x2(steps) : e.peakF32x4(steps)),
  };
}
