#!/usr/bin/env node
/**
 * node scripts/native-memory.mjs [--quick] [--out DIR]
 *
 * The native reference for the memory mountain: compiles scripts/native-memory.c
 * with gcc -O2, runs it, and writes content/data/native-memory/<YYYY-MM-DD>.json
 * with the machine it ran on (CPU model, cores, cache sizes from /sys, kernel,
 * compiler). Compare with the JavaScript mountain from the same session:
 * `npx tsx scripts/mountain.ts --quick --native <that file>`.
 *
 * Run it on a quiet machine: other processes share the caches and the memory bus.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'content/data/native-memory' },
    note: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: node scripts/native-memory.mjs [--quick] [--out DIR] [--note TEXT]...

  --quick   one size per doubling, 3 batches, a 3 × 64 MB triad (about 2 s)
            (default: four sizes per doubling, 7 batches, a 3 × 256 MB triad)
  --out     folder for <YYYY-MM-DD>.json (default content/data/native-memory)
  --note    a line for the file's notes (repeatable), e.g. "machine shared with 5 jobs"`);
  process.exit(0);
}

const read = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The machine, as the OS describes it. */
function describeMachine() {
  const cpuinfo = read('/proc/cpuinfo') ?? '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const flags = /^flags\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.split(' ') ?? [];
  const cacheDir = '/sys/devices/system/cpu/cpu0/cache';
  let caches = [];
  try {
    caches = readdirSync(cacheDir)
      .filter((d) => d.startsWith('index'))
      .sort()
      .map((d) => ({
        level: Number(read(join(cacheDir, d, 'level'))),
        type: read(join(cacheDir, d, 'type')),
        size: read(join(cacheDir, d, 'size')),
        lineBytes: Number(read(join(cacheDir, d, 'coherency_line_size'))),
        sharedCpus: read(join(cacheDir, d, 'shared_cpu_list')),
      }));
  } catch {
    // Not Linux, or no sysfs: the caches stay unknown.
  }
  const gcc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  return {
    cpu: model,
    logicalCores: cpus().length,
    simd: ['sse2', 'avx', 'avx2', 'avx512f', 'asimd'].filter((f) => flags.includes(f)),
    caches,
    kernel: release(),
    hypervisor: flags.includes('hypervisor'),
    compiler: gcc,
    flags: '-O2',
  };
}

const dir = mkdtempSync(join(tmpdir(), 'native-memory-'));
const binary = join(dir, 'native-memory');
try {
  execFileSync('gcc', ['-O2', '-o', binary, 'scripts/native-memory.c', '-lm'], {
    stdio: 'inherit',
  });
  const machine = describeMachine();
  const started = new Date();
  process.stderr.write(
    `native-memory: running${values.quick ? ' (quick)' : ''} on ${machine.cpu}…\n`,
  );
  let stdout;
  let verified = true;
  try {
    stdout = execFileSync(binary, values.quick ? ['--quick'] : [], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
  } catch (e) {
    // Exit code 3: ran, but a sum or chase did not verify; the JSON is still there.
    if (e.status !== 3) throw e;
    stdout = e.stdout;
    verified = false;
  }
  const run = JSON.parse(stdout);
  const date = started.toISOString().slice(0, 10);
  const result = {
    what: 'Native STREAM-style reference for the memory mountain: stride-1 read bandwidth and random pointer-chase latency by working-set size, and a DRAM-size triad.',
    date,
    started: started.toISOString(),
    machine,
    method: {
      source: 'scripts/native-memory.c',
      read: 'Σ a_i over the working set with eight 16-byte vector sums (GCC vector extensions, SSE2/NEON baseline); GB/s = working-set bytes / time.',
      chase:
        'one node per 64-byte line, one random cycle (Sattolo, splitmix64 seed); ns per hop; 32,768 hops per call, continuing where the last call stopped.',
      triad:
        "STREAM's a = b + 3c on three arrays of triad.bytesPerArray bytes, counted as 24 bytes per element (write-allocate traffic not counted).",
      timing:
        'CLOCK_MONOTONIC; 3 warm-up calls, then the median of `batches` batches, each lasting at least `minBatchMs`.',
      verified:
        'every sum is exact (integer data) and checked; the chase must end where the ring says it must',
    },
    ...run,
    verified: verified && run.verified,
    notes: [
      ...(values.quick
        ? ['Quick mode: one size per doubling, 3 batches: a smoke run, not the reference.']
        : []),
      ...values.note,
    ],
  };
  delete result.sink;
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `${date}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  const dram = run.points.at(-1);
  process.stderr.write(
    `native-memory: ${file}: read ${run.points[0].readGbps.toFixed(1)} GB/s at ${run.points[0].bytes / 1024} KB, ` +
      `${dram.readGbps.toFixed(1)} GB/s at ${dram.bytes / 2 ** 20} MB; chase ${dram.chaseNs.toFixed(0)} ns; ` +
      `triad ${run.triad.gbps.toFixed(1)} GB/s; verified: ${result.verified}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
