/** A job context for running worker jobs in Node tests: the real clock and kernels, every unit run at once. */
import { systemClock, type Clock } from '../../../src/bench/clock';
import { describeEnvironment } from '../../../src/bench/environment';
import { RateBook } from '../../../src/bench/rates';
import { NO_GPU, type GpuAccess } from '../../../src/gpu/access';
import type { SimdKernels } from '../../../src/kernels/wasm';
import type { Fault, JobContext } from '../../../src/worker/context';

const env = describeEnvironment(systemClock);

export function nodeContext<P = never>(
  options: {
    fault?: Fault;
    simd?: SimdKernels | null;
    simdUnavailable?: string;
    progress?: (done: number, total: number, detail: P) => void;
    rates?: RateBook;
    clock?: Clock;
    gpu?: GpuAccess;
  } = {},
): JobContext<P> {
  return {
    clock: options.clock ?? systemClock,
    env,
    simd: options.simd ?? null,
    simdUnavailable: options.simdUnavailable ?? null,
    gpu: options.gpu ?? NO_GPU,
    rates: options.rates ?? new RateBook(),
    fault: options.fault,
    unit: async (work) => work(),
    progress: options.progress ?? (() => {}),
  };
}
