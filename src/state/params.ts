/**
 * Widget parameters as schemas. One declaration per parameter (label, unit,
 * range, default) parses URL query strings, custom-element attributes and
 * assignment presets alike, clamps what is out of range, and says in words
 * what it changed — so bad input never breaks a page and never passes silently.
 */

export interface NumberParam {
  kind: 'number';
  label: string;
  /** Shown after the value, e.g. 'rows'. */
  unit?: string;
  /** Extra words for readers and the embed docs. */
  help?: string;
  default: number;
  min: number;
  max: number;
  integer?: boolean;
  /** Older names still read (links made before a rename keep working, with a note). */
  aliases?: readonly string[];
}

export interface EnumParam<V extends string = string> {
  kind: 'enum';
  label: string;
  help?: string;
  default: V;
  options: readonly { value: V; label: string }[];
  aliases?: readonly string[];
}

export type ParamSpec = NumberParam | EnumParam;
export type Schema = Readonly<Record<string, ParamSpec>>;

export type ValueOf<P extends ParamSpec> = P extends EnumParam<infer V> ? V : number;
export type Values<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** Something parsing changed or ignored, in words; `param` ties it to the setting it is about. */
export interface Note {
  param?: string;
  text: string;
}

export interface Parsed<S extends Schema> {
  values: Values<S>;
  notes: Note[];
}

/**
 * A rule between parameters that the schema's ranges cannot express (2:4
 * storage needs the 2:4 structure). Returns the change that makes the values
 * consistent, with a note, or null when they already are.
 */
export type Rule<S extends Schema> = {
  // Method syntax: a widget's rules stay assignable where any schema's are expected.
  check(values: Values<S>): { change: Partial<Values<S>>; note: Note } | null;
}['check'];

/** Keeps the literal types of a schema while checking its shape. */
export function defineParams<const S extends Schema>(schema: S): S {
  return schema;
}

export function defaults<S extends Schema>(schema: S): Values<S> {
  const values: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(schema)) values[name] = spec.default;
  return values as Values<S>;
}

// Bidirectional controls (LRM/RLM, embeddings, overrides, isolates, ALM) and other control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ECHO_MAX = 40;

/**
 * A value the reader (or a link) supplied, made safe to repeat in a note: no
 * control or bidi characters, at most 40 characters, and wrapped in Unicode
 * isolates (FSI … PDI, the plain-text <bdi>) so right-to-left text inside it
 * cannot reorder the site's own words around it.
 */
export function echo(raw: string): string {
  const clean = raw.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const short = [...clean].length > ECHO_MAX ? `${[...clean].slice(0, ECHO_MAX).join('')}…` : clean;
  return `“\u2068${short}\u2069”`;
}

/** Plain decimal numbers only: "0x10", "1_000" or "Infinity" are not what a reader means. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(name: string, spec: NumberParam, raw: string, notes: Note[]): number {
  const text = raw.trim();
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    notes.push({
      param: name,
      text: `${spec.label}: ${echo(raw)} is not a number; using the default, ${spec.default}.`,
    });
    return spec.default;
  }
  // `+ 0` turns −0 ("-0", or −0.4 rounded) into 0, so it never shows as "−0 %".
  let v = (spec.integer ? Math.round(value) : value) + 0;
  if (v !== value) {
    notes.push({
      param: name,
      text: `${spec.label}: ${echo(raw)} rounded to the whole number ${v}.`,
    });
  }
  if (v < spec.min || v > spec.max) {
    const clamped = Math.min(spec.max, Math.max(spec.min, v));
    const side = v < spec.min ? 'below the minimum' : 'above the maximum';
    notes.push({
      param: name,
      text: `${spec.label}: ${echo(raw)} is ${side} (${spec.min}–${spec.max}); using ${clamped}.`,
    });
    v = clamped;
  }
  return v;
}

function parseEnum(name: string, spec: EnumParam, raw: string, notes: Note[]): string {
  // Case does not matter to a reader typing a link (CSR, csr), nor to option values that have it (cpuCores).
  const wanted = raw.trim().toLowerCase();
  const match = spec.options.find((o) => o.value.toLowerCase() === wanted);
  if (match) return match.value;
  const allowed = spec.options.map((o) => o.value).join(', ');
  notes.push({
    param: name,
    text: `${spec.label}: ${echo(raw)} is not one of ${allowed}; using ${spec.default}.`,
  });
  return spec.default;
}

/** Raw parameters as a source holds them: every occurrence of every name. */
export interface RawParams {
  /** All values given for `name`, in order (a URL may repeat a name). */
  getAll(name: string): string[];
  /** Every name present. */
  names(): string[];
}

