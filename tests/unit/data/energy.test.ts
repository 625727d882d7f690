import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENERGY_TABLES,
  energyLedger,
  ledgerChecks,
  parseEnergyTables,
  type EnergyTable,
} from '../../../src/data/energy';

const tables = parseEnergyTables(
  JSON.parse(readFileSync('content/data/horowitz-2014/energy.json', 'utf8')),
);
const horowitz = tables.find((t) => t.id === 'horowitz2014')!;
const han = tables.find((t) => t.id === 'han2015')!;

describe('the shipped energy table', () => {
  it('holds the 45 nm figures of FACTS.md §2 with their status marks', () => {
    const pj = (t: EnergyTable, id: string) => t.entries.find((e) => e.id === id);
    expect(pj(horowitz, 'fp-mul-32')).toMatchObject({ pj: 3.7, status: 'S' });
    expect(pj(horowitz, 'fp-add-32')).toMatchObject({ pj: 0.9 });
    expect(pj(horowitz, 'sram-8k')).toMatchObject({ pj: 10, bits: 64 });
    expect(pj(horowitz, 'sram-1m')).toMatchObject({ pj: 100, status: 'U' });
    expect(pj(horowitz, 'dram')).toMatchObject({ pj: 1300, pjHigh: 2600, bits: 64 });
    expect(pj(han, 'dram')).toMatchObject({ pj: 640, bits: 32 });
    expect(pj(han, 'register')).toMatchObject({ status: 'U' });
  });

  it('parseEnergyTables(json) rejects a malformed file', () => {
    expect(() => parseEnergyTables({})).toThrow(/tables/);
    expect(() =>
      parseEnergyTables({
        tables: [{ id: 'x', entries: [{ id: 'a', kind: 'memory', bits: 64, pj: -1 }] }],
      }),
    ).toThrow(/bad entry/);
  });
});

describe('energyLedger(spec, table)', () => {
  it('prices a 32-bit dot product from DRAM: n multiplies, n − 1 adds, 2n half-accesses', () => {
    const l = energyLedger(
      { op: 'dot', n: 1000, source: 'dram', precision: 'fp32', estimate: 'low' },
      horowitz,
    );
    expect(l.arithmeticPj).toBeCloseTo(1000 * 3.7 + 999 * 0.9, 9);
    expect(l.movementPj).toBeCloseTo(2000 * 650, 9);
    expect(l.totalPj).toBeCloseTo(l.arithmeticPj + l.movementPj, 9);
    expect(l.ratio).toBeGreaterThan(250);
    expect(l.movementShare).toBeGreaterThan(0.99);
  });

  it('the high end of the DRAM range doubles the movement', () => {
    const spec = { op: 'dot', n: 64, source: 'dram', precision: 'fp32' } as const;
    const low = energyLedger({ ...spec, estimate: 'low' }, horowitz);
    const high = energyLedger({ ...spec, estimate: 'high' }, horowitz);
    expect(high.movementPj).toBeCloseTo(2 * low.movementPj, 9);
    expect(high.arithmeticPj).toBe(low.arithmeticPj);
  });

  it('counts a matrix-vector product: n² multiply-adds, n² + n reads and n writes', () => {
    const l = energyLedger(
      { op: 'gemv', n: 100, source: 'sram-32k', precision: 'fp32', estimate: 'low' },
      horowitz,
    );
    const read = l.items.find((i) => i.id === 'sram-32k:read')!;
    const write = l.items.find((i) => i.id === 'sram-32k:write')!;
    expect(read.count).toBe(100 * 100 + 100);
    expect(write.count).toBe(100);
    expect(read.pjEach).toBe(10); // half of a 20 pJ 64-bit access
    expect(l.items.find((i) => i.id === 'fp-mul-32')!.count).toBe(10_000);
    expect(l.items.find((i) => i.id === 'fp-add-32')!.count).toBe(9_900);
  });

  it('counts registers as free where the table has no register figure, and says so', () => {
    const l = energyLedger(
      { op: 'dot', n: 10, source: 'register', precision: 'fp32', estimate: 'low' },
      horowitz,
    );
    expect(l.movementPj).toBe(0);
    expect(l.notes.join(' ')).toMatch(/no register-file energy/);
    const h = energyLedger(
      { op: 'dot', n: 10, source: 'register', precision: 'fp32', estimate: 'low' },
      han,
    );
    expect(h.movementPj).toBe(20);
  });

  it('prices 16-bit operands at a quarter of a 64-bit access and 16-bit arithmetic', () => {
    const l = energyLedger(
      { op: 'dot', n: 8, source: 'sram-8k', precision: 'fp16', estimate: 'low' },
      horowitz,
    );
    expect(l.items.find((i) => i.kind === 'memory')!.pjEach).toBe(2.5);
    expect(l.arithmeticPj).toBeCloseTo(8 * 1.1 + 7 * 0.4, 12);
  });

  it('lets the reader re-weight any entry, and marks what was re-weighted', () => {
    const l = energyLedger(
      {
        op: 'dot',
        n: 10,
        source: 'dram',
        precision: 'fp32',
        estimate: 'low',
        weights: { dram: 64, 'fp-mul-32': 1 },
      },
      horowitz,
    );
    expect(l.movementPj).toBe(20 * 32);
    expect(l.items.find((i) => i.id === 'fp-mul-32')).toMatchObject({
      pjEach: 1,
      reweighted: true,
    });
    expect(l.items.find((i) => i.id === 'fp-add-32')!.reweighted).toBe(false);
  });

  it('notes an unverified figure and a level the table lacks', () => {
    const big = energyLedger(
      { op: 'dot', n: 4, source: 'sram-1m', precision: 'fp32', estimate: 'low' },
      horowitz,
    );
    expect(big.notes.join(' ')).toMatch(/unverified/);
    const missing = energyLedger(
      { op: 'dot', n: 4, source: 'sram-1m', precision: 'fp16', estimate: 'low' },
      han,
    );
    expect(missing.movementPj).toBe(0);
    expect(missing.notes.join(' ')).toMatch(/no sram-1m entry/);
    expect(missing.notes.join(' ')).toMatch(/no fp-mul-16 entry/);
  });

  it('rejects a size that is not a whole number ≥ 1', () => {
    expect(() =>
      energyLedger(
        { op: 'dot', n: 0, source: 'dram', precision: 'fp32', estimate: 'low' },
        horowitz,
      ),
    ).toThrow(RangeError);
  });
});

describe('ledgerChecks(spec, ledger)', () => {
  it('accepts a ledger’s own figures, for both products, and rejects one whose total does not add up', () => {
    for (const op of ['dot', 'gemv'] as const) {
      const spec = { op, n: 37, source: 'sram-32k', precision: 'fp16', estimate: 'low' } as const;
      const l = energyLedger(spec, horowitz);
      expect(ledgerChecks(spec, l)).toBe(true);
      expect(ledgerChecks(spec, { ...l, totalPj: l.totalPj * 1.01 })).toBe(false);
      expect(ledgerChecks({ ...spec, n: 38 }, l)).toBe(false);
    }
  });

  it('ENERGY_TABLES holds the shipped file, parsed', () => {
    expect(ENERGY_TABLES.map((t) => t.id)).toEqual(tables.map((t) => t.id));
  });
});
