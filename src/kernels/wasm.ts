import type { Bsr } from './bsr';
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
 *   Load and run it in a worker (the main thread never runs kernels, and
 *   browsers refuse synchronous instantiation there, which arena() uses).
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
 *     const arena = simd.arena(bytesNeeded);           // one per problem
 *     const a = arena.dense(denseA), x = arena.copy(xHost), y = arena.vector('f64', n);
 *     simd.gemvSimd(a, x, y);                           // in place
 *
 *   Linear memory is never grown. Growing detaches the old ArrayBuffer, and in
 *   V8 the first detach anywhere in a thread makes every typed-array load in
 *   optimised code re-check for detachment: the TypeScript kernels measured
 *   ~40 % slower for the rest of the thread's life. Instead, each arena gets a
 *   fresh memory and module instance of the right size; arrays of an older
 *   arena stay valid (they are copied in when used). For the same reason, a
 *   worker should never transfer (detach) ArrayBuffers it owns.
 */

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemmWorkBytes(): number;
  peakF32x4(iters: number): number;
  peakF64x2(iters: number): number;
  sumF64(a: number, n: number, passes: number): number;
  gemvF32(a: number, x: number, y: number, rows: number, cols: number): void;
  gemvF64(a: number, x: number, y: number, rows: number, cols: number): void;
  gemmF32(
    a: number,
    x: number,
    y: number,
    rows: number,
    inner: number,
    cols: number,
    work: number,
  ): void;
  gemmF64(
    a: number,
    x: number,
    y: number,
    rows: number,
    inner: number,
    cols: number,
    work: number,
  ): void;
  spmvCsrF32(
    rowPtr: number,
    colIdx: number,
    values: number,
    x: number,
    y: number,
    rows: number,
  ): void;
  spmvCsrF64(
    rowPtr: number,
    colIdx: number,
    values: number,
    x: number,
    y: number,
    rows: number,
  ): void;
  spmmCsrF32(
    rowPtr: number,
    colIdx: number,
    values: number,
    x: number,
    y: number,
    rows: number,
    k: number,
  ): void;
  spmmCsrF64(
    rowPtr: number,
    colIdx: number,
    values: number,
    x: number,
    y: number,
    rows: number,
    k: number,
  ): void;
  dotF32(a: number, b: number, n: number): number;
  spmvBsrF32(
    p: number,
    c: number,
    v: number,
    x: number,
    y: number,
    rows: number,
    cols: number,
    b: number,
  ): void;
  spmvBsrF64(
    p: number,
    c: number,
    v: number,
    x: number,
    y: number,
    rows: number,
    cols: number,
    b: number,
  ): void;
  spmmBsrF32(
    p: number,
    c: number,
    v: number,
    x: number,
    y: number,
    rows: number,
    cols: number,
    b: number,
    k: number,
  ): void;
  spmmBsrF64(
    p: number,
    c: number,
    v: number,
    x: number,
    y: number,
    rows: number,
    cols: number,
    b: number,
    k: number,
  ): void;
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
  /** A copy of a BSR matrix in module memory. */
  bsr(a: Bsr): Bsr;
}

export interface SimdKernels {
  /** The current linear memory (each arena brings a fresh one; none ever grows). */
  readonly memory: WebAssembly.Memory;
  /** Bytes an arena's memory holds beyond its arrays: static data, GEMM packing space, staging, page rounding. */
  readonly overheadBytes: number;
  /** A fresh memory with room for `bytes` of arrays, and its allocator. Older arenas' arrays stay valid. */
  arena(bytes: number): WasmArena;
  /** Bytes an arena needs for these arrays (each is 16-byte aligned). */
  arenaBytes(...byteLengths: number[]): number;
  gemvSimd(a: Dense, x: FloatArray, y: FloatArray): void;
  gemmSimd(a: Dense, x: Dense, y: Dense): void;
  spmvCsrSimd(a: Csr, x: FloatArray, y: FloatArray): void;
  spmmCsrSimd(a: Csr, x: Dense, y: Dense): void;
  spmvBsrSimd(a: Bsr, x: FloatArray, y: FloatArray): void;
  spmmBsrSimd(a: Bsr, x: Dense, y: Dense): void;
  dotSimd(a: FloatArray, b: FloatArray): number;
  /** Runs the SIMD multiply-add probe for `steps` steps; returns a checksum. FLOPs: steps × PEAK_SIMD_FLOPS_PER_STEP. */
  peakSimd(dtype: DType, steps: number): number;
  /**
   * Σ a_i with 16-byte loads, `passes` times over (the memory mountain's
   * stride-1 read; returns passes × Σ a_i). An array in module memory (from an
   * arena) is read in place with no per-call staging.
   */
  sumSimd(a: Float64Array, passes?: number): number;
}

