import { describe, expect, test } from 'vitest';
import {
  formatCell,
  LADDER_END,
  LADDER_START,
  median,
  parseLadderLine,
  renderLadder,
  spliceBetweenMarkers,
  type LadderResult,
} from '../../../scripts/crossover-ladder-table';

const line = (label: string, rest: Record<string, unknown>): string =>
  JSON.stringify({ type: 'crossover', label, probes: [], ...rest });

describe('parseLadderLine', () => {
  test('parseLadderLine(line) reads an SpMM rung that crossed inside the range', () => {
    expect(
      parseLadderLine(
        line('SpMM n=1024 k=64 f32: csr:simd vs dense:tuned', { kind: 'inside', sparsity: 0.347 }),
      ),
    ).toEqual({
      op: 'SpMM',
      n: 1024,
      k: 64,
      dtype: 'f32',
      candidate: 'csr:simd',
      tier: 'tuned',
      value: 0.347,
    });
  });

  test('parseLadderLine(line) maps "below" to −∞ and "above" to +∞, with k = 1 for SpMV', () => {
    const below = parseLadderLine(
      line('SpMV n=2048 f64: csr:tuned vs dense:naive', { kind: 'below', lo: 0 }),
    );
    expect(below?.value).toBe(-Infinity);
    expect(below?.k).toBe(1);
    const above = parseLadderLine(
      line('SpMV n=2048 f64: csr:tuned vs dense:simd', { kind: 'above', hi: 0.9999 }),
    );
    expect(above?.value).toBe(Infinity);
  });

  test('parseLadderLine(line) ignores measurements, environment lines and non-JSON', () => {
    expect(parseLadderLine(JSON.stringify({ type: 'environment', simdLoaded: true }))).toBeNull();
    expect(parseLadderLine(JSON.stringify({ kernel: 'dense:tuned', medianMs: 1 }))).toBeNull();
    expect(parseLadderLine('not json')).toBeNull();
    expect(parseLadderLine(line('something else', { kind: 'inside', sparsity: 0.5 }))).toBeNull();
  });
});

describe('median and formatCell', () => {
  test('median(values) takes the middle of an odd count and averages two finite middles', () => {
    expect(median([0.6, 0.2, 0.4])).toBe(0.4);
    expect(median([0.2, 0.4])).toBeCloseTo(0.3, 12);
    expect(median([-Infinity, 0.4])).toBe(-Infinity);
    expect(median([-Infinity, Infinity, 0.5])).toBe(0.5);
  });

  test('formatCell(values) shows the median, then the range over runs', () => {
    expect(formatCell([0.566, 0.521, 0.603])).toBe('56.6 % (52.1–60.3)');
    expect(formatCell([0.566])).toBe('56.6 %');
    expect(formatCell([-Infinity, -Infinity, -Infinity])).toBe('below 0 %');
    expect(formatCell([-Infinity, 0.01, 0.02])).toBe('1.0 % (<0–2.0)');
    expect(formatCell([0.99, Infinity, Infinity])).toBe('above 99.99 % (99.0–>99.99)');
    expect(formatCell([])).toBe('—');
  });
});

describe('renderLadder and spliceBetweenMarkers', () => {
  const results: LadderResult[] = (['naive', 'tuned', 'simd'] as const).flatMap((tier, i) =>
    [0.1, 0.2, 0.3].map((v) => ({
      op: 'SpMV' as const,
      n: 2048,
      k: 1,
      dtype: 'f64' as const,
      candidate: 'csr:tuned',
      tier,
      value: v + i / 10,
    })),
  );
  const stamp = {
    date: '2026-11-29',
    cpu: 'Test CPU',
    cores: 2,
    node: '20.20.2',
    command: 'npx tsx scripts/crossover-ladder-doc.ts',
    benchCommand: 'npm run bench -- --sweep --ladder --json --candidate <candidate>',
    runs: 3,
    simd: true,
  };

  test('renderLadder(results, stamp) stamps date, machine and command and prints one row per rung', () => {
    const md = renderLadder(results, stamp);
    expect(md).toContain('Generated 2026-11-29 by `npx tsx scripts/crossover-ladder-doc.ts`');
    expect(md).toContain('Test CPU, 2 logical cores, Node.js 20.20.2');
    expect(md).toContain('median of 3 runs');
    expect(md).toContain('| **candidate csr:tuned** (TypeScript) | | | | |');
    expect(md).toContain(
      '| SpMV n = 2048 | f64 | 20.0 % (10.0–30.0) | 30.0 % (20.0–40.0) | 40.0 % (30.0–50.0) |',
    );
  });

  test('spliceBetweenMarkers(doc, body) replaces only the text between the markers', () => {
    const doc = `before\n${LADDER_START}\nold table\n${LADDER_END}\nafter\n`;
    expect(spliceBetweenMarkers(doc, 'new table')).toBe(
      `before\n${LADDER_START}\nnew table\n${LADDER_END}\nafter\n`,
    );
    expect(() => spliceBetweenMarkers('no markers', 'x')).toThrow(/crossover-ladder:start/);
  });
});
