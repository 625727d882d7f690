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
import { FUZZ_SEED, hostile, NUMBERISH, PROTO_KEYS, type Hostile } from '../../hostile';

const FIXTURE = readFileSync('tests/fixtures/sparsity-sheet.json', 'utf8');
const CASES = 500;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every container and key in a JSON value, as [parent, key] pairs. */
function slots(v: Json, out: [Record<string, Json> | Json[], string | number][] = []) {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push([v, k]);
      slots(v[k]!, out);
    }
  }
  return out;
}

/** A hostile JSON value: text, a number-like string, a number, or a prototype-shaped object. */
function hostileValue(h: Hostile): Json {
  const r = h.next();
  if (r < 0.4) return h.value();
  if (r < 0.55) return Number(h.pick(NUMBERISH)) || 0;
  if (r < 0.65) return h.pick([null, true, false, [], {}, [1, 2, 3], -1, 1e300]);
  if (r < 0.8) return { [h.pick(PROTO_KEYS)]: { polluted: true, value: 1 } } as Json;
  if (r < 0.9) return { value: h.next() < 0.5 ? 1e300 : -0, band: [h.value(), 2], verified: 'yes' };
  return Array.from({ length: 1 + h.int(3) }, () => h.value());
}

/** One hostile file: the fixture with 1–4 mutations, then sometimes a text-level one. */
function mutate(h: Hostile): string {
  const sheet = JSON.parse(FIXTURE) as Json;
  const n = 1 + h.int(4);
  for (let i = 0; i < n; i++) {
    const all = slots(sheet);
    const [parent, key] = h.pick(all);
    const r = h.next();
    if (r < 0.55) (parent as Record<string, Json>)[key as string] = hostileValue(h);
    else if (r < 0.7 && !Array.isArray(parent)) delete parent[key as string];
    else if (r < 0.85 && !Array.isArray(parent)) {
      // Rename a key: to a prototype key, or to hostile text.
      const value = parent[key as string]!;
      delete parent[key as string];
      parent[h.next() < 0.6 ? h.pick(PROTO_KEYS) : h.value().slice(0, 100)] = value;
    } else if (h.next() < 0.5)
      (sheet as Record<string, Json>)['version'] = h.pick([1, 0, 3, 1.5, -1]);
    else (sheet as Record<string, Json>)['assignment'] = h.value();
  }
  let text = JSON.stringify(sheet, null, h.next() < 0.5 ? 2 : 0);
  const r = h.next();
  // Text-level: a repeated key (JSON.parse keeps the last), a number beyond double range, a cut.
  if (r < 0.15)
    text = text.replace('"student":', `"student": ${JSON.stringify(h.value())}, "student":`);
  else if (r < 0.25) text = text.replace(/("value":\s*)[\d.]+/, '$11e400');
  else if (r < 0.3) text = text.replace('"answers":', '"__proto__": {"polluted": 1}, "answers":');
  else if (r < 0.35) text = text.slice(0, h.int(text.length));
  return text;
}

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe(`parseSheetFile against hostile files (seed ${FUZZ_SEED}, ${CASES} cases)`, () => {
  it('returns a sheet that exports and reads back exactly, or refuses with a SheetError; never anything else', () => {
    const h = hostile(FUZZ_SEED);
    let accepted = 0;
    for (let c = 0; c < CASES; c++) {
      const text = mutate(h);
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