export interface ParseOptions {
  /** Names the host itself uses (theme, fault): not this widget's, but not mistakes either. */
  reserved?: ReadonlySet<string>;
  /** How to say where an unknown name came from: 'address' (the URL), 'attribute', 'preset'. */
  where?: 'address' | 'attribute' | 'preset';
}

/** One parameter from its raw occurrences (and those of its old names). */
function parseOne(name: string, spec: ParamSpec, raw: RawParams, notes: Note[]): string | number {
  let given = raw.getAll(name);
  let called = name;
  for (const alias of spec.aliases ?? []) {
    if (given.length > 0) break;
    given = raw.getAll(alias);
    called = alias;
  }
  if (given.length === 0) return spec.default;
  if (called !== name) {
    notes.push({
      param: name,
      text: `${echo(called)} is now called “${name}”; read it as ${spec.label.toLowerCase()}.`,
    });
  }
  if (given.length > 1) {
    notes.push({
      param: name,
      text: `${spec.label} was given ${given.length} times; using the first, ${echo(given[0]!)}.`,
    });
  }
  return spec.kind === 'number'
    ? parseNumber(name, spec, given[0]!, notes)
    : parseEnum(name, spec, given[0]!, notes);
}

/**
 * Reads every parameter (absent → default), validating and clamping, and
 * notes any name the schema does not know.
 */
export function parseParams<S extends Schema>(
  schema: S,
  raw: RawParams,
  options: ParseOptions = {},
): Parsed<S> {
  const notes: Note[] = [];
  const values: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(schema))
    values[name] = parseOne(name, spec, raw, notes);
  const known = new Set(Object.entries(schema).flatMap(([n, s]) => [n, ...(s.aliases ?? [])]));
  const where = options.where ?? 'address';
  for (const name of raw.names()) {
    if (known.has(name) || options.reserved?.has(name)) continue;
    notes.push({
      text:
        where === 'address'
          ? `Ignored ${echo(name)}: this widget has no such setting, so it was dropped from the address.`
          : `Ignored the ${where} ${echo(name)}: this widget has no such setting.`,
    });
  }
  return { values: values as Values<S>, notes };
}

/** Raw parameters from a plain record (presets, tests). */
export function rawFromRecord(record: Readonly<Record<string, unknown>>): RawParams {
  return {
    getAll: (name) =>
      Object.hasOwn(record, name) && record[name] !== undefined ? [String(record[name])] : [],
    names: () => Object.keys(record).filter((k) => record[k] !== undefined),
  };
}

/** Clamps an already-typed value set (assignment presets, test presets). */
export function clampValues<S extends Schema>(schema: S, input: Partial<Values<S>>): Parsed<S> {
  return parseParams(schema, rawFromRecord(input), { where: 'preset' });
}

/** Applies a schema's rules until the values are consistent; each change comes with its note. */
export function applyRules<S extends Schema>(
  values: Values<S>,
  rules: readonly Rule<S>[],
): { values: Values<S>; notes: Note[] } {
  const notes: Note[] = [];
  let current = values;
  for (let round = 0; round < rules.length + 1; round++) {
    const fix = rules.map((r) => r(current)).find((f) => f !== null);
    if (!fix) break;
    current = { ...current, ...fix.change };
    notes.push(fix.note);
  }
  return { values: current, notes };
}

/**
 * Writes the values that differ from their defaults into `search` and removes
 * this widget's other names: defaults, old names and unknown ones. On a chapter
 * page a widget owns the names under its prefix; on its own page (no prefix) it
 * owns every name but the host's reserved ones.
 */
export function writeSearchParams<S extends Schema>(
  schema: S,
  values: Values<S>,
  search: URLSearchParams,
  options: { prefix?: string; reserved?: ReadonlySet<string>; all?: boolean } = {},
): void {
  const prefix = options.prefix ?? '';
  for (const key of [...search.keys()]) {
    const ours = prefix ? key.startsWith(prefix) : !options.reserved?.has(key);
    if (ours) search.delete(key);
  }
  for (const [name, spec] of Object.entries(schema)) {
    const v = (values as Record<string, number | string>)[name];
    if (options.all || v !== spec.default) search.set(prefix + name, String(v));
  }
}
