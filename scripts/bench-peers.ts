/**
 * npm run bench:peers — our kernels next to the JavaScript libraries a reader
 * might otherwise reach for (ml-matrix, mathjs dense and sparse, numeric),
 * timed alternately on the same seeded inputs by src/bench/measure.ts, every
 * answer verified against the f64 reference. Dev dependencies only.
 * `--help` lists the flags; docs/benchmarks.md explains how to add numpy/scipy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import * as math from 'mathjs';
import { Matrix as MlMatrix } from 'ml-matrix';
import { systemClock } from '../src/bench/clock';
import { describeEnvironment } from '../src/bench/environment';
import { measureAlternating } from '../src/bench/measure';
import { verifyProduct } from '../src/bench/verify';
import { bsrFromDense, spmmBsr, spmvBsr } from '../src/kernels/bsr';
import { cooFromDense, spmmCoo, spmvCoo } from '../src/kernels/coo';
import { csrFromDense, spmmCsr, spmvCsr } from '../src/kernels/csr';
import {
  denseZeros,
  gemmNaive,
  gemmTuned,
  gemvNaive,
  gemvTuned,
  type Dense,
} from '../src/kernels/dense';
import { generate, randomDense, type Structure } from '../src/kernels/generate';
import { nmFromDense, spmmNm, spmvNm } from '../src/kernels/nm';
import { referenceGemm, termsPerRow } from '../src/kernels/reference';
import { tryLoadSimdKernels, type SimdKernels } from '../src/kernels/wasm';

const HELP = `Usage: npm run bench:peers -- [--json] [--quick] [--wasm PATH] [--help]

Times, alternately and on the same seeded f64 inputs:
  GEMM n = 512       ours (naive, tuned, simd) vs ml-matrix mmul, mathjs multiply, numeric.dot
  GEMV n = 4096      ours vs the same three
  SpMV n = 4096      ours (csr tuned and simd, plus coo / bsr4 / 2:4 on the structure each
                     is made for) vs mathjs sparse: unstructured 90 % and 99 %, 4×4 blocks
                     90 %, 2:4 (50 %)
  SpMM n = 1024 k=64 the same cases
and prints the ratios the issue sets as targets.

  --json     one JSON object per measurement
  --quick    smaller sizes (GEMM 256, GEMV 2048, SpMV 2048, SpMM 512): a smoke run
  --wasm P   WebAssembly kernels (default build/wasm/kernels.wasm)
  --help     this text
`;

const require = createRequire(import.meta.url);
/** numeric ships no types; this is the one function we use. */
const numeric = require('numeric') as { dot(a: number[][], b: number[][]): number[][] };

interface Entry {
  name: string;
  ours: boolean;
  /** FLOPs one call executes (dense kernels count the zeros too). */
  flops: number;
  run: () => void;
  /** The answer, row-major, read after timing. */
  result: () => ArrayLike<number>;
  /** Terms summed per output row (for the verification bound). */
  terms: Int32Array;
}

interface Row {
  case: string;
  kernel: string;
  ours: boolean;
  medianMs: number;
  gflops: number;
  verified: boolean;
}

const rows2d = (a: Dense): number[][] =>
  Array.from({ length: a.rows }, (_, i) =>
    Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)),
  );

/** mathjs SparseMatrix is compressed sparse column: build it straight from the arrays. */
function mathjsSparse(a: Dense): math.Matrix {
  const values: number[] = [];
  const index: number[] = [];
  const ptr: number[] = [0];
  for (let j = 0; j < a.cols; j++) {
    for (let i = 0; i < a.rows; i++) {
      const v = a.data[i * a.cols + j]!;
      if (v !== 0) {
        values.push(v);
        index.push(i);
      }
    }
    ptr.push(values.length);
  }
  // fromJSON is public API but missing from mathjs's type declarations.
  const { SparseMatrix } = math as unknown as {
    SparseMatrix: { fromJSON(json: object): math.Matrix };
  };
  return SparseMatrix.fromJSON({
    mathjs: 'SparseMatrix',
    values,
    index,
    ptr,
    size: [a.rows, a.cols],
  });
}

