/**
 * npx tsx scripts/crossover-ladder-doc.ts — regenerates the crossover-ladder tables
 * in docs/benchmarks.md from fresh runs: `scripts/bench.ts --sweep --ladder --json`
 * once per candidate and run (as a child process, so each run gets a fresh JIT),
 * the median per rung, and a stamp of date, machine and command. `--help` for flags.
 * Run it on a quiet machine: the whole thing takes several minutes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import {
  parseLadderLine,
  renderLadder,
  spliceBetweenMarkers,
  type LadderResult,
} from './crossover-ladder-table';

const HELP = `Usage: npx tsx scripts/crossover-ladder-doc.ts [flags]

Runs the crossover ladder (npm run bench -- --sweep --ladder --json) --runs times for
each candidate, takes the median crossover of every rung, and rewrites the text between
<!-- crossover-ladder:start --> and <!-- crossover-ladder:end --> in the doc.

  --runs N            runs per candidate (default 3; odd numbers give a true median)
  --candidates LIST   comma-separated sparse kernels (default csr:tuned,csr:simd)
  --quick             one short batch per timing (--batches 1 --min-batch-ms 1): a smoke
                      test of this script, not numbers to publish
  --doc PATH          the doc to read (default docs/benchmarks.md)
  --out PATH          where to write (default: the doc itself; "-" prints to stdout)
  --help              this text
`;

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    candidates: { type: 'string' },
    quick: { type: 'boolean' },
    doc: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const runs = Number(values.runs ?? '3');
if (!Number.isInteger(runs) || runs < 1 || runs > 15) {
  process.stderr.write(`--runs must be an integer from 1 to 15, got "${values.runs}".\n`);
  process.exit(2);
}
const candidates = (values.candidates ?? 'csr:tuned,csr:simd').split(',').filter(Boolean);
const docPath = values.doc ?? 'docs/benchmarks.md';
const outPath = values.out ?? docPath;
const quickFlags = values.quick ? ['--batches', '1', '--min-batch-ms', '1'] : [];

/** "AMD EPYC 9B14" from /proc/cpuinfo, else what Node reports. */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    const model = line?.split(':')[1]?.trim();
    if (model) return model;
  } catch {
    // Not Linux: fall through to Node's own report.
  }
  return cpus()[0]?.model.trim() || 'unknown CPU';
}

const results: LadderResult[] = [];
let simdLoaded = true;
const started = Date.now();
for (const candidate of candidates) {
  for (let run = 1; run <= runs; run++) {
    const args = [
      'tsx',
      'scripts/bench.ts',
      '--sweep',
      '--ladder',
      '--json',
      '--candidate',
      candidate,
      ...quickFlags,
    ];
    process.stderr.write(`[${candidate} run ${run}/${runs}] npx ${args.join(' ')}\n`);
    // The ladder's own progress goes to stderr, which we pass through; results come as JSON lines.
    const child = spawnSync('npx', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      process.stderr.write(`The ladder failed (exit ${child.status ?? child.signal}).\n`);
      process.exit(1);
    }
    const lines = child.stdout.split('\n');
    for (const line of lines) {
      if (line.includes('"type":"environment"') && line.includes('"simdLoaded":false'))
        simdLoaded = false;
    }
    const found = lines.map(parseLadderLine).filter((r): r is LadderResult => r !== null);
    if (found.length === 0) {
      process.stderr.write('The ladder printed no crossover results.\n');
      process.exit(1);
    }
    results.push(...found);
  }
}

const flags = [
  runs !== 3 ? `--runs ${runs}` : '',
  values.candidates ? `--candidates ${values.candidates}` : '',
  values.quick ? '--quick' : '',
].filter(Boolean);
const body = renderLadder(results, {
  date: new Date().toISOString().slice(0, 10),
  cpu: cpuModel(),
  cores: cpus().length,
  node: process.versions.node,
  command: ['npx tsx scripts/crossover-ladder-doc.ts', ...flags].join(' '),
  benchCommand: ['npm run bench -- --sweep --ladder --json --candidate <candidate>', ...quickFlags]
    .join(' ')
    .trim(),
  runs,
  simd: simdLoaded,
});

if (outPath === '-') {
  process.stdout.write(`${body}\n`);
} else {
  writeFileSync(outPath, spliceBetweenMarkers(readFileSync(docPath, 'utf8'), body));
  process.stderr.write(
    `Wrote the ladder to ${outPath} in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
  );
}
