import { describe, expect, it } from 'vitest';
import { IDEAS, lotteryBytes } from '../../../../src/bench/lottery';
import { lottery, type LotteryJobProgress } from '../../../../src/worker/jobs/lottery';
import { countAllocations } from '../../bench/allocations';
import { nodeContext } from '../node-context';

/** A clock that jumps 20 ms per read: every call looks slow, so each measurement takes the fewest calls (we count bytes, not time). */
const jumpy = (ms = 20) => {
  let t = 0;
  return { now: () => (t += ms) };
};

describe('lottery.run(params, ctx)', () => {
  it('measures the four ideas, each verified, reporting progress up to its total', async () => {
    const seen: [number, number, LotteryJobProgress][] = [];
    const r = await lottery.run(
      { size: 'small', seed: 2 },
      nodeContext<LotteryJobProgress>({ progress: (d, t, p) => seen.push([d, t, p]) }),
    );
    expect(r.ideas.map((i) => i.idea)).toEqual([...IDEAS]);
    expect(r.ideas.every((i) => i.verified && i.rate > 0)).toBe(true);
    expect(r.params).toEqual({ size: 'small', seed: 2 });
    expect(r.notes).toEqual([]);
    expect(seen.map(([d]) => d)).toEqual(seen.map((_, i) => i + 1));
    const [done, total] = seen.at(-1)!;
    expect(done).toBe(total);
    expect(new Set(seen.map(([, , p]) => p.phase))).toEqual(
      new Set(['build', 'measure', 'verify']),
    );
  });

  it('with the corrupt fault (test builds), fails the dense check only', async () => {
    const r = await lottery.run(
      { size: 'small', seed: 1 },
      nodeContext({ fault: 'corrupt', clock: jumpy() }),
    );
    expect(r.ideas.find((i) => i.idea === 'dense')!.verified).toBe(false);
    expect(r.ideas.filter((i) => i.verified).map((i) => i.idea)).toEqual([
      'sparse',
      'graph',
      'search',
    ]);
  });

  it('a slow device shortens the run within the time budget and says so', async () => {
    // Every call looks 300 ms long, so the full protocol would overrun the 3 s budget.
    const r = await lottery.run({ size: 'small', seed: 1 }, nodeContext({ clock: jumpy(300) }));
    expect(r.shortened).toBe(true);
    expect(r.batches).toBeGreaterThanOrEqual(3);
    expect(r.notes.join(' ')).toMatch(/timed in \d batches/);
  });
});

describe('lotteryBytes(params): the memory model covers what the job allocates', () => {
  it.each(['small', 'large'] as const)('at the %s size', async (size) => {
    const { bytes, result } = await countAllocations(() =>
      lottery.run({ size, seed: 1 }, nodeContext({ clock: jumpy() })),
    );
    expect(result.ideas.every((i) => i.verified)).toBe(true);
    const model = lotteryBytes({ size });
    expect(model, `allocated ${bytes} bytes`).toBeGreaterThanOrEqual(bytes);
    // …and not wildly above it: the model counts buffers, not guesses.
    expect(model).toBeLessThan(1.5 * bytes);
  });
});
