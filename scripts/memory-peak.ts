/**
 * The memory model against reality: runs one product job (the page's worker job,
 * in Node) and reports the process's peak resident memory above what it held
 * before, next to the model's count (src/bench/budget.ts). One spec per process,
 * so one job's peak is not hidden by another's.
 *
 *   npx tsx scripts/memory-peak.ts '{"n":4096,"structure":"block","format":"bsr","tier":"naive","dtype":"f64"}'
 *   npx tsx scripts/memory-peak.ts --grid      (the heaviest allowed jobs, one child process each)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { productBytes } from '../src/bench/budget';
import { systemClock } from '../src/bench/clock';
import { describeEnvironment } from '../src/bench/environment';
import { RateBook } from '../src/bench/rates';
import { loadSimdKernels } from '../src/kernels/wasm';
import { product, type ProductParams } from '../src/worker/jobs/product';
import { NO_GPU } from '../src/gpu/access';

const MB = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MB`;

async function one(spec: Partial<ProductParams>): Promise<void> {
  const params: ProductParams = {
    n: 4096,
    batch: 1,
    sparsity: 0,
    structure: 'unstructured',
    format: 'csr',
    dtype: 'f64',
    tier: 'tuned',
    seed: 1,
    ...spec,
  };
  const simd = await loadSimdKernels(readFileSync('build/wasm/kernels.wasm'));
  const env = describeEnvironment(systemClock);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  const started = systemClock.now();
  const result = await product.run(params, {
    clock: systemClock,
    env,
    simd,
    simdUnavailable: null,
    gpu: NO_GPU, // these scripts measure the CPU only
    rates: new RateBook(),
    fault: undefined,
    unit: async (work) => work(),
    progress: () => {},
  });
  const seconds = (systemClock.now() - started) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024 - before;
  const kernels = [
    { format: 'dense' as const, tier: result.params.tier },
    params.format === 'bsr'
      ? { format: 'bsr' as const, tier: 'tuned' as const, blockSize: 4 }
      : { format: params.format, tier: 'tuned' as const },
  ];
  const model = productBytes(result.params, kernels, simd.overheadBytes);
  console.log(
    JSON.stringify({
      spec,
      ranN: result.params.n,
      binding: result.binding,
      peakBytes: peak,
      modelBytes: model,
      seconds: Number(seconds.toFixed(2)),
      batches: result.dense.batches,
      verified: result.speedup !== null,
    }),
  );
  process.stderr.write(
    `${JSON.stringify(spec)} → n = ${result.params.n} (${result.binding ?? 'no cap'}): peak ${MB(peak)} above start, model ${MB(model)}; ${seconds.toFixed(1)} s, ${result.dense.batches} batches\n`,
  );
}

const arg = process.argv[2];
if (arg === '--grid') {
  const grid: Partial<ProductParams>[] = [
    { structure: 'block', format: 'bsr', tier: 'naive' },
    { structure: 'block', format: 'bsr', tier: 'simd' },
    { structure: 'unstructured', format: 'coo', tier: 'simd' },
    { structure: 'unstructured', format: 'csr', tier: 'simd', batch: 64 },
    { structure: 'nm', format: 'nm', tier: 'simd' },
    { structure: 'unstructured', format: 'coo', tier: 'naive', batch: 256, n: 1024 },
  ];
  for (const spec of grid) {
    execFileSync('npx', ['tsx', '--expose-gc', 'scripts/memory-peak.ts', JSON.stringify(spec)], {
      stdio: 'inherit',
    });
  }
} else {
  await one(JSON.parse(arg ?? '{}') as Partial<ProductParams>);
}
