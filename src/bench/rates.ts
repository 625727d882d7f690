/**
 * How fast each kernel has run here, so a job can estimate its time before it
 * starts and cap a problem that would take too long. Until a kernel has been
 * measured on this device, a deliberately low default stands in (about a third
 * of what a 2020s laptop core manages), so a slow phone is not surprised.
 */
import type { DType } from '../kernels/types';

/** GFLOP/s (executed FLOPs, stored zeros included) before anything is measured. */
const DEFAULT_GFLOPS: Readonly<Record<string, number>> = {
  'dense:naive': 0.3,
  'dense:tuned': 0.6,
  'dense:simd': 2,
  'csr:tuned': 0.3,
  'csr:simd': 0.3,
  'coo:tuned': 0.15,
  'bsr4:tuned': 0.3,
  'bsr4:simd': 0.5,
  'nm:tuned': 0.3,
  // The f64 reference that checks every answer (src/kernels/reference.ts).
  reference: 0.3,
};
const FALLBACK_GFLOPS = 0.15;

/** Matrices above this size stream from memory rather than cache: they get their own rate. */
const LARGE_BYTES = 4 * 2 ** 20;

export interface RateKey {
  /** Kernel id in the runner's style: "dense:tuned", "csr:tuned", "bsr4:simd". */
  kernel: string;
  dtype: DType;
  /** Matrix-vector (batch 1) or matrix-matrix. */
  batch: number;
  /** Bytes of the dense matrix, to tell cache-sized problems from memory-sized ones. */
  matrixBytes: number;
}

const keyOf = (k: RateKey, large = k.matrixBytes > LARGE_BYTES): string =>
  `${k.kernel}|${k.dtype}|${k.batch === 1 ? 'mv' : 'mm'}|${large ? 'large' : 'small'}`;

export class RateBook {
  #seen = new Map<string, number>();

  /**
   * GFLOP/s to expect: the last measured here at this size class, else at the
   * other one (this device, at least), else the conservative default.
   */
  gflops(k: RateKey): number {
    const large = k.matrixBytes > LARGE_BYTES;
    const same = this.#seen.get(keyOf(k, large));
    if (same !== undefined) return same;
    const other = this.#seen.get(keyOf(k, !large));
    // A problem that streams from memory runs slower than one that sat in cache: assume half.
    if (other !== undefined) return large ? other / 2 : other;
    return DEFAULT_GFLOPS[k.kernel] ?? FALLBACK_GFLOPS;
  }

  /** Estimated ms for one call doing `flops`. */
  estimateMs(k: RateKey, flops: number): number {
    return flops / (this.gflops(k) * 1e6);
  }

  record(k: RateKey, flops: number, ms: number): void {
    if (ms > 0 && Number.isFinite(flops / ms)) this.#seen.set(keyOf(k), flops / (ms * 1e6));
  }

  /** Whether a rate was measured here (estimates from defaults say so). */
  measured(k: RateKey): boolean {
    return this.#seen.has(keyOf(k));
  }
}
