import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../../src/data/h200';
import { h200Roofline } from '../../../src/data/h200-roofline';

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
