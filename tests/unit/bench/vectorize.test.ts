import { describe, expect, it } from 'vitest';
import { calibrateResolution, systemClock } from '../../../src/bench/clock';
import {
  measureVectorize,
  VECTOR_OPS,
  VECTORIZE_MAX_N,
  vectorizeBytes,
} from '../../../src/bench/vectorize';
import { MEMORY_BUDGET_BYTES } from '../../../src/bench/budget';
import { countAllocations } from './allocations';

const resolutionMs = calibrateResolution(systemClock);
const ctx = () => ({
  clock: systemClock,
  resolutionMs,
  measure: { batches: 2, warmupMs: 1, minBatchMs: 1 },
});

describe('measureVectorize(params, ctx)', () => {
  it.each(VECTOR_OPS)('measures %s both ways and verifies both answers', (op) => {
    const r = measureVectorize({ op, n: 257, seed: 9 }, ctx());
    expect(r.loop.verified).toBe(true);
    expect(r.vectorized.verified).toBe(true);
    expect(r.loop.nsPerElement).toBeGreaterThan(0);
    expect(r.speedup).toBeGreaterThan(0);
  });

  it('reports no speedup when one side’s answer is wrong', () => {
    const r = measureVectorize({ op: 'map', n: 33, seed: 1, corrupt: 'vectorized' }, ctx());
    expect(r.vectorized.verified).toBe(false);
    expect(r.speedup).toBeNull();
  });

  it('clamps n into range and says so', () => {
    const r = measureVectorize({ op: 'sum', n: 0, seed: 1 }, ctx());
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

describe('vectorizeBytes(params) against real allocations', () => {
  it.each(VECTOR_OPS)('covers every typed array a %s measurement allocates', async (op) => {
    const params = { op, n: 1 << 15 };
    const { bytes } = await countAllocations(async () =>
      measureVectorize({ ...params, seed: 2 }, ctx()),
    );
    expect(bytes).toBeGreaterThan(0);
    expect(vectorizeBytes(params)).toBeGreaterThanOrEqual(bytes);
  });
});
