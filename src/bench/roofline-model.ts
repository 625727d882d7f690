/**
 * The roofline model, pure: a kernel doing I FLOPs per byte moved can run no
 * faster than min(peak compute, I × memory bandwidth) (Williams, Waterman &
 * Patterson 2009). Below the ridge point I* = peak / bandwidth a kernel waits
 * on memory; above it, on arithmetic. No measuring here, so a chart can
 * re-place measured kernels under another roof (the mountain's bandwidth,
 * a reference machine's) without running anything.
 */

export interface ComputeRoof {
  /** `scalar` (plain JS), `simd` (WebAssembly SIMD128), or a reference machine's label. */
  tier: string;
  gflops: number;
  source: 'measured' | 'reference';
}

export interface MemoryRoof {
  /** What was read: `simd` or `js` stride-1 at `bytes`, or a reference machine's label. */
  tier: string;
  gbps: number;
  /** Working set the bandwidth was measured at (0 for a reference figure). */
  bytes: number;
  source: 'measured' | 'reference';
}

export type RooflineOp = 'gemv' | 'gemm' | 'spmv' | 'spmm';

/** What placement needs from a measured kernel (a RunResult has all of it). */
export interface RooflineKernelInput {
  kernel: string;
  op: RooflineOp;
  flops: number;
  bytesMoved: number;
  gflops: number;
  verified: boolean;
  noisy?: boolean;
}

export interface PlacedKernel extends RooflineKernelInput {
  /** FLOPs per compulsory byte. */
  intensity: number;
  /** The compute roof this kernel is placed under, GFLOP/s. */
  peakGflops: number;
  /** min(peak, intensity × bandwidth), GFLOP/s. */
  attainable: number;
  /** Left of the ridge: memory-bound; right: compute-bound. */
  bound: 'memory' | 'compute';
  /** gflops / attainable: how much of its roof the kernel reached. */
  ofAttainable: number;
  /**
   * Faster than the memory roof allows (by more than 10 %): its data partly
   * fitted in cache, so the DRAM roof does not bind it.
   */
  aboveRoof: boolean;
}

export const attainableGflops = (intensity: number, peakGflops: number, gbps: number): number =>
  Math.min(peakGflops, intensity * gbps);

/** The intensity where the two roofs meet, FLOPs per byte. */
export const ridgeIntensity = (peakGflops: number, gbps: number): number => peakGflops / gbps;

/**
 * Places each kernel under one memory roof and a compute roof: one for all,
 * or each kernel's own (a scalar kernel under the scalar roof, a SIMD kernel
 * under the SIMD roof).
 */
export function placeKernels(
  kernels: readonly RooflineKernelInput[],
  peakGflops: number | ((k: RooflineKernelInput) => number),
  gbps: number,
): PlacedKernel[] {
  return kernels.map((k) => {
    const peak = typeof peakGflops === 'number' ? peakGflops : peakGflops(k);
    const intensity = k.flops / k.bytesMoved;
    const attainable = attainableGflops(intensity, peak, gbps);
    const memoryBound = intensity < ridgeIntensity(peak, gbps);
    return {
      ...k,
      intensity,
      peakGflops: peak,
      attainable,
      bound: memoryBound ? 'memory' : 'compute',
      ofAttainable: k.gflops / attainable,
      aboveRoof: memoryBound && k.gflops > 1.1 * intensity * gbps,
    };
  });
}

/** The two segments of a roof between intensities lo and hi, for drawing (log axes). */
export function roofSegments(
  peakGflops: number,
  gbps: number,
  lo: number,
  hi: number,
): { intensity: number; gflops: number }[] {
  const ridge = ridgeIntensity(peakGflops, gbps);
  const pts = [{ intensity: lo, gflops: attainableGflops(lo, peakGflops, gbps) }];
  if (ridge > lo && ridge < hi) pts.push({ intensity: ridge, gflops: peakGflops });
  pts.push({ intensity: hi, gflops: attainableGflops(hi, peakGflops, gbps) });
  return pts;
}