function flat(m: math.Matrix | number[][] | MlMatrix): Float64Array {
  if (m instanceof MlMatrix) return Float64Array.from(m.to1DArray());
  const arr = Array.isArray(m) ? m : (m.toArray() as unknown as number[][]);
  return Float64Array.from(arr.flat());
}

function runCase(label: string, dense: Dense, x: Dense, entries: Entry[], json: boolean): Row[] {
  process.stderr.write(`${label}: ${entries.map((e) => e.name).join(', ')} …\n`);
  if (!json) console.log(label);
  const ms = measureAlternating(
    entries.map((e) => e.run),
    { clock: systemClock, resolutionMs: 0.001, batches: 3, minBatchMs: 5, warmupMs: 5 },
  );
  const ref = referenceGemm(dense, x);
  return entries.map((e, i) => {
    const v = verifyProduct(
      Float64Array.from(e.result()),
      ref,
      (idx) => e.terms[Math.floor(idx / x.cols)]!,
      'f64',
    );
    const row: Row = {
      case: label,
      kernel: e.name,
      ours: e.ours,
      medianMs: ms[i]!.medianMs,
      gflops: e.flops / (ms[i]!.medianMs * 1e6),
      verified: v.ok,
    };
    if (json) console.log(JSON.stringify(row));
    else
      console.log(
        `  ${row.kernel.padEnd(22)} ${row.medianMs.toPrecision(4).padStart(10)} ms ${row.gflops.toPrecision(3).padStart(8)} GF/s  ${row.verified ? '✓' : '✗ wrong answer'}`,
      );
    return row;
  });
}

/** Our dense tiers and the three libraries' dense products, on one problem. */
function denseEntries(a: Dense, x: Dense, simd: SimdKernels | null): Entry[] {
  const n = a.rows;
  const k = x.cols;
  const flops = 2 * n * a.cols * k;
  const terms = termsPerRow(a);
  const vector = k === 1;
  const y = denseZeros(n, k, 'f64');
  const yn = denseZeros(n, k, 'f64');
  const out: Entry[] = [
    vector
      ? {
          name: 'ours dense:naive',
          ours: true,
          flops,
          terms,
          run: () => gemvNaive(a, x.data, yn.data),
          result: () => yn.data,
        }
      : {
          name: 'ours dense:naive',
          ours: true,
          flops,
          terms,
          run: () => gemmNaive(a, x, yn),
          result: () => yn.data,
        },
    vector
      ? {
          name: 'ours dense:tuned',
          ours: true,
          flops,
          terms,
          run: () => gemvTuned(a, x.data, y.data),
          result: () => y.data,
        }
      : {
          name: 'ours dense:tuned',
          ours: true,
          flops,
          terms,
          run: () => gemmTuned(a, x, y),
          result: () => y.data,
        },
  ];
  if (n * a.cols * k > 64e6) out.shift(); // naive GEMM at this size would dominate the run
  if (simd) {
    const arena = simd.arena(simd.arenaBytes(a.data.byteLength, x.data.byteLength, n * k * 8));
    const [ra, rx, ry] = [arena.dense(a), arena.dense(x), arena.zeros(n, k, 'f64')];
    out.push({
      name: 'ours dense:simd',
      ours: true,
      flops,
      terms,
      run: vector ? () => simd.gemvSimd(ra, rx.data, ry.data) : () => simd.gemmSimd(ra, rx, ry),
      result: () => ry.data,
    });
  }
  const ma = new MlMatrix(rows2d(a));
  const mx = new MlMatrix(rows2d(x));
  let ml: MlMatrix = ma;
  out.push({
    name: 'ml-matrix mmul',
    ours: false,
    flops,
    terms,
    run: () => (ml = ma.mmul(mx)),
    result: () => flat(ml),
  });
  const ja = math.matrix(rows2d(a));
  const jx = math.matrix(rows2d(x));
  let mj: math.Matrix = ja;
  out.push({
    name: 'mathjs multiply',
    ours: false,
    flops,
    terms,
    run: () => (mj = math.multiply(ja, jx)),
    result: () => flat(mj),
  });
  const na = rows2d(a);
  const nx = rows2d(x);
  let nr: number[][] = [];
  out.push({
    name: 'numeric.dot',
    ours: false,
    flops,
    terms,
    run: () => (nr = numeric.dot(na, nx)),
    result: () => flat(nr),
  });
  return out;
}

