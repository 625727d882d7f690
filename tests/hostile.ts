/**
 * A seeded generator of hostile input, shared by the unit fuzz (params,
 * answer sheets) and the e2e fuzz (URL params, custom-element attributes,
 * imported files). Deterministic: the same seed gives the same cases, so a
 * failure names its seed and can be replayed with PD_FUZZ_SEED=<seed>.
 *
 * Payloads that would run script set `window.__pwned`; a test checks the
 * canary stays undefined.
 */

import type { Schema } from '../src/state/params';

/** The seed for this run: PD_FUZZ_SEED if set, else a fixed default (CI stays reproducible). */
export const FUZZ_SEED = Number(process.env['PD_FUZZ_SEED'] ?? 20261129) >>> 0;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that would run script if any of them reached the DOM as markup or a URL. */
export const SCRIPT_PAYLOADS: readonly string[] = [
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:window.__pwned=1',
  'javascript:alert(1)',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '" autofocus onfocus="window.__pwned=1" x="',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned=1}',
];

/** Keys that try to reach an object's prototype. */
export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Values that are numbers only to a careless parser, or not at all. */
export const NUMBERISH: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '1e12',
  '1e308',
  '1e-320',
  '-1e12',
  '0x10',
  '1_000',
  '1,5',
  '١٢٣',
  '12abc',
  '.5',
  '5.',
  '+7',
  '1e',
  'e5',
  '0.000000001',
  '9007199254740993',
];

/** Text that is empty, blank, unusual Unicode, or very long. */
export const ODD_TEXT: readonly string[] = [
  '',
  ' ',
  '\t\n ',
  '\u00a0',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  'f32\u202Eevil',
  '\u200f\u200e',
  '🦄💥',
  '👩‍👩‍👧‍👦',
  'ﷺ',
  'Z̸̡̛a̷l̶g̵o̸',
  '\u0000null',
  '%00',
  '%3Cscript%3E',
  'x'.repeat(5000),
  '🦄'.repeat(1500),
  'ab'.repeat(20_000),
];

export interface Hostile {
  /** A float in [0, 1). */
  next(): number;
  int(max: number): number;
  pick<T>(xs: readonly T[]): T;
  /** Any hostile string. */
  value(): string;
  /** A number just outside, at, or far beyond a range, or a numberish string. */
  number(min: number, max: number): string;
  /** A setting name: one of `known`, a prototype key, markup, or odd text. */
  key(known: readonly string[]): string;
}

export function hostile(seed: number): Hostile {
  const next = random(seed);
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const value = (): string => {
    const r = next();
    if (r < 0.3) return pick(SCRIPT_PAYLOADS);
    if (r < 0.55) return pick(NUMBERISH);
    if (r < 0.85) return pick(ODD_TEXT);
    if (r < 0.95) return pick(PROTO_KEYS);
    // Two hostile pieces glued together.
    return pick(SCRIPT_PAYLOADS) + pick(ODD_TEXT).slice(0, 50);
  };
  const number = (min: number, max: number): string => {
    const span = max - min;
    const r = next();
    if (r < 0.2) return String(min - 1 - int(10));
    if (r < 0.4) return String(max + 1 + int(10) * span);
    if (r < 0.5) return String(min + next() * span);
    if (r < 0.6) return String(max * 1e6);
    return pick(NUMBERISH);
  };
  const key = (known: readonly string[]): string => {
    const r = next();
    if (r < 0.6 && known.length > 0) return pick(known);
    if (r < 0.75) return pick(PROTO_KEYS);
    if (r < 0.9) return pick(SCRIPT_PAYLOADS).slice(0, 60);
    return pick(ODD_TEXT).slice(0, 60);
  };
  return { next, int, pick, value, number, key };
}

/** One hostile set of pairs for a schema: its names with hostile values, repeats and strangers. */
export function pairsFor(schema: Schema, h: Hostile): [string, string][] {
  const names = Object.keys(schema);
  const pairs: [string, string][] = [];
  const count = 1 + h.int(6);
  for (let i = 0; i < count; i++) {
    const name = h.key(names);
    const spec = schema[name];
    const value =
      spec?.kind === 'number' && h.next() < 0.6
        ? h.number(spec.min, spec.max)
        : spec?.kind === 'enum' && h.next() < 0.3
          ? h.pick(spec.options).value.toUpperCase()
          : h.value();
    pairs.push([name, value]);
    // A duplicated key now and then, with a different value.
    if (h.next() < 0.15) pairs.push([name, h.value()]);
  }
  return pairs;
}

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

/** One hostile answer-sheet file: `fixture` (a real sheet's JSON) with 1–4 mutations, then sometimes a text-level one. */
export function hostileSheet(h: Hostile, fixture: string): string {
  const sheet = JSON.parse(fixture) as Json;
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
