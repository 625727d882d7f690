/**
 * The WebAssembly kernels, compiled by `npm run build:wasm` into
 * build/wasm/kernels.wasm (AssemblyScript, `--runtime stub --importMemory`: no garbage
 * collector). JavaScript owns all memory from `heapBase()` up and passes byte
 * offsets; src/kernels/wasm.ts is the loader and the typed front door.
 */
export { peakF32x4, peakF64x2 } from './probe';
export { gemvF32, gemvF64 } from './gemv';
export { gemmF32, gemmF64, gemmWorkBytes } from './gemm';
export { spmvCsrF32, spmvCsrF64, spmmCsrF32, spmmCsrF64 } from './sparse';
export { dotF32, dotF64 } from './dot';
export { spmvBsrF32, spmvBsrF64, spmmBsrF32, spmmBsrF64 } from './bsr';
export { sumF64 } from './read';

/** First byte JavaScript may use: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
