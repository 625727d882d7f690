/**
 * npx tsx scripts/mountain.ts [--quick] [--engine node|chromium] [--native FILE] [--json FILE]
 *
 * The memory mountain and the latency curve of the site (src/bench/mountain.ts,
 * src/bench/latency.ts), measured from the command line, with the cache levels
 * each finds, set beside the native reference of scripts/native-memory.mjs
 * (the newest content/data/native-memory/*.json unless --native names one):
 * the ratio of the DRAM plateaus, and the cache sizes found against /sys.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { findCacheLevels, type CacheLevel } from '../src/bench/cache-levels';
import {
  runMemorySession,
  type MemorySession,
  type MemorySessionRequest,
} from './mountain-session';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const HELP = `Usage: npx tsx scripts/mountain.ts [flags]

  --quick            one size per doubling, strides 1 and 8 (a few seconds per curve)
  --engine E         node (default) or chromium (headless Chromium's engine: what the
                     site measures in; needs /usr/bin/chromium or CHROMIUM_PATH)
  --native FILE      native reference to compare with (default: the newest
                     content/data/native-memory/*.json, if any)
  --json FILE        also write the whole session (points, levels) as JSON
  --wasm PATH        WebAssembly kernels (default build/wasm/kernels.wasm)
  --no-simd          skip the WebAssembly SIMD read
  --help             this text
`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'node' },
    native: { type: 'string' },
    json: { type: 'string' },
    wasm: { type: 'string', default: 'build/wasm/kernels.wasm' },
    'no-simd': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const log = (line: string): void => void process.stderr.write(line + '\n');
const KB = 1024;
const MB = KB * KB;
const fmtBytes = (b: number): string =>
  b >= MB ? `${+(b / MB).toFixed(1)} MB` : `${+(b / KB).toFixed(1)} KB`;

async function inChromium(request: MemorySessionRequest): Promise<MemorySession> {
  const executablePath = chromiumPath();
  const bundle = await build({
    entryPoints: [new URL('./mountain-browser-entry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage();
    await page.exposeFunction('pdProgress', log);
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(
      (r) =>
        (
          globalThis as unknown as {
            pdMountain: { run: (r: MemorySessionRequest) => Promise<never> };
          }
        ).pdMountain.run(r),
      request,
    );
  } finally {
    await browser.close();
  }
}

interface NativeFile {
  date: string;
  machine: {
    cpu: string;
    caches: { level: number; type: string; size: string }[];
    logicalCores: number;
  };
  points: { bytes: number; readGbps: number; chaseNs: number }[];
  triad: { gbps: number; bytesPerArray: number };
  verified: boolean;
  notes: string[];
}

function newestNative(): string | null {
  const dir = 'content/data/native-memory';
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort();
  return files.length ? join(dir, files.at(-1)!) : null;
}

const levelLine = (levels: readonly CacheLevel[], unit: string): string =>
  levels
    .map(
      (l) =>
        `${l.name}${l.lastLevel ? ' (last level)' : ''} ${fmtBytes(l.fromBytes)}–${fmtBytes(l.toBytes)}: ` +
        `${l.value.toFixed(1)} ${unit}` +
        (l.edgeBytes ? `, edge ≈ ${fmtBytes(l.edgeBytes)}` : ''),
    )
    .join('\n    ');

const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const wasm = values['no-simd'] ? null : Array.from(readFileSync(values.wasm));
  const request: MemorySessionRequest = { quick: values.quick, wasm };
  const engine = values.engine;
  if (engine !== 'node' && engine !== 'chromium') throw new Error(`Unknown engine "${engine}".`);
  const session =
    engine === 'chromium' ? await inChromium(request) : await runMemorySession(request, log);
  const { mountain, latency, env } = session;

  const out: string[] = [];
  out.push(
    `Memory mountain (${values.quick ? 'quick' : 'full'}), ${env.userAgent}, timer ${env.timerResolutionMs.toFixed(4)} ms, ` +
      `${session.seconds.mountain.toFixed(1)} s + latency ${session.seconds.latency.toFixed(1)} s; ` +
      `longest unit ${session.longestUnitMs.toFixed(0)} ms; verified: ${mountain.verified && latency.verified}`,
  );
  const series = [...new Set(mountain.points.map((p) => `${p.kernel}:${p.stride}`))];
  out.push(
    ['size', ...series.map((s) => (s.startsWith('simd') ? 'SIMD s1' : `JS s${s.split(':')[1]}`))]
      .map((h) => h.padStart(9))
      .join('') + '   GB/s (useful bytes)',
  );
  const sizes = [...new Set(mountain.points.map((p) => p.bytes))];
  for (const b of sizes) {
    const row = series.map((s) => {
      const p = mountain.points.find((q) => q.bytes === b && `${q.kernel}:${q.stride}` === s);
      return p ? (p.gbps.toFixed(1) + (p.noisy ? '~' : ' ')).padStart(9) : ''.padStart(9);
    });
    const lat = latency.points.find((p) => p.bytes === b);
    out.push(
      fmtBytes(b).padStart(9) +
        row.join('') +
        (lat
          ? `   in order ${lat.inOrder.ns.toFixed(2)} ns, chase ${lat.chase.ns.toFixed(1)} ns`
          : ''),
    );
  }
  out.push(`  (~ = noisy: interquartile spread over 10 % of the median)`);
  out.push(
    `  mountain levels (${mountain.levelSeries.kernel} stride ${mountain.levelSeries.stride}):\n    ${levelLine(mountain.levels, 'GB/s')}`,
  );
  out.push(`  latency levels (chase):\n    ${levelLine(latency.levels, 'ns')}`);
  out.push(
    `  headline: L1 ${mountain.l1Gbps.toFixed(1)} GB/s, DRAM ${mountain.dramGbps.toFixed(1)} GB/s ` +
      `(${mountain.l1ToDram.toFixed(1)}×); chase L1 ${latency.l1Ns.toFixed(1)} ns, DRAM ${latency.dramNs.toFixed(0)} ns, ` +
      `in order at DRAM ${latency.dramInOrderNs.toFixed(2)} ns per line (chase ${latency.dramRatio.toFixed(0)}× slower)`,
  );
  for (const n of [...mountain.notes, ...latency.notes]) out.push(`  note: ${n}`);

  const nativePath = values.native ?? newestNative();
  if (nativePath) {
    const native = JSON.parse(readFileSync(nativePath, 'utf8')) as NativeFile;
    const readLevels = findCacheLevels(
      native.points.map((p) => ({ bytes: p.bytes, value: p.readGbps })),
    );
    const chaseLevels = findCacheLevels(
      native.points.map((p) => ({ bytes: p.bytes, value: p.chaseNs })),
      { kind: 'latency' },
    );
    const last = readLevels.at(-1)!;
    const nativeDram = medianOf(
      native.points
        .filter((p) => p.bytes >= last.fromBytes && p.bytes <= last.toBytes)
        .map((p) => p.readGbps),
    );
    const jsScalarDram = medianOf(
      mountain.points
        .filter(
          (p) =>
            p.kernel === 'js' &&
            p.stride === 1 &&
            p.bytes >= (mountain.levels.at(-1)?.fromBytes ?? Infinity),
        )
        .map((p) => p.gbps),
    );
    out.push('');
    out.push(
      `Native reference ${nativePath} (${native.date}, ${native.machine.cpu}, verified: ${native.verified}):`,
    );
    out.push(`  read levels:\n    ${levelLine(readLevels, 'GB/s')}`);
    out.push(`  chase levels:\n    ${levelLine(chaseLevels, 'ns')}`);
    out.push(
      `  triad ${native.triad.gbps.toFixed(1)} GB/s (3 × ${fmtBytes(native.triad.bytesPerArray)})`,
    );
    out.push(
      `  /sys caches: ${native.machine.caches.map((c) => `L${c.level} ${c.type} ${c.size}`).join(', ')}`,
    );
    out.push(
      `  DRAM read plateau: native ${nativeDram.toFixed(1)} GB/s; ${engine} ${mountain.points.some((p) => p.kernel === 'simd') ? 'SIMD' : 'JS'} ` +
        `${mountain.dramGbps.toFixed(1)} GB/s (native / ${engine} = ${(nativeDram / mountain.dramGbps).toFixed(2)}×); ` +
        `JS scalar ${jsScalarDram.toFixed(1)} GB/s (${(nativeDram / jsScalarDram).toFixed(2)}×)`,
    );
    out.push(
      `  latency edges: ${engine} ${latency.levels
        .filter((l) => l.edgeBytes)
        .map((l) => `${l.name} ≈ ${fmtBytes(l.edgeBytes!)}`)
        .join(', ')}; native ${chaseLevels
        .filter((l) => l.edgeBytes)
        .map((l) => `${l.name} ≈ ${fmtBytes(l.edgeBytes!)}`)
        .join(', ')}`,
    );
  }
  process.stdout.write(out.join('\n') + '\n');
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ engine, ...session }, null, 2) + '\n');
    log(`wrote ${values.json}`);
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