export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

const PAGE = 65536;
/** Room for staging foreign arrays when no arena is big enough: 4 MB. */
const DEFAULT_STAGING = 4 << 20;
const align16 = (n: number): number => (n + 15) & ~15;

function importsFor(memory: WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      memory,
      abort: (): never => {
        throw new Error('wasm kernel aborted');
      },
    },
  };
}

async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  let bytes: BufferSource;
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`Could not fetch ${String(source)}: HTTP ${response.status}`);
    bytes = await response.arrayBuffer();
  } else {
    bytes = source;
  }
  if (!WebAssembly.validate(bytes))
    throw new SimdUnavailableError('the kernel module does not validate');
  return WebAssembly.compile(bytes);
}

/** Compiles the kernel module and makes its first instance. Rejects with SimdUnavailableError when SIMD is unsupported. */
export async function loadSimdKernels(source: WasmSource): Promise<SimdKernels> {
  if (typeof WebAssembly !== 'object') throw new SimdUnavailableError('no WebAssembly');
  let module: WebAssembly.Module;
  try {
    module = await compile(source);
  } catch (e) {
    if (e instanceof SimdUnavailableError) throw e;
    if (e instanceof WebAssembly.CompileError) throw new SimdUnavailableError(e.message);
    throw e;
  }
  return createKernels(module);
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

function createKernels(module: WebAssembly.Module): SimdKernels {
  let memory!: WebAssembly.Memory;
  let e!: Exports;
  /** A fresh memory of at least `bytes` and an instance over it (nothing ever grows). */
  const fresh = (bytes: number): void => {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
    e = new WebAssembly.Instance(module, importsFor(memory)).exports as unknown as Exports;
  };
  fresh(DEFAULT_STAGING);
  // Layout: [static data | GEMM packing work | arena | staging for foreign arrays]
  const work = align16(e.heapBase());
  const arenaStart = align16(work + e.gemmWorkBytes());
  fresh(arenaStart + DEFAULT_STAGING);
  let arenaEnd = arenaStart;

  const view = (
    mem: WebAssembly.Memory,
    dtype: DType,
    byteOffset: number,
    length: number,
  ): FloatArray =>
    dtype === 'f64'
      ? new Float64Array(mem.buffer, byteOffset, length)
      : new Float32Array(mem.buffer, byteOffset, length);

  function arena(bytes: number): WasmArena {
    const capacity = align16(bytes);
    fresh(arenaStart + capacity + DEFAULT_STAGING);
    arenaEnd = arenaStart + capacity;
    const mem = memory;
    let top = arenaStart;
    const take = (byteLength: number): number => {
      const at = top;
      if (align16(top + byteLength) > arenaStart + capacity) {
        throw new RangeError(`Arena of ${capacity} bytes is full (asked for ${byteLength} more).`);
      }
      top = align16(top + byteLength);
      return at;
    };
    const copy = <T extends TypedArray>(src: T): T => {
      const at = take(src.byteLength);
      const Ctor = src.constructor as new (b: ArrayBuffer, o: number, l: number) => T;
      const dst = new Ctor(mem.buffer, at, src.length);
      dst.set(src as never);
      return dst;
    };
    return {
      capacity,
      get used() {
        return top - arenaStart;
      },
      vector: (dtype, length) => view(mem, dtype, take(length * (dtype === 'f64' ? 8 : 4)), length),
      copy,
      zeros: (rows, cols, dtype) => ({
        rows,
        cols,
        dtype,
        data: view(mem, dtype, take(rows * cols * (dtype === 'f64' ? 8 : 4)), rows * cols),
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
      bsr: (a) => ({
        ...a,
        blockRowPtr: copy(a.blockRowPtr),
        blockColIdx: copy(a.blockColIdx),
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
      if (arr.length !== length)
        throw new RangeError(`Array length ${arr.length} does not match the shape (${length}).`);
    }
    const bytesOf = (x: Arg): number => x.length * (x.int ? 4 : dtype === 'f64' ? 8 : 4);
    const typeOk = (x: Arg): boolean =>
      x.int
        ? x.arr instanceof Int32Array
        : dtype === 'f64'
          ? x.arr instanceof Float64Array
          : x.arr instanceof Float32Array;
    let resident = all.map((x) => x.arr.buffer === memory.buffer && typeOk(x));
    const staged = all.reduce((sum, x, i) => sum + (resident[i] ? 0 : align16(bytesOf(x))), 0);
    if (arenaEnd + staged > memory.buffer.byteLength) {
      // Too big to stage beside the arena: a fresh, larger memory (the arena's arrays are then staged too).
      fresh(arenaStart + all.reduce((sum, x) => sum + align16(bytesOf(x)), 0) + DEFAULT_STAGING);
      arenaEnd = arenaStart;
      resident = all.map(() => false);
    }
    let staging = arenaEnd;
    const ptrs = all.map((x, i) => {
      if (resident[i]) return x.arr.byteOffset;
      const at = staging;
      staging = align16(staging + bytesOf(x));
      if (i < inputs.length) {
        const dst = x.int
          ? new Int32Array(memory.buffer, at, x.length)
          : view(memory, dtype, at, x.length);
        dst.set(x.arr as never);
      }
      return at;
    });
    run(ptrs);
    outputs.forEach((o, j) => {
      const i = inputs.length + j;
      if (!resident[i]) o.arr.set(view(memory, dtype, ptrs[i]!, o.length));
    });
  }

  return {
    overheadBytes: arenaStart + DEFAULT_STAGING + PAGE,
    get memory() {
      return memory;
    },
    arena,
    arenaBytes,
    gemvSimd(a, x, y) {
      call(
        a.dtype,
        [
          { arr: a.data, length: a.rows * a.cols },
          { arr: x, length: a.cols },
        ],
        [{ arr: y, length: a.rows }],
        ([pa, px, py]) =>
          (a.dtype === 'f64' ? e.gemvF64 : e.gemvF32)(pa!, px!, py!, a.rows, a.cols),
      );
    },
    gemmSimd(a, x, y) {
      if (x.rows !== a.cols || y.rows !== a.rows || y.cols !== x.cols) {
        throw new RangeError(
          `Shapes do not match: A ${a.rows}×${a.cols}, X ${x.rows}×${x.cols}, Y ${y.rows}×${y.cols}.`,
        );
      }
      call(
        a.dtype,
        [
          { arr: a.data, length: a.rows * a.cols },
          { arr: x.data, length: x.rows * x.cols },
        ],
        [{ arr: y.data, length: y.rows * y.cols }],
        ([pa, px, py]) =>
          (a.dtype === 'f64' ? e.gemmF64 : e.gemmF32)(pa!, px!, py!, a.rows, a.cols, x.cols, work),
      );
    },
    spmvCsrSimd(a, x, y) {
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
        ([pr, pc, pv, px, py]) =>
          (a.dtype === 'f64' ? e.spmvCsrF64 : e.spmvCsrF32)(pr!, pc!, pv!, px!, py!, a.rows),
      );
    },
    spmmCsrSimd(a, x, y) {
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
        ([pr, pc, pv, px, py]) =>
          (a.dtype === 'f64' ? e.spmmCsrF64 : e.spmmCsrF32)(
            pr!,
            pc!,
            pv!,
            px!,
            py!,
            a.rows,
            x.cols,
          ),
      );
    },
    spmvBsrSimd(a, x, y) {
      const blocks = a.blockColIdx.length;
      call(
        a.dtype,
        [
          { arr: a.blockRowPtr, length: a.blockRowPtr.length, int: true },
          { arr: a.blockColIdx, length: blocks, int: true },
          { arr: a.values, length: blocks * a.blockSize * a.blockSize },
          { arr: x, length: a.cols },
        ],
        [{ arr: y, length: a.rows }],
        ([pr, pc, pv, px, py]) =>
          (a.dtype === 'f64' ? e.spmvBsrF64 : e.spmvBsrF32)(
            pr!,
            pc!,
            pv!,
            px!,
            py!,
            a.rows,
            a.cols,
            a.blockSize,
          ),
      );
    },
    spmmBsrSimd(a, x, y) {
      const blocks = a.blockColIdx.length;
      call(
        a.dtype,
        [
          { arr: a.blockRowPtr, length: a.blockRowPtr.length, int: true },
          { arr: a.blockColIdx, length: blocks, int: true },
          { arr: a.values, length: blocks * a.blockSize * a.blockSize },
          { arr: x.data, length: a.cols * x.cols },
        ],
        [{ arr: y.data, length: a.rows * x.cols }],
        ([pr, pc, pv, px, py]) =>
          (a.dtype === 'f64' ? e.spmmBsrF64 : e.spmmBsrF32)(
            pr!,
            pc!,
            pv!,
            px!,
            py!,
            a.rows,
            a.cols,
            a.blockSize,
            x.cols,
          ),
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
    sumSimd(a, passes = 1) {
      // In place when resident: the mountain times this call at 4 KB, where staging would swamp it.
      if (a.buffer === memory.buffer) return e.sumF64(a.byteOffset, a.length, passes);
      let result = 0;
      call('f64', [{ arr: a, length: a.length }], [], ([pa]) => {
        result = e.sumF64(pa!, a.length, passes);
      });
      return result;
    },
  };
}
