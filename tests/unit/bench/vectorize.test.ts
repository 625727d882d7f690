import { describe, expect, it } from 'vitest';
import { calibrateResolution, systemClock } from '../../../src/bench/clock';
import { immediateContext } from '../../../src/bench/unit-context';
import {
  measureVectorize,
  VECTOR_OPS,
  VECTORIZE_MAX_N,
  vectorizeBytes,
} from '../../../src/bench/vectorize';
import { MEMORY_BUDGET_BYTES } from '../../../src/bench/budget';

const ctx = () => ({
  ...immediateContext<{ phase: string }>(systemClock, calibrateResolution(systemClock)),
  measure: { batches: 2, warmupMs: 1, minBatchMs: 1 },
});

describe('measureVectorize(params, ctx)', () => {
  it.each(VECTOR_OPS)('measures %s both ways and verifies both answers', async (op) => {
    const r = await measureVectorize({ op, n: 257, seed: 9 }, ctx());
    expect(r.loop.verified).toBe(true);
    expect(r.vectorized.verified).toBe(true);
    expect(r.loop.nsPerElement).toBeGreaterThan(0);
    expect(r.speedup).toBeGreaterThan(0);
  });

  it('reports no speedup when one side’s answer is wrong', async () => {
    const r = await measureVectorize({ op: 'map', n: 33, seed: 1, corrupt: 'vectorized' }, ctx());
    expect(r.vectorized.verified).toBe(false);
    expect(r.speedup).toBeNull();
  });

  it('clamps n into range and says so', async () => {
    const r = await measureVectorize({ op: 'sum', n: 0, seed: 1 }, ctx());
    expect(r.n).toBe(1);
    expect(r.notes.join(' ')).toMatch(/outside/);
  });
});

describe('vectorizeBytes(params)', () => {
  it('stays within the memory budget at the largest size for every op', () => {
    for (const op of VECTOR_OPS)
      expect(vectorizeBytes({ op, n: VECTORIZE_MAX_N })).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    expect(vectorizeBytes({ op: 'axpy', n: 1000 })).toBeGreaterThan(
      vectorizeBytes({ op: 'sum', n: 1000 }),
    );
  });
});
