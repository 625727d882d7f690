/**
 * npx tsx scripts/mountain-compare.ts PAGE.json NATIVE.json
 *
 * The widget's mountain in Chromium (scripts/mountain-page.mjs) beside a native
 * run (scripts/native-memory.mjs): the levels each shows (the same level
 * finder, src/bench/cache-levels.ts), the DRAM plateaus and their ratio, and
 * the read at sizes inside each of the build machine's caches.
 */
import { readFileSync } from 'node:fs';
import { findCacheLevels, type CacheLevel } from '../src/bench/cache-levels';

interface PageRun {
  date: string;
  seconds: number;
  metrics: Record<string, { value: number }>;
  /** The levels table: level, working sets, bandwidth, end. */
  levels: string[][];
  /** The points table's header and rows, as the widget printed them. */
  head: string[];
  points: string[][];
}

interface NativeRun {
  started: string;
  points: { bytes: number; readGbps: number; chaseNs: number }[];
  triad: { gbps: number };
}

const [pagePath, nativePath] = process.argv.slice(2);
if (!pagePath || !nativePath) {
  process.stderr.write('Usage: npx tsx scripts/mountain-compare.ts PAGE.json NATIVE.json\n');
  process.exit(1);
}
const c = JSON.parse(readFileSync(pagePath, 'utf8')) as PageRun;
const n = JSON.parse(readFileSync(nativePath, 'utf8')) as NativeRun;

const MB = 2 ** 20;
const fmt = (b: number): string =>
  b >= MB ? `${(b / MB).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} KB`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const nativeOn = (from: number, to: number): number =>
  median(n.points.filter((p) => p.bytes >= from && p.bytes <= to).map((p) => p.readGbps));
const describe = (levels: CacheLevel[], value: (l: CacheLevel) => string): string =>
  levels
    .map(
      (l) =>
        `${l.name}${l.lastLevel ? ' (last level)' : ''} ${fmt(l.fromBytes)}–${fmt(l.toBytes)}: ${value(l)}` +
        (l.edgeBytes ? `, ends ≈ ${fmt(l.edgeBytes)}` : ''),
    )
    .join('; ');

const read = findCacheLevels(n.points.map((p) => ({ bytes: p.bytes, value: p.readGbps })));
const chase = findCacheLevels(
  n.points.map((p) => ({ bytes: p.bytes, value: p.chaseNs })),
  { kind: 'latency' },
);
const out: string[] = [];
out.push(
  `Chromium (${c.date}, ${c.seconds.toFixed(0)} s): ` +
    c.levels
      .map((r) => `${r[0]} ${r[1]}: ${r[2]}${r[3] !== '—' ? `, ends ≈ ${r[3]}` : ''}`)
      .join('; '),
);
out.push(
  `  metrics: ${Object.entries(c.metrics)
    .map(([k, v]) => `${k}=${v.value.toPrecision(3)}`)
    .join(' ')}`,
);
out.push(
  `Native (${n.started}): read levels ${describe(read, (l) => `${nativeOn(l.fromBytes, l.toBytes).toFixed(1)} GB/s`)}`,
);
out.push(`  chase levels ${describe(chase, (l) => `${l.value.toFixed(1)} ns`)}`);
out.push(`  triad ${n.triad.gbps.toFixed(1)} GB/s`);
const last = read.at(-1)!;
const nativeDram = nativeOn(last.fromBytes, last.toBytes);
const browserDram = c.metrics['dram-gbps']!.value;
out.push(
  `DRAM plateau: native ${nativeDram.toFixed(1)} GB/s, Chromium ${browserDram.toFixed(1)} GB/s: ` +
    `native ÷ browser = ${(nativeDram / browserDram).toFixed(2)}`,
);

// Sizes well inside each cache of the build machine (/sys: L1d 32 KB, L2 1 MB, L3 32 MB) and past them.
const sizeOf = (text: string): number => {
  const [v, unit] = text.split(' ');
  return Number(v) * (unit === 'MB' ? MB : unit === 'KB' ? 1024 : 1);
};
const simd = c.head.findIndex((h) => h.startsWith('WebAssembly'));
const js = c.head.indexOf('JavaScript, every number');
for (const [name, bytes] of [
  ['L1', 16 * 1024],
  ['L2', 512 * 1024],
  ['L3', 8 * MB],
  ['DRAM', 64 * MB],
] as const) {
  const row = c.points.find((r) => Math.abs(sizeOf(r[0]!) - bytes) < 1);
  const native = n.points.find((p) => p.bytes === bytes);
  out.push(
    `  ${name} (${fmt(bytes)}): Chromium SIMD ${row?.[simd] ?? '—'} GB/s, JS ${row?.[js] ?? '—'}; ` +
      `native ${native ? native.readGbps.toFixed(1) : '—'} GB/s`,
  );
}
process.stdout.write(out.join('\n') + '\n');
