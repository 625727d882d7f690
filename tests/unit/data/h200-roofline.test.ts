import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../../src/data/h200';
import { H200_PUBLISHED, h200Roofline } from '../../../src/data/h200-roofline';

const rows = parseJsonl(readFileSync('content/data/h200-sparsity/unstructured.jsonl', 'utf8'));

describe('h200Roofline(rows)', () => {
  it('reads a memory roof near 3–4 TB/s and an fp16 roof near 800 TFLOP/s from the shipped data', () => {
    const r = h200Roofline(rows);
    expect(r.memory.gbps).toBeGreaterThan(2500);
    expect(r.memory.gbps).toBeLessThan(5000);
    const fp16 = r.compute.find((c) => c.tier === 'H200 dense fp16')!;
    expect(fp16.gflops).toBeGreaterThan(700_000);
    expect(r.compute.every((c) => c.source === 'reference')).toBe(true);
    expect(r.source).toMatch(/H200/);
  });
});

describe('H200_PUBLISHED', () => {
  it('reads NVIDIA’s published peaks from content/data/h200-published, in GB/s and GFLOP/s', () => {
    expect(H200_PUBLISHED.gbps).toBe(4800);
    expect(H200_PUBLISHED.fp16DenseGflops * 2).toBeCloseTo(H200_PUBLISHED.fp16SparseGflops, 6);
    expect(H200_PUBLISHED.status).toBe('S');
  });
});
