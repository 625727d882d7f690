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
}

export interface EnumParam<V extends string = string> {
  kind: 'enum';
  label: string;
  help?: string;
  default: V;
  options: readonly { value: V; label: string }[];
}

export type ParamSpec = NumberParam | EnumParam;
export type Schema = Readonly<Record<string, ParamSpec>>;

export type ValueOf<P extends ParamSpec> = P extends EnumParam<infer V> ? V : number;
export type Values<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export interface Parsed<S extends Schema> {
  values: Values<S>;
  /** One sentence per value that was changed or ignored. */
  notes: string[];
}

/** Keeps the literal types of a schema while checking its shape. */
export function defineParams<const S extends Schema>(schema: S): S {
  return schema;
}

export function defaults<S extends Schema>(schema: S): Values<S> {
  const values: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(schema)) values[name] = spec.default;
  return values as Values<S>;
}

function parseNumber(spec: NumberParam, raw: string, notes: string[]): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value)) {
    notes.push(`${spec.label}: “${raw}” is not a number; using the default, ${spec.default}.`);
    return spec.default;
  }
  let v = spec.integer ? Math.round(value) : value;
  if (v !== value) notes.push(`${spec.label}: ${raw} rounded to the whole number ${v}.`);
  if (v < spec.min || v > spec.max) {
    const clamped = Math.min(spec.max, Math.max(spec.min, v));
    const side = v < spec.min ? 'below the minimum' : 'above the maximum';
    notes.push(`${spec.label}: ${raw} is ${side} (${spec.min}–${spec.max}); using ${clamped}.`);
    v = clamped;
  }
  return v;
}

function parseEnum(spec: EnumParam, raw: string, notes: string[]): string {
  const match = spec.options.find((o) => o.value === raw.trim().toLowerCase());
  if (match) return match.value;
  const allowed = spec.options.map((o) => o.value).join(', ');
  notes.push(`${spec.label}: “${raw}” is not one of ${allowed}; using ${spec.default}.`);
  return spec.default;
}

/**
 * Reads every parameter through `get` (null = absent → default), validating and
 * clamping. Unknown names are the caller's business (see `fromSearchParams`).
 */
export function parseParams<S extends Schema>(
  schema: S,
  get: (name: string) => string | null | undefined,
): Parsed<S> {
  const notes: string[] = [];
  const values: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const raw = get(name);
    if (raw === null || raw === undefined) values[name] = spec.default;
    else if (spec.kind === 'number') values[name] = parseNumber(spec, raw, notes);
    else values[name] = parseEnum(spec, raw, notes);
  }
  return { values: values as Values<S>, notes };
}

/** Clamps an already-typed value set (assignment presets, test presets). */
export function clampValues<S extends Schema>(schema: S, input: Partial<Values<S>>): Parsed<S> {
  return parseParams(schema, (name) => {
    const v = (input as Record<string, unknown>)[name];
    return v === undefined ? undefined : String(v);
  });
}

/**
 * A URL reader. On chapter pages parameters carry the widget id as a prefix
 * (`?sparsity-lab.sparsity=0.95`); on `/embed/<id>/` they do not.
 */
export function fromSearchParams(
  search: URLSearchParams,
  prefix = '',
): (name: string) => string | null {
  return (name) => search.get(prefix + name);
}

/** Writes the values that differ from their defaults back into `search`, removing the rest. */
export function writeSearchParams<S extends Schema>(
  schema: S,
  values: Values<S>,
  search: URLSearchParams,
  prefix = '',
): void {
  for (const [name, spec] of Object.entries(schema)) {
    const v = (values as Record<string, number | string>)[name];
    if (v === spec.default) search.delete(prefix + name);
    else search.set(prefix + name, String(v));
  }
}

/**
 * Keeps the page's address shareable: writes `values` into the current URL (see
 * `writeSearchParams`) with `replaceState`, so dragging a slider adds no history
 * entries, and only when something changed.
 */
export function mirrorToUrl<S extends Schema>(schema: S, values: Values<S>, prefix = ''): void {
  const url = new URL(location.href);
  writeSearchParams(schema, values, url.searchParams, prefix);
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
