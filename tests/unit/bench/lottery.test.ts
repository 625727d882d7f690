import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateResolution, systemClock } from '../../../src/bench/clock';
import {
  capLottery,
  IDEAS,
  ideaBytes,
  LOTTERY_TASKS,
  lotteryBytes,
  lotterySteps,
  measureLottery,
  type LotteryResult,
  type LotteryStep,
} from '../../../src/bench/lottery';
import { parseJsonl } from '../../../src/data/h200';
import {
  drawAgainstReference,
  engineSwap,
  h200Swap,
  NO_GPU_MEASUREMENT,
  rankDraw,
  referenceFor,
  type LotteryReferenceFile,
} from '../../../src/data/lottery';
import { MEMORY_BUDGET_BYTES } from '../../../src/bench/budget';
import reference from '../../../content/data/lottery-reference/reference.json';

const resolutionMs = calibrateResolution(systemClock);

describe('lotterySteps(params, options)', () => {
  let small: LotteryResult;
  const steps: LotteryStep[] = [];

  it('measures all four ideas at the small size, each answer verified', () => {
    const run = lotterySteps(
      { size: 'small', seed: 3 },
      { clock: systemClock, resolutionMs, batches: 3 },
    );
    for (;;) {
      const next = run.next();
      if (next.done) {
        small = next.value;
        break;
      }
      steps.push(next.value);
    }
    expect(small.ideas.map((i) => i.idea)).toEqual([...IDEAS]);
    expect(small.batches).toBe(3);
    for (const idea of small.ideas) {
      expect(idea.verified, idea.idea).toBe(true);
      expect(idea.medianMs).toBeGreaterThan(0);
      expect(idea.rate).toBeCloseTo(idea.workPerCall / (idea.medianMs / 1e3), 6);
      expect(idea.nsPerStep).toBeCloseTo((idea.medianMs * 1e6) / idea.workPerCall, 6);
      expect(idea.samplesMs).toHaveLength(3);
    }
  });

  it('counts each idea’s work in its own unit: FLOPs, edges traversed, search nodes', () => {
    const t = LOTTERY_TASKS.small;
    const [dense, sparse, graph, search] = small.ideas;
    expect(dense!.workPerCall).toBe(2 * t.dense.n * t.dense.n * t.dense.k);
    expect(sparse!.workPerCall).toBe(2 * t.sparse.n * t.sparse.perRow);
    // A random graph of out-degree 8 reaches nearly every vertex; each reached vertex's edges count.
    expect(graph!.workPerCall % t.graph.degree).toBe(0);
    expect(graph!.workPerCall).toBeGreaterThan(0.99 * t.graph.vertices * t.graph.degree);
    expect(search!.workPerCall).toBe(35538); // nodes of the 10-queens tree, by referenceQueens
    expect(search!.check).toMatch(/^724 solutions/);
  });

  it('yields every build, timing step and check in order, counting up to its total', () => {
    expect(steps.map((s) => s.done)).toEqual(steps.map((_, i) => i + 1));
    expect(steps.at(-1)!.done).toBe(steps.at(-1)!.total);
    // 4 builds, 4 warm-ups, 4 calibrations, 3 batches, 4 checks.
    expect(steps).toHaveLength(4 + 4 + 4 + 3 + 4);
    expect(steps.filter((s) => s.phase === 'build').map((s) => s.idea)).toEqual([...IDEAS]);
    expect(steps.filter((s) => s.phase === 'verify').map((s) => s.idea)).toEqual([...IDEAS]);
  });

  it('corrupt: true fails the dense check and only it', () => {
    const opts = { clock: systemClock, resolutionMs, batches: 1 };
    const faulty = measureLottery({ size: 'small', seed: 3 }, { ...opts, corrupt: true });
    expect(faulty.ideas.find((i) => i.idea === 'dense')!.verified).toBe(false);
    expect(faulty.ideas.filter((i) => i.verified)).toHaveLength(3);
  });
});

describe('capLottery(size, budget)', () => {
  it('keeps the size asked for within the budget', () => {
    expect(capLottery('large')).toEqual({ size: 'large' });
    expect(capLottery('small', 1)).toEqual({ size: 'small' });
  });

  it('falls back to the small tasks, with a note, when the large ones would not fit', () => {
    const capped = capLottery('large', lotteryBytes({ size: 'large' }) - 1);
    expect(capped.size).toBe('small');
    expect(capped.note).toMatch(/memory budget/);
  });
});

describe('lotteryBytes(params)', () => {
  it('lotteryBytes adds up every typed array of the small tasks, counted by hand', () => {
    // dense 128: A, X, Y, panel, reference y and |terms|
    const dense = 8 * (128 * 128 + 2 * 128 * 128 + 4 * 128 + 2 * 128 * 128);
    // sparse 2048 × 20/row: rowPtr, colIdx, values; column marks; x, y, reference y and |terms|
    const sparse = 4 * 2049 + 2048 * 20 * (4 + 8) + 4 * 2048 + 8 * 4 * 2048;
    // graph 32768 × 8: offsets, targets, dist, queue, reference dist
    const graph = 4 * 32769 + 4 * 32768 * 8 + 3 * 4 * 32768;
    const search = 4 * 4 * 11;
    expect(ideaBytes(LOTTERY_TASKS.small)).toEqual({ dense, sparse, graph, search });
    expect(lotteryBytes({ size: 'small' })).toBe(dense + sparse + graph + search + 2 ** 20);
  });

  it('both sizes fit the 256 MB budget', () => {
    expect(lotteryBytes({ size: 'large' })).toBeLessThan(MEMORY_BUDGET_BYTES);
    expect(lotteryBytes({ size: 'large' })).toBeGreaterThan(lotteryBytes({ size: 'small' }));
  });
});

