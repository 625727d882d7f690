/**
 * The crossover-ladder tables of docs/benchmarks.md, as pure functions: read the
 * `{"type":"crossover",…}` lines `scripts/bench.ts --sweep --ladder --json` prints,
 * take the median of several runs per rung, render the Markdown, and splice it
 * between the doc's marker comments. scripts/crossover-ladder-doc.ts does the I/O.
 */

export const LADDER_START = '<!-- crossover-ladder:start -->';
export const LADDER_END = '<!-- crossover-ladder:end -->';

export type Tier = 'naive' | 'tuned' | 'simd';
export const TIERS: readonly Tier[] = ['naive', 'tuned', 'simd'];

/** One rung of one run: where `candidate` started to beat `dense:<tier>`. */
export interface LadderResult {
  op: 'SpMV' | 'SpMM';
  n: number;
  k: number;
  dtype: 'f64' | 'f32';
  candidate: string;
  tier: Tier;
  /** The crossover sparsity; −∞ when the candidate already won at the low end, +∞ when it never won. */
  value: number;
}

// The label bench.ts gives each ladder job, e.g. "SpMM n=1024 k=64 f32: csr:simd vs dense:tuned".
const LABEL = /^(SpMV|SpMM) n=(\d+)(?: k=(\d+))? (f64|f32): (\S+) vs dense:(naive|tuned|simd)$/;

/** Parses one stdout line of the ladder; null for anything that is not a crossover result. */
export function parseLadderLine(line: string): LadderResult | null {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null) return null;
  const r = record as { type?: unknown; label?: unknown; kind?: unknown; sparsity?: unknown };
  if (r.type !== 'crossover' || typeof r.label !== 'string') return null;
  const m = LABEL.exec(r.label);
  if (!m) return null;
  let value: number;
  if (r.kind === 'below') value = -Infinity;
  else if (r.kind === 'above') value = Infinity;
  else if (r.kind === 'inside' && typeof r.sparsity === 'number') value = r.sparsity;
  else return null;
  return {
    op: m[1] as LadderResult['op'],
    n: Number(m[2]),
    k: m[3] === undefined ? 1 : Number(m[3]),
    dtype: m[4] as LadderResult['dtype'],
    candidate: m[5]!,
    tier: m[6] as Tier,
    value,
  };
}

/** The middle value; for an even count, the mean of the two middle ones (or the lower, if either is infinite). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid]!;
  const [a, b] = [sorted[mid - 1]!, sorted[mid]!];
  return Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : a;
}

/** A crossover as the doc prints it. */
export function formatCrossover(value: number, lo = 0, hi = 0.9999): string {
  if (value === -Infinity) return `below ${+(lo * 100).toFixed(2)} %`;
  if (value === Infinity) return `above ${+(hi * 100).toFixed(2)} %`;
  return `${(value * 100).toFixed(1)} %`;
}

/** "56.6 % (52.1–60.3)": the median, then the range over runs when there was more than one. */
export function formatCell(values: readonly number[]): string {
  if (values.length === 0) return '—';
  const shown = formatCrossover(median(values));
  if (values.length === 1) return shown;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) return shown;
  const end = (v: number): string =>
    v === -Infinity ? '<0' : v === Infinity ? '>99.99' : (v * 100).toFixed(1);
  return `${shown} (${end(lo)}–${end(hi)})`;
}

export interface Stamp {
  /** YYYY-MM-DD. */
  date: string;
  cpu: string;
  cores: number;
  node: string;
  /** The command that produced the tables. */
  command: string;
  /** The bench command each run executed, with `<candidate>` standing for the candidate. */
  benchCommand: string;
  runs: number;
  /** False when the runs skipped the simd tier (no WebAssembly SIMD). */
  simd: boolean;
}

const CANDIDATE_NOTE: Record<string, string> = {
  'csr:tuned': 'TypeScript',
  'csr:simd': 'WebAssembly',
};

/** The Markdown that goes between the markers: how it was made, then one table. */
export function renderLadder(results: readonly LadderResult[], stamp: Stamp): string {
  const candidates = [...new Set(results.map((r) => r.candidate))];
  const rungs: { op: LadderResult['op']; n: number; k: number; dtype: LadderResult['dtype'] }[] =
    [];
  for (const r of results) {
    if (!rungs.some((g) => g.op === r.op && g.n === r.n && g.k === r.k && g.dtype === r.dtype))
      rungs.push({ op: r.op, n: r.n, k: r.k, dtype: r.dtype });
  }
  const lines = [
    `Sparsity at which CSR starts to beat each dense tier: the median of ${stamp.runs} run${stamp.runs === 1 ? '' : 's'}` +
      `${stamp.runs > 1 ? ' (range over runs in brackets)' : ''} of \`${stamp.benchCommand}\`, unstructured, seed 1,` +
      ' bisection on measured speedup (±0.5 points).',
    `Generated ${stamp.date} by \`${stamp.command}\` on ${stamp.cpu}, ${stamp.cores} logical cores,` +
      ` Node.js ${stamp.node}${stamp.simd ? '' : '; WebAssembly SIMD was not loaded, so the simd column is empty'}.`,
    '',
    '| product | dtype | vs dense:naive | vs dense:tuned | vs dense:simd |',
    '|---|---|---|---|---|',
  ];
  for (const candidate of candidates) {
    const note = CANDIDATE_NOTE[candidate];
    lines.push(`| **candidate ${candidate}**${note ? ` (${note})` : ''} | | | | |`);
    for (const g of rungs) {
      const cells = TIERS.map((tier) =>
        formatCell(
          results
            .filter(
              (r) =>
                r.candidate === candidate &&
                r.tier === tier &&
                r.op === g.op &&
                r.n === g.n &&
                r.k === g.k &&
                r.dtype === g.dtype,
            )
            .map((r) => r.value),
        ),
      );
      const product = `${g.op} n = ${g.n}${g.k > 1 ? `, k = ${g.k}` : ''}`;
      lines.push(`| ${product} | ${g.dtype} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Replaces everything between the markers (kept) with `body`; throws if they are missing. */
export function spliceBetweenMarkers(doc: string, body: string): string {
  const start = doc.indexOf(LADDER_START);
  const end = doc.indexOf(LADDER_END);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`The doc needs ${LADDER_START} … ${LADDER_END} around the ladder tables.`);
  return `${doc.slice(0, start + LADDER_START.length)}\n${body}\n${doc.slice(end)}`;
}
