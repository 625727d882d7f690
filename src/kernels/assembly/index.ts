/**
 * The WebAssembly kernels, compiled by `npm run build:wasm` (AssemblyScript,
 * `--runtime stub`: no garbage collector; JavaScript owns all memory above
 * `heapBase()` and passes byte offsets).
 */
export { peakF32x4, peakF64x2 } from './probe';
export { gemmF32, gemmF64, gemmWorkBytes } from './gemm';

/** First byte JavaScript may use: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
