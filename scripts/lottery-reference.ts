/**
 * Measures the lottery's four ideas on this machine, in Node and in headless
 * Chromium, and writes content/data/lottery-reference/reference.json: the
 * reference rates the `lottery` widget divides a reader's rates by.
 *
 *   npx tsx scripts/lottery-reference.ts [--runs 3] [--batches 7] [--engine node|chromium|both]
 *
 * Every run is kept; the reference rate is the median over runs of each run's
 * median. Run it on a quiet machine: the file records what it ran on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { systemClock } from '../src/bench/clock';
import { describeEnvironment, type Environment } from '../src/bench/environment';
import {
  IDEAS,
  LOTTERY_SIZES,
  LOTTERY_TASKS,
  measureLottery,
  type Idea,
  type LotteryResult,
  type LotterySize,
} from '../src/bench/lottery';
import type { LotteryReferenceFile, ReferenceRun } from '../src/data/lottery';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const RUNS = Number(arg('runs', '3'));
const BATCHES = Number(arg('batches', '7'));
const ENGINE = arg('engine', 'both');
const SEED = 1;
const OUT = 'content/data/lottery-reference/reference.json';

type Runner = (size: LotterySize) => Promise<{ env: Environment; result: LotteryResult }>;

const nodeRunner: Runner = async (size) => {
  const env = describeEnvironment(systemClock);
  const result = measureLottery(
    { size, seed: SEED },
    {
      clock: systemClock,
      resolutionMs: env.timerResolutionMs,
      batches: BATCHES,
    },
  );
  return { env, result };
};

async function withChromium<T>(use: (runner: Runner, version: string) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  const bundle = await build({
    entryPoints: [new URL('./lottery-browser-entry.ts', import.meta.url).pathname],
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
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const runner: Runner = (size) =>
      page.evaluate(
        ([s, seed, batches]) =>
          (
            globalThis as unknown as {
              pdLottery: { run: (...a: unknown[]) => Promise<never> };
            }
          ).pdLottery.run(s, seed, batches),
        [size, SEED, BATCHES] as const,
      );
    return await use(runner, browser.version());
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function measureEngine(name: string, runner: Runner): Promise<ReferenceRun[]> {
  const runs: ReferenceRun[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const size of LOTTERY_SIZES) {
      const { env, result } = await runner(size);
      const bad = result.ideas.filter((i) => !i.verified).map((i) => i.idea);
      if (bad.length) throw new Error(`${name} ${size}: ${bad.join(', ')} failed verification`);
      const rates = Object.fromEntries(result.ideas.map((i) => [i.idea, i.rate])) as Record<
        Idea,
        number
      >;
      const spreads = Object.fromEntries(result.ideas.map((i) => [i.idea, i.spread])) as Record<
        Idea,
        number
      >;
      runs.push({ engine: name, size, run: r + 1, userAgent: env.userAgent, rates, spreads });
      console.log(
        `${name} ${size} run ${r + 1}: ` +
          result.ideas
            .map((i) => `${i.idea} ${i.nsPerStep.toFixed(2)} ns/step${i.noisy ? ' (noisy)' : ''}`)
            .join(', '),
      );
    }
  }
  return runs;
}

const runs: ReferenceRun[] = [];
let chromiumVersion = '';
if (ENGINE === 'node' || ENGINE === 'both') runs.push(...(await measureEngine('node', nodeRunner)));
if (ENGINE === 'chromium' || ENGINE === 'both') {
  await withChromium(async (runner, version) => {
    chromiumVersion = version;
    runs.push(...(await measureEngine('chromium', runner)));
  });
}

const previous: LotteryReferenceFile | null = existsSync(OUT)
  ? (JSON.parse(readFileSync(OUT, 'utf8')) as LotteryReferenceFile)
  : null;
const engines = [...new Set(runs.map((r) => r.engine))];
const rates = { ...(previous?.rates ?? {}) } as LotteryReferenceFile['rates'];
for (const engine of engines) {
  rates[engine] = Object.fromEntries(
    LOTTERY_SIZES.map((size) => [
      size,
      Object.fromEntries(
        IDEAS.map((idea) => [
          idea,
          median(
            runs.filter((r) => r.engine === engine && r.size === size).map((r) => r.rates[idea]),
          ),
        ]),
      ),
    ]),
  ) as LotteryReferenceFile['rates'][string];
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const file: LotteryReferenceFile = {
  about:
    'Reference rates for the lottery widget: useful work per second of each idea, measured with ' +
    'src/bench/lottery.ts by scripts/lottery-reference.ts. Units: dense and sparse in FLOP/s, ' +
    'graph in edges traversed per second, search in search-tree nodes per second.',
  machine: `${os.cpus().length}-vCPU cloud VM, ${cpu}, shared with other jobs`,
  measured: new Date().toISOString().slice(0, 10),
  seed: SEED,
  batches: BATCHES,
  engines: {
    ...(previous?.engines ?? {}),
    ...(engines.includes('node') ? { node: `Node.js ${process.versions.node}` } : {}),
    ...(engines.includes('chromium') ? { chromium: `Chromium ${chromiumVersion} (headless)` } : {}),
  },
  reference: 'chromium',
  tasks: LOTTERY_TASKS,
  rates,
  runs: [...(previous?.runs ?? []).filter((r) => !engines.includes(r.engine)), ...runs],
};
writeFileSync(OUT, JSON.stringify(file, null, 2) + '\n');
console.log(`wrote ${OUT}`);