describe('rankDraw(entries)', () => {
  it('rankDraw orders by factor, names the winner, its margin and the spread; unmeasured ideas last', () => {
    const d = rankDraw([
      { idea: 'dense', factor: 2 },
      { idea: 'sparse', factor: 0.5 },
      { idea: 'graph', factor: null, missing: 'no data' },
      { idea: 'search', factor: 4 },
    ]);
    expect(d.entries.map((e) => e.idea)).toEqual(['search', 'dense', 'sparse', 'graph']);
    expect(d.winner).toBe('search');
    expect(d.winnerCode).toBe(4);
    expect(d.margin).toBe(2);
    expect(d.spread).toBe(8);
  });

  it('rankDraw with fewer than two measured ideas has no margin or spread', () => {
    const d = rankDraw([
      { idea: 'dense', factor: null },
      { idea: 'sparse', factor: 3 },
    ]);
    expect(d).toMatchObject({ winner: 'sparse', winnerCode: 2, margin: null, spread: null });
    expect(rankDraw([])).toMatchObject({ winner: null, winnerCode: 0 });
  });
});

describe('drawAgainstReference(result, reference)', () => {
  const file = reference as unknown as LotteryReferenceFile;

  it('scores each idea as its rate over the reference rate, and leaves a failed idea unscored', () => {
    const ref = referenceFor(file, 'small');
    expect(ref.label).toContain(file.measured);
    const result = {
      params: { size: 'small', seed: 1 },
      tasks: LOTTERY_TASKS.small,
      bytes: 0,
      ideas: IDEAS.map((idea, i) => ({
        idea,
        rate: ref.rates[idea] * (i + 1),
        verified: idea !== 'graph',
      })),
    } as unknown as LotteryResult;
    const d = drawAgainstReference(result, ref);
    expect(d.winner).toBe('search');
    expect(d.entries.find((e) => e.idea === 'dense')!.factor).toBeCloseTo(1, 12);
    expect(d.entries.find((e) => e.idea === 'graph')).toMatchObject({ factor: null });
    expect(d.spread).toBeCloseTo(4, 12);
  });

  it('the shipped reference file has a positive rate for every idea at every size', () => {
    for (const size of ['small', 'large'] as const) {
      const r = referenceFor(file, size);
      for (const idea of IDEAS) expect(r.rates[idea]).toBeGreaterThan(0);
      expect(file.tasks[size]).toEqual(LOTTERY_TASKS[size]);
    }
  });
});

describe('h200Swap(rows, options)', () => {
  const rows = parseJsonl(readFileSync('content/data/h200-sparsity/unstructured.jsonl', 'utf8'));

  it('h200Swap reads host and GPU times for dense and sparse, and measures nothing else', () => {
    const s = h200Swap(rows, { gpuDtype: 'fp32', hostThreads: 16 });
    const [dense, sparse] = s.entries;
    // Host 2.525 ms vs GPU 0.0613 ms; host 0.0677 ms vs GPU 0.0371 ms (the shipped rows).
    expect(dense!.factor).toBeCloseTo(41.2, 0);
    expect(sparse!.factor).toBeCloseTo(1.83, 1);
    expect(s.draw.winner).toBe('dense');
    for (const idea of ['graph', 'search'] as const) {
      expect(s.entries.find((e) => e.idea === idea)).toMatchObject({
        factor: null,
        missing: NO_GPU_MEASUREMENT,
      });
    }
  });

  it('h200Swap with fp16 on the GPU and one host thread widens dense’s lead', () => {
    const wide = h200Swap(rows, { gpuDtype: 'fp16', hostThreads: 1 }).draw;
    const like = h200Swap(rows, { gpuDtype: 'fp32', hostThreads: 16 }).draw;
    expect(wide.winner).toBe('dense');
    expect(wide.margin!).toBeGreaterThan(like.margin!);
  });
});

describe('engineSwap(file, size)', () => {
  const file = reference as unknown as LotteryReferenceFile;

  it('engineSwap divides each idea’s Chromium rate by its Node rate on the same VM', () => {
    const s = engineSwap(file, 'large');
    for (const e of s.entries) {
      expect(e.factor).toBeCloseTo(e.after / e.before, 12);
      expect(e.before).toBe(file.rates['node']!.large[e.idea]);
    }
    expect(s.from).toMatch(/^Node\.js/);
    expect(s.to).toMatch(/^Chromium/);
    expect(s.draw.entries.map((e) => e.idea).sort()).toEqual([...IDEAS].sort());
  });

  it('engineSwap without rates for an engine throws', () => {
    expect(() => engineSwap(file, 'small', 'safari')).toThrow(/no safari/);
  });
});
