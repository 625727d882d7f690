/**
 * Every widget's schema against seeded hostile input (tests/hostile.ts), as a
 * URL, attributes or a preset would carry it: parsing never throws, every
 * value lands in range, every change is noted, the notes are safe to show,
 * what is written back reads back unchanged, and nothing reaches
 * Object.prototype. A failure names its seed (replay with PD_FUZZ_SEED).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { widgets } from '../../../components/widgets/registry';
import {
  applyRules,
  parseParams,
  rawFromRecord,
  writeSearchParams,
  type RawParams,
} from '../../../src/state/params';
import { FUZZ_SEED, hostile, pairsFor } from '../../hostile';

const CASES_PER_WIDGET = 300;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** Raw params from a list of name/value pairs (names may repeat), as URLSearchParams holds them. */
function fromPairs(pairs: [string, string][]): RawParams {
  const s = new URLSearchParams(pairs);
  return { getAll: (n) => s.getAll(n), names: () => [...new Set(s.keys())] };
}

// Unicode bidi controls and C0/C1 controls that a note must never carry from the input.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e]/;
/** What echo() puts between its isolates: at most 40 characters and an ellipsis. */
const ECHOED = /\u2068([^\u2069]*)\u2069/g;

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>)['__pwned']).toBeUndefined();
});

describe(`parseParams against hostile input (seed ${FUZZ_SEED}, ${CASES_PER_WIDGET} cases per widget)`, () => {
  for (const [w, widget] of widgets.entries()) {
    it(`${widget.id}: never throws, keeps every value in range, notes every change, and reads back what it writes`, () => {
      const seed = (FUZZ_SEED + w * 7919) >>> 0;
      const h = hostile(seed);
      const schema = widget.params;
      for (let c = 0; c < CASES_PER_WIDGET; c++) {
        const pairs = pairsFor(schema, h);
        const where = `seed ${seed}, case ${c}: ${JSON.stringify(pairs).slice(0, 300)}`;
        const { values, notes } = parseParams(schema, fromPairs(pairs));
        const fixed = applyRules(values, widget.rules ?? []);

        for (const [name, spec] of Object.entries(schema)) {
          const v = (fixed.values as Record<string, unknown>)[name];
          if (spec.kind === 'number') {
            expect(typeof v, where).toBe('number');
            expect(Number.isFinite(v), where).toBe(true);
            expect(v as number, where).toBeGreaterThanOrEqual(spec.min);
            expect(v as number, where).toBeLessThanOrEqual(spec.max);
            if (spec.integer) expect(Number.isInteger(v), where).toBe(true);
          } else {
            expect(
              spec.options.map((o) => o.value),
              where,
            ).toContain(v);
          }
          // A value given but not used as given is noted, tied to its setting.
          const given = pairs.find(([k]) => k === name)?.[1];
          if (given === undefined) continue;
          const parsed = (values as Record<string, unknown>)[name];
          const asGiven =
            spec.kind === 'number'
              ? /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(given.trim()) &&
                Number(given.trim()) === parsed
              : given.trim().toLowerCase() === String(parsed).toLowerCase();
          if (!asGiven) {
            expect(
              notes.some((n) => n.param === name),
              `${where}: ${name} changed without a note`,
            ).toBe(true);
          }
        }
        // A name the schema does not know is named in a note.
        const known = new Set(
          Object.entries(schema).flatMap(([n, s]) => [n, ...(s.aliases ?? [])]),
        );
        const strangers = new Set(pairs.map(([k]) => k).filter((k) => !known.has(k)));
        expect(notes.filter((n) => n.param === undefined).length, where).toBe(strangers.size);

        for (const { text } of [...notes, ...fixed.notes]) {
          expect(text, where).not.toMatch(UNSAFE);
          expect(text.length, where).toBeLessThan(400);
          for (const [, inner] of text.matchAll(ECHOED)) {
            expect([...inner!].length, where).toBeLessThanOrEqual(41);
          }
        }

        // Written to an address and read again: the same values, with nothing to say.
        const search = new URLSearchParams();
        writeSearchParams(schema, fixed.values, search, { prefix: `${widget.id}.`, all: true });
        const again = parseParams(schema, {
          getAll: (n) => search.getAll(`${widget.id}.${n}`),
          names: () => [...new Set(search.keys())].map((k) => k.slice(widget.id.length + 1)),
        });
        expect(again, where).toEqual({ values: fixed.values, notes: [] });
      }
    });
  }

  it('a preset or attribute record with __proto__, constructor and prototype keys (from JSON) changes no prototype', () => {
    const h = hostile(FUZZ_SEED ^ 0x5bd1e995);
    for (const widget of widgets) {
      for (let c = 0; c < 40; c++) {
        const pairs = pairsFor(widget.params, h);
        const json = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
        const record = JSON.parse(json) as Record<string, unknown>;
        const { values } = parseParams(widget.params, rawFromRecord(record), { where: 'preset' });
        expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
        expect(Object.keys(values).sort()).toEqual(Object.keys(widget.params).sort());
      }
    }
  });
});
