/**
 * npm run bench — the kernels of src/kernels, measured in Node with the same
 * measurement core the site uses (src/bench: alternating batches, verified
 * answers). `npm run bench -- --help` lists every flag.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/bench/clock';
import type { CrossoverResult } from '../src/bench/crossover';
import { crossoverSearch, race } from '../src/bench/race';
import { describeEnvironment } from '../src/bench/environment';
import {
  kernelName,
  needsSimd,
  parseKernelId,
  runPeaks,
  runProblem,
  type KernelId,
  type PeakResult,
  type Problem,
  type RunContext,
  type RunResult,
} from '../src/bench/runner';
import { STRUCTURES, type Structure } from '../src/kernels/generate';
import type { DType } from '../src/kernels/types';
import { tryLoadSimdKernels } from '../src/kernels/wasm';

const HELP = `Usage: npm run bench -- [flags]

With no selection flags, runs the default suite (< 3 min): the peak probes;
GEMV (n = 4096) and GEMM (n = 512) at naive/tuned/simd in f64 and f32; CSR
SpMV (n = 4096) and SpMM (n = 2048, k = 64) at 90 % and 99 % next to the dense
tuned/simd kernels; then the performance targets as same-run ratios.

Selection (any of these replaces the default suite):
  --kernels LIST     comma-separated kernel ids: <format>[:tier], formats dense, csr,
                     coo, bsr2|bsr4|bsr8|bsr16, nm (2:4); tiers naive, tuned, simd
                     (dense has all three, csr and bsr tuned and simd, others tuned).
                     Default: dense:naive,dense:tuned,dense:simd,csr:tuned,csr:simd
  --n N              A is n × n (default 1024)
  --batch K          columns of X; 1 = matrix-vector (default 1)
  --sparsity LIST    comma-separated fractions in [0, 1] (default 0.9)
  --dtype D          f64, f32 or both (default both)
  --structure S      ${STRUCTURES.join(', ')} (default unstructured; nm kernels need nm)
  --block B          tile edge of the block structure (default 4)
  --seed S           matrix seed (default 1)
  --peaks            only the peak probes (JS scalar and SIMD128 multiply-add loops)

Crossover:
  --sweep            bisect for the sparsity where --candidate starts to beat --baseline
                     (src/bench/crossover.ts), timing the two alternately at each probe
  --baseline ID      default dense:tuned
  --candidate ID     default csr:tuned
  --ladder           with --sweep: the whole ladder — candidate vs dense naive, tuned,
                     simd; SpMV (n = 2048) and SpMM (n = 1024, k = 64); f64 and f32
  --lo S, --hi S     sparsity range searched (default 0 and 0.9999)
  --engine E         node (default) or chromium: run the sweep in headless Chromium's
                     JavaScript engine (the browser the site measures in), same kernels
                     and measurement core; needs /usr/bin/chromium or CHROMIUM_PATH

Measurement and output:
  --json             one JSON object per measurement on stdout (progress stays on stderr)
  --batches N        timed batches per kernel (default 5)
  --min-batch-ms MS  shortest batch (default 5)
  --wasm PATH        WebAssembly kernels (default build/wasm/kernels.wasm; npm run build:wasm)
  --no-simd          skip the simd tier even if the module loads
  --help             this text

Exit codes: 0 done (even if a kernel failed verification: see the ✓ column),
2 bad flags, 1 a runtime error.
`;

class UsageError extends Error {}

const OPTIONS = {
  help: { type: 'boolean' },
  json: { type: 'boolean' },
  kernels: { type: 'string' },
  n: { type: 'string' },
  batch: { type: 'string' },
  sparsity: { type: 'string' },
  dtype: { type: 'string' },
  structure: { type: 'string' },
  block: { type: 'string' },
  seed: { type: 'string' },
  peaks: { type: 'boolean' },
  sweep: { type: 'boolean' },
  baseline: { type: 'string' },
  candidate: { type: 'string' },
  ladder: { type: 'boolean' },
  lo: { type: 'string' },
  hi: { type: 'string' },
  batches: { type: 'string' },
  'min-batch-ms': { type: 'string' },
  wasm: { type: 'string' },
  'no-simd': { type: 'boolean' },
  engine: { type: 'string' },
} as const;

function int(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got "${text}".`);
  return v;
}

function fraction(name: string, text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0 || v > 1)
    throw new UsageError(`--${name} must be a fraction in [0, 1], got "${text}".`);
  return v;
}

function kernelList(text: string): KernelId[] {
  try {
    return text.split(',').filter(Boolean).map(parseKernelId);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

interface Config {
  json: boolean;
  mode: 'default' | 'select' | 'peaks' | 'sweep' | 'ladder';
  kernels: KernelId[];
  n: number;
  batch: number;
  sparsities: number[];
  dtypes: DType[];
  structure: Structure;
  block: number;
  seed: number;
  baseline: KernelId;
  candidate: KernelId;
  lo: number;
  hi: number;
  batches: number;
  minBatchMs: number;
  wasm: string;
  simd: boolean;
  engine: 'node' | 'chromium';
}

function parse(argv: string[]): Config | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  const selection = [
    'kernels',
    'n',
    'batch',
    'sparsity',
    'dtype',
    'structure',
    'block',
    'seed',
  ].some((k) => values[k as keyof typeof values] !== undefined);
  const dtypeText = values.dtype ?? 'both';
  if (!['f64', 'f32', 'both'].includes(dtypeText))
    throw new UsageError(`--dtype must be f64, f32 or both, got "${dtypeText}".`);
  const structure = (values.structure ?? 'unstructured') as Structure;
  if (!STRUCTURES.includes(structure))
    throw new UsageError(
      `--structure must be one of ${STRUCTURES.join(', ')}, got "${structure}".`,
    );
  if (values.ladder && !values.sweep) throw new UsageError('--ladder goes with --sweep.');
  if ((values.baseline || values.candidate) && !values.sweep)
    throw new UsageError('--baseline and --candidate go with --sweep.');
  const mode: Config['mode'] = values.sweep
    ? values.ladder
      ? 'ladder'
      : 'sweep'
    : values.peaks
      ? 'peaks'
      : selection
        ? 'select'
        : 'default';
  const kernels = kernelList(
    values.kernels ?? 'dense:naive,dense:tuned,dense:simd,csr:tuned,csr:simd',
  );
  if (kernels.some((k) => k.format === 'nm') && structure !== 'nm') {
    throw new UsageError(
      'nm (2:4) kernels need --structure nm: other structures break the 2:4 pattern.',
    );
  }
  const config: Config = {
    json: values.json ?? false,
    mode,
    kernels,
    n: int('n', values.n, 1024, 1, 16384),
    batch: int('batch', values.batch, 1, 1, 4096),
    sparsities: (values.sparsity ?? '0.9').split(',').map((s) => fraction('sparsity', s)),
    dtypes: dtypeText === 'both' ? ['f64', 'f32'] : [dtypeText as DType],
    structure,
    block: int('block', values.block, 4, 1, 64),
    seed: int('seed', values.seed, 1, 0, 2 ** 31 - 1),
    baseline: kernelList(values.baseline ?? 'dense:tuned')[0]!,
    candidate: kernelList(values.candidate ?? 'csr:tuned')[0]!,
    lo: fraction('lo', values.lo ?? '0'),
    hi: fraction('hi', values.hi ?? '0.9999'),
    batches: int('batches', values.batches, 5, 1, 1000),
    minBatchMs: int('min-batch-ms', values['min-batch-ms'], 5, 1, 10000),
    wasm: values.wasm ?? 'build/wasm/kernels.wasm',
    simd: !values['no-simd'],
    engine: values.engine === undefined || values.engine === 'node' ? 'node' : 'chromium',
  };
  if (values.engine !== undefined && !['node', 'chromium'].includes(values.engine)) {
    throw new UsageError(`--engine must be node or chromium, not “${values.engine}”.`);
  }
  if (config.engine === 'chromium' && !values.sweep) {
    throw new UsageError('--engine chromium goes with --sweep.');
  }
  if (config.lo >= config.hi) throw new UsageError('--lo must be below --hi.');
  return config;
}

// ------------------------------------------------------------------ output

// On a terminal, progress rewrites one line; piped to a file, it is one line per step.
const tty = process.stderr.isTTY === true;
const progress = (text: string): void => {
  process.stderr.write(tty ? `\x1b[2K\r${text}` : `${text}\n`);
};
const progressDone = (): void => {
  if (tty) process.stderr.write('\x1b[2K\r');
};

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toPrecision(digits) : '—');
const pct = (s: number): string => `${+(s * 100).toFixed(2)} %`;

const COLUMNS = [
  'kernel',
  'op',
  'dtype',
  'n',
  'k',
  'sparsity',
  'nnz',
  'median ms',
  'IQR ms',
  'GF/s',
  'GB/s',
  'ok',
] as const;
const WIDTHS = [12, 5, 5, 5, 4, 9, 9, 10, 15, 7, 7, 3];

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i < 3 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join('  ');
}

function printHeader(): void {
  console.log(row(COLUMNS));
  console.log(row(WIDTHS.map((w) => '─'.repeat(w))));
}

function printRun(r: RunResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(r));
    return;
  }
  console.log(
    row([
      r.kernel,
      r.op,
      r.dtype,
      String(r.n),
      String(r.batch),
      pct(r.sparsity),
      String(r.nnz),
      fmt(r.medianMs, 4),
      `${fmt(r.q1Ms)}–${fmt(r.q3Ms)}`,
      fmt(r.gflops),
      fmt(r.gbps),
      r.verified ? '✓' : '✗',
    ]) + (r.noisy ? '  (noisy)' : ''),
  );
}

function printPeak(p: PeakResult, json: boolean): void {
  if (json) {
    console.log(
      JSON.stringify({
        ...p,
        format: null,
        structure: null,
        n: null,
        batch: null,
        sparsity: null,
        nnz: null,
      }),
    );
    return;
  }
  console.log(
    row([
      p.kernel,
      'peak',
      p.dtype,
      '',
      '',
      '',
      '',
      fmt(p.medianMs, 4),
      `${fmt(p.q1Ms)}–${fmt(p.q3Ms)}`,
      fmt(p.gflops),
      '',
      p.verified ? '✓' : '✗',
    ]),
  );
}

// ------------------------------------------------------------------ modes

interface Group {
  label: string;
  problem: Problem;
  kernels: KernelId[];
}

function defaultGroups(seed: number, simd: boolean): Group[] {
  const k = (list: string): KernelId[] => kernelList(list).filter((id) => simd || !needsSimd(id));
  const groups: Group[] = [];
  for (const dtype of ['f64', 'f32'] as const) {
    groups.push({
      label: `GEMV n=4096 ${dtype}`,
      problem: { structure: 'unstructured', dtype, n: 4096, batch: 1, sparsity: 0, seed },
      kernels: k('dense:naive,dense:tuned,dense:simd'),
    });
  }
  for (const dtype of ['f64', 'f32'] as const) {
    groups.push({
      label: `GEMM n=512 ${dtype}`,
      problem: { structure: 'unstructured', dtype, n: 512, batch: 512, sparsity: 0, seed },
      kernels: k('dense:naive,dense:tuned,dense:simd'),
    });
  }
  for (const sparsity of [0.9, 0.99]) {
    for (const dtype of ['f64', 'f32'] as const) {
      groups.push({
        label: `SpMV n=4096 ${pct(sparsity)} ${dtype}`,
        problem: { structure: 'unstructured', dtype, n: 4096, batch: 1, sparsity, seed },
        kernels: k('dense:tuned,dense:simd,csr:tuned,csr:simd'),
      });
    }
  }
  for (const sparsity of [0.9, 0.99]) {
    for (const dtype of ['f64', 'f32'] as const) {
      groups.push({
        label: `SpMM n=2048 k=64 ${pct(sparsity)} ${dtype}`,
        problem: { structure: 'unstructured', dtype, n: 2048, batch: 64, sparsity, seed },
        kernels: k('dense:tuned,dense:simd,csr:tuned,csr:simd'),
      });
    }
  }
  return groups;
}

function selectedGroups(c: Config, simd: boolean): Group[] {
  const kernels = c.kernels.filter((id) => simd || !needsSimd(id));
  const skipped = c.kernels.filter((id) => !kernels.includes(id));
  if (skipped.length)
    process.stderr.write(
      `Skipping ${skipped.map(kernelName).join(', ')}: WebAssembly SIMD not loaded.\n`,
    );
  const groups: Group[] = [];
  for (const sparsity of c.sparsities) {
    for (const dtype of c.dtypes) {
      groups.push({
        label: `n=${c.n} k=${c.batch} ${pct(sparsity)} ${dtype} ${c.structure}`,
        problem: {
          structure: c.structure,
          dtype,
          n: c.n,
          batch: c.batch,
          sparsity,
          seed: c.seed,
          blockSize: c.block,
        },
        kernels,
      });
    }
  }
  return groups;
}

function runGroups(groups: Group[], ctx: RunContext, json: boolean): RunResult[] {
  const all: RunResult[] = [];
  groups.forEach((g, i) => {
    progress(`[${i + 1}/${groups.length}] ${g.label}: ${g.kernels.map(kernelName).join(', ')} …`);
    const results = runProblem(g.problem, g.kernels, ctx);
    progressDone();
    for (const r of results) printRun(r, json);
    all.push(...results);
  });
  return all;
}

interface Target {
  what: string;
  value: number;
  goal: number;
  unit: 'ratio' | 'GF/s';
}

function targets(runs: RunResult[], peaks: PeakResult[]): Target[] {
  const find = (
    kernel: string,
    op: string,
    dtype: DType,
    n: number,
    sparsity = 0,
  ): RunResult | undefined =>
    runs.find(
      (r) =>
        r.kernel === kernel &&
        r.op === op &&
        r.dtype === dtype &&
        r.n === n &&
        r.sparsity === sparsity,
    );
  const peak = (kernel: string): PeakResult | undefined => peaks.find((p) => p.kernel === kernel);
  const out: Target[] = [];
  const ratio = (
    what: string,
    num: { gflops: number } | undefined,
    den: { gflops: number } | undefined,
    goal: number,
  ): void => {
    if (num && den) out.push({ what, value: num.gflops / den.gflops, goal, unit: 'ratio' });
  };
  ratio(
    'GEMM f64 n=512: tuned / naive',
    find('dense:tuned', 'gemm', 'f64', 512),
    find('dense:naive', 'gemm', 'f64', 512),
    6,
  );
  ratio(
    'GEMV f64 n=4096: tuned / naive',
    find('dense:tuned', 'gemv', 'f64', 4096),
    find('dense:naive', 'gemv', 'f64', 4096),
    1.5,
  );
  ratio(
    'GEMM f32 n=512: simd / SIMD128 f32 peak probe',
    find('dense:simd', 'gemm', 'f32', 512),
    peak('peak:simd-f32'),
    0.75,
  );
  ratio(
    'GEMM f64 n=512: simd / SIMD128 f64 peak probe',
    find('dense:simd', 'gemm', 'f64', 512),
    peak('peak:simd-f64'),
    0.75,
  );
  ratio(
    'GEMM f64 n=512: tuned / JS scalar peak probe',
    find('dense:tuned', 'gemm', 'f64', 512),
    peak('peak:scalar'),
    0,
  );
  for (const s of [0.9, 0.99]) {
    for (const kernel of ['csr:tuned', 'csr:simd']) {
      const r = find(kernel, 'spmv', 'f64', 4096, s);
      // 60 % of scipy's ~2.5–4 GF/s (see docs/benchmarks.md for measuring scipy here).
      if (r)
        out.push({
          what: `CSR SpMV f64 n=4096 ${pct(s)}: ${kernel}`,
          value: r.gflops,
          goal: 1.5,
          unit: 'GF/s',
        });
    }
  }
  return out;
}

function printTargets(list: Target[], json: boolean): void {
  if (json) {
    for (const t of list)
      console.log(JSON.stringify({ type: 'target', ...t, met: t.value >= t.goal }));
    return;
  }
  console.log('\nTargets (same-run ratios)');
  for (const t of list) {
    const shown = t.unit === 'ratio' ? `${t.value.toFixed(2)}×` : `${t.value.toFixed(2)} GF/s`;
    const goal =
      t.goal === 0
        ? '(for context)'
        : `goal ≥ ${t.unit === 'ratio' ? `${t.goal}×` : `${t.goal} GF/s`} ${t.value >= t.goal ? '✓ met' : '✗ missed'}`;
    console.log(`  ${t.what.padEnd(52)} ${shown.padStart(11)}   ${goal}`);
  }
}

async function sweep(
  label: string,
  problem: Omit<Problem, 'sparsity'>,
  baseline: KernelId,
  candidate: KernelId,
  c: Config,
  ctx: RunContext,
): Promise<CrossoverResult> {
  const result = await crossoverSearch(
    problem,
    (p) => {
      progress(`${label}: probing ${pct(p.sparsity)} …`);
      return race(p, baseline, candidate, ctx);
    },
    {
      lo: c.lo,
      hi: c.hi,
      onRace: (r) => {
        if (!c.json) return;
        progressDone();
        console.log(JSON.stringify(r.baseline));
        console.log(JSON.stringify(r.candidate));
      },
      onProbe: (p, done, expected) =>
        progress(
          `${label}: [${done}/~${expected}] ${pct(p.sparsity)} → speedup ${p.speedup.toFixed(2)}×`,
        ),
    },
  );
  progressDone();
  return result;
}

function describeCrossover(r: CrossoverResult): string {
  if (r.kind === 'inside')
    return `${pct(r.sparsity)} (bracket ${pct(r.bracket[0])}–${pct(r.bracket[1])}, ${r.probes.length} probes)`;
  if (r.kind === 'below') return `below ${pct(r.lo)}: the candidate already wins there`;
  return `above ${pct(r.hi)}: the candidate still loses there`;
}

async function main(): Promise<void> {
  let c: Config | 'help';
  try {
    c = parse(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\nRun with --help to see every flag.\n`);
      process.exit(2);
    }
    throw e;
  }
  if (c === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const env = describeEnvironment(systemClock);
  let simd = null;
  if (c.simd) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = readFileSync(c.wasm);
    } catch {
      process.stderr.write(
        `No ${c.wasm}: run \`npm run build:wasm\` first. The simd tier is skipped.\n`,
      );
    }
    if (bytes) {
      const loaded = await tryLoadSimdKernels(bytes);
      simd = loaded.kernels;
      if (!simd) process.stderr.write(`${loaded.reason}\n`);
    }
  }
  const ctx: RunContext = {
    clock: systemClock,
    resolutionMs: env.timerResolutionMs,
    simd,
    measure: { batches: c.batches, minBatchMs: c.minBatchMs },
  };
  const started = systemClock.now();
  if (c.json)
    console.log(JSON.stringify({ type: 'environment', ...env, simdLoaded: simd !== null }));
  else
    console.log(
      `${env.userAgent} · timer ${env.timerResolutionMs.toPrecision(2)} ms · WebAssembly SIMD ${simd ? 'loaded' : 'not loaded'}\n`,
    );

  if (c.mode === 'sweep' || c.mode === 'ladder') {
    const jobs: { label: string; problem: Omit<Problem, 'sparsity'>; baseline: KernelId }[] = [];
    if (c.mode === 'sweep') {
      for (const dtype of c.dtypes) {
        jobs.push({
          label: `${kernelName(c.candidate)} vs ${kernelName(c.baseline)} n=${c.n} k=${c.batch} ${dtype}`,
          problem: {
            structure: c.structure,
            dtype,
            n: c.n,
            batch: c.batch,
            seed: c.seed,
            blockSize: c.block,
          },
          baseline: c.baseline,
        });
      }
    } else {
      for (const [op, n, batch] of [
        ['SpMV', 2048, 1],
        ['SpMM', 1024, 64],
      ] as const) {
        for (const dtype of ['f64', 'f32'] as const) {
          for (const tier of ['naive', 'tuned', 'simd'] as const) {
            if (tier === 'simd' && !simd) continue;
            jobs.push({
              label: `${op} n=${n}${batch > 1 ? ` k=${batch}` : ''} ${dtype}: ${kernelName(c.candidate)} vs dense:${tier}`,
              problem: {
                structure: c.structure,
                dtype,
                n,
                batch,
                seed: c.seed,
                blockSize: c.block,
              },
              baseline: { format: 'dense', tier },
            });
          }
        }
      }
    }
    if (needsSimd(c.candidate) && !simd)
      throw new Error('The candidate needs WebAssembly SIMD, which is not loaded.');
    if (c.engine === 'chromium') {
      const { sweepInChromium } = await import('./bench-browser');
      const wasm = simd && c.simd ? [...readFileSync(c.wasm)] : null;
      const out = await sweepInChromium(
        {
          jobs: jobs.filter((j) => !needsSimd(j.baseline) || wasm),
          candidate: c.candidate,
          lo: c.lo,
          hi: c.hi,
          measure: ctx.measure ?? {},
          wasm,
        },
        (m) => progress(m),
      );
      progressDone();
      if (c.json)
        console.log(JSON.stringify({ type: 'environment', engine: 'chromium', ...out.env }));
      else
        console.log(
          `In Chromium: ${out.env.userAgent} · timer ${out.env.timerResolutionMs.toPrecision(2)} ms\n`,
        );
      for (const { label, result } of out.results) {
        if (c.json)
          console.log(JSON.stringify({ type: 'crossover', engine: 'chromium', label, ...result }));
        else console.log(`${label.padEnd(52)} crossover ${describeCrossover(result)}`);
      }
      if (!c.json) console.log(`\nDone in ${((systemClock.now() - started) / 1000).toFixed(1)} s.`);
      return;
    }
    const lines: string[] = [];
    for (const job of jobs) {
      if (needsSimd(job.baseline) && !simd) continue;
      const r = await sweep(job.label, job.problem, job.baseline, c.candidate, c, ctx);
      if (c.json) console.log(JSON.stringify({ type: 'crossover', label: job.label, ...r }));
      else {
        const line = `${job.label.padEnd(52)} crossover ${describeCrossover(r)}`;
        console.log(line);
        lines.push(line);
      }
    }
  } else if (c.mode === 'peaks') {
    if (!c.json) printHeader();
    for (const p of runPeaks(ctx)) printPeak(p, c.json);
  } else {
    if (!c.json) printHeader();
    progress('peak probes …');
    const peaks = c.mode === 'default' ? runPeaks(ctx) : [];
    progressDone();
    for (const p of peaks) printPeak(p, c.json);
    const groups =
      c.mode === 'default'
        ? defaultGroups(c.seed, simd !== null)
        : selectedGroups(c, simd !== null);
    const runs = runGroups(groups, ctx, c.json);
    if (c.mode === 'default') printTargets(targets(runs, peaks), c.json);
  }
  if (!c.json) console.log(`\nDone in ${((systemClock.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((e: unknown) => {
  progressDone();
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
