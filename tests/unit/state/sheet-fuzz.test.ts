/**
 * The answer-sheet importer against seeded hostile files (tests/hostile.ts):
 * a real student's sheet with fields replaced by hostile values, keys renamed
 * to prototype keys, keys repeated, numbers beyond double range, text cut
 * short. parseSheetFile either returns a sheet that exports and reads back
 * exactly, or refuses with a SheetError (a reason for the student); nothing
 * else escapes, and no prototype changes. A failure names its seed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSheetFile, readSheet, SheetError } from '../../../src/state/sheet';
import { sheetCsv, sheetJson, sheetMarkdown } from '../../../src/state/sheet-export';
import { FUZZ_SEED, hostile, hostileSheet, PROTO_KEYS } from '../../hostile';

const FIXTURE = readFileSync('tests/fixtures/sparsity-sheet.json', 'utf8');
const CASES = 500;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe(`parseSheetFile against hostile files (seed ${FUZZ_SEED}, ${CASES} cases)`, () => {
  it('returns a sheet that exports and reads back exactly, or refuses with a SheetError; never anything else', () => {
    const h = hostile(FUZZ_SEED);
    let accepted = 0;
    for (let c = 0; c < CASES; c++) {
      const text = hostileSheet(h, FIXTURE);
      const where = `seed ${FUZZ_SEED}, case ${c}: ${text.slice(0, 200)}`;
      let sheet;
      try {
        sheet = parseSheetFile(text, text.length, 'sparsity');
      } catch (e) {
        expect(e, where).toBeInstanceOf(SheetError);
        expect((e as Error).message.length, where).toBeLessThan(600);
        continue;
      }
      accepted++;
      expect(readSheet(JSON.parse(sheetJson(sheet)), 'sparsity'), where).toEqual(sheet);
      expect(Object.getPrototypeOf(sheet.answers), where).toBe(Object.prototype);
      for (const k of Object.keys(sheet.answers)) expect(PROTO_KEYS, where).not.toContain(k);
      for (const r of sheet.recordings) {
        for (const k of [...Object.keys(r.params), ...Object.keys(r.metrics)])
          expect(PROTO_KEYS, where).not.toContain(k);
        for (const m of Object.values(r.metrics))
          expect(Number.isFinite(m.value), where).toBe(true);
      }
      expect(() => sheetCsv(sheet), where).not.toThrow();
      expect(
        () => sheetMarkdown(sheet, 'T', [{ id: 'crossover', title: 'C' }]),
        where,
      ).not.toThrow();
    }
    // The generator makes both kinds: some damage is harmless, most is refused.
    expect(accepted).toBeGreaterThan(CASES * 0.05);
    expect(accepted).toBeLessThan(CASES * 0.95);
  }, 60_000);
});