/** Our sparse kernels and mathjs's sparse product, on one problem. */
function sparseEntries(
  dense: Dense,
  x: Dense,
  simd: SimdKernels | null,
  extra: 'coo' | 'bsr4' | 'nm',
): Entry[] {
  const n = dense.rows;
  const k = x.cols;
  const vector = k === 1;
  const csr = csrFromDense(dense);
  const nnz = csr.rowPtr[n]!;
  const useful = 2 * nnz * k;
  const out: Entry[] = [];
  const add = (
    name: string,
    m: Parameters<typeof termsPerRow>[0],
    mv: (y: Float64Array) => void,
    mm: (y: Dense) => void,
    flops = useful,
  ) => {
    const y = denseZeros(n, k, 'f64');
    out.push({
      name,
      ours: true,
      flops,
      terms: termsPerRow(m),
      run: vector ? () => mv(y.data as Float64Array) : () => mm(y),
      result: () => y.data,
    });
  };
  add(
    'ours csr:tuned',
    csr,
    (y) => spmvCsr(csr, x.data, y),
    (y) => spmmCsr(csr, x, y),
  );
  // Each structured format runs on the structure it is made for (BSR on unstructured data would multiply mostly zeros).
  if (extra === 'coo') {
    const coo = cooFromDense(dense);
    add(
      'ours coo:tuned',
      coo,
      (y) => spmvCoo(coo, x.data, y),
      (y) => spmmCoo(coo, x, y),
    );
  } else if (extra === 'bsr4') {
    const bsr = bsrFromDense(dense, 4);
    add(
      'ours bsr4:tuned',
      bsr,
      (y) => spmvBsr(bsr, x.data, y),
      (y) => spmmBsr(bsr, x, y),
      2 * bsr.values.length * k,
    );
  } else {
    const nm = nmFromDense(dense);
    add(
      'ours nm:tuned',
      nm,
      (y) => spmvNm(nm, x.data, y),
      (y) => spmmNm(nm, x, y),
      2 * nm.values.length * k,
    );
  }
  if (simd) {
    const arena = simd.arena(
      simd.arenaBytes(
        csr.rowPtr.byteLength,
        csr.colIdx.byteLength,
        csr.values.byteLength,
        x.data.byteLength,
        n * k * 8,
      ),
    );
    const [rc, rx, ry] = [arena.csr(csr), arena.dense(x), arena.zeros(n, k, 'f64')];
    out.push({
      name: 'ours csr:simd',
      ours: true,
      flops: useful,
      terms: termsPerRow(csr),
      run: vector
        ? () => simd.spmvCsrSimd(rc, rx.data, ry.data)
        : () => simd.spmmCsrSimd(rc, rx, ry),
      result: () => ry.data,
    });
  }
  const s = mathjsSparse(dense);
  const xs = vector ? Array.from(x.data) : math.matrix(rows2d(x));
  let r: math.Matrix = s;
  out.push({
    name: 'mathjs sparse',
    ours: false,
    flops: useful,
    terms: termsPerRow(csr),
    run: () => (r = math.multiply(s, xs as math.Matrix) as math.Matrix),
    result: () => flat(r),
  });
  return out;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        json: { type: 'boolean' },
        quick: { type: 'boolean' },
        wasm: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(
      `bench:peers: ${(e as Error).message}\nRun with --help to see every flag.\n`,
    );
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const json = values.json ?? false;
  const quick = values.quick ?? false;
  const env = describeEnvironment(systemClock);
  let simd: SimdKernels | null = null;
  try {
    const loaded = await tryLoadSimdKernels(readFileSync(values.wasm ?? 'build/wasm/kernels.wasm'));
    simd = loaded.kernels;
    if (!simd) process.stderr.write(`${loaded.reason}\n`);
  } catch {
    process.stderr.write(
      'No build/wasm/kernels.wasm (npm run build:wasm): the simd tier is skipped.\n',
    );
  }
  if (!json)
    console.log(`${env.userAgent} · f64 · every answer checked against the f64 reference\n`);
  const seed = 1;
  const rows: Row[] = [];
  const gemmN = quick ? 256 : 512;
  const gemvN = quick ? 2048 : 4096;
  const spmvN = quick ? 2048 : 4096;
  const spmmN = quick ? 512 : 1024;
  {
    const a = generate({
      rows: gemmN,
      cols: gemmN,
      sparsity: 0,
      dtype: 'f64',
      seed,
      structure: 'unstructured',
    }).dense;
    const x = randomDense(gemmN, gemmN, 'f64', seed + 1);
    rows.push(...runCase(`GEMM n=${gemmN}`, a, x, denseEntries(a, x, simd), json));
  }
  {
    const a = generate({
      rows: gemvN,
      cols: gemvN,
      sparsity: 0,
      dtype: 'f64',
      seed,
      structure: 'unstructured',
    }).dense;
    const x = randomDense(gemvN, 1, 'f64', seed + 1);
    rows.push(...runCase(`GEMV n=${gemvN}`, a, x, denseEntries(a, x, simd), json));
  }
  const sparseCases: [Structure, number, 'coo' | 'bsr4' | 'nm'][] = [
    ['unstructured', 0.9, 'coo'],
    ['unstructured', 0.99, 'coo'],
    ['block', 0.9, 'bsr4'],
    ['nm', 0.5, 'nm'],
  ];
  for (const [label, n, k] of [
    ['SpMV', spmvN, 1],
    ['SpMM', spmmN, 64],
  ] as const) {
    for (const [structure, sparsity, extra] of sparseCases) {
      const a = generate({
        rows: n,
        cols: n,
        sparsity,
        dtype: 'f64',
        seed,
        structure,
        blockSize: 4,
      }).dense;
      const x = randomDense(n, k, 'f64', seed + 1);
      const name = `${label} n=${n}${k > 1 ? ` k=${k}` : ''} ${structure === 'nm' ? '2:4' : structure} ${sparsity * 100} %`;
      rows.push(...runCase(name, a, x, sparseEntries(a, x, simd, extra), json));
    }
  }

  // The targets, as same-run ratios of time.
  const lines: string[] = [];
  const time = (c: string, kernel: string) =>
    rows.find((r) => r.case === c && r.kernel === kernel && r.verified)?.medianMs;
  const gemmCase = `GEMM n=${gemmN}`;
  const peers = rows.filter((r) => r.case === gemmCase && !r.ours && r.verified);
  const bestPeer = peers.reduce<Row | undefined>(
    (b, r) => (!b || r.medianMs < b.medianMs ? r : b),
    undefined,
  );
  const tuned = time(gemmCase, 'ours dense:tuned');
  if (bestPeer && tuned) {
    lines.push(
      `${gemmCase}: dense:tuned vs best peer (${bestPeer.kernel}): ${(bestPeer.medianMs / tuned).toFixed(2)}× (goal ≥ 2×)`,
    );
  }
  for (const c of new Set(rows.filter((r) => r.case.startsWith('Sp')).map((r) => r.case))) {
    const mj = time(c, 'mathjs sparse');
    if (!mj) continue;
    for (const r of rows.filter((q) => q.case === c && q.ours && q.verified)) {
      lines.push(
        `${c}: ${r.kernel.replace('ours ', '')} vs mathjs sparse: ${(mj / r.medianMs).toFixed(1)}× (goal ≥ 3×)`,
      );
    }
  }
  if (json) for (const l of lines) console.log(JSON.stringify({ type: 'target', text: l }));
  else console.log(`\nTargets (same-run ratios)\n${lines.map((l) => `  ${l}`).join('\n')}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:peers: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
