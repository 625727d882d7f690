/**
 * A student's answer sheet for one assignment: predictions, answers and
 * recorded measurements (a widget's declared metrics, with the settings and
 * the machine they were measured on). Plain data with a versioned schema, so a
 * sheet saved by an older version of the site still opens, and a file from
 * another assignment, another program or a newer site is refused with a
 * reason instead of half-loaded.
 */
import type { MetricValue } from './metrics';

export const SHEET_FORMAT = 'pd-assignment-sheet';
export const SHEET_VERSION = 2;
/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 2 * 2 ** 20;
const MAX_RECORDINGS = 2000;
const MAX_TEXT = 20_000;

/** Where a recording was measured: what the widget's worker reported. */
export interface Machine {
  userAgent: string;
  cores: number;
  timerResolutionMs: number;
  isolated: boolean;
  wasmSimd: boolean;
}

export interface Recording {
  id: string;
  exercise: string;
  widget: string;
  /** ISO time of recording. */
  at: string;
  /** The widget's settings when it measured. */
  params: Record<string, string | number>;
  metrics: Record<string, MetricValue>;
  machine: Machine;
}

export interface Answer {
  /** Made before the measurement was shown. */
  prediction?: { value: string; at: string };
  /** Free text. */
  text?: string;
  /** A number checked against the exercise's answer. */
  numeric?: { value: number; at: string };
  updated: string;
}

export interface Sheet {
  format: typeof SHEET_FORMAT;
  version: typeof SHEET_VERSION;
  assignment: string;
  student: string;
  created: string;
  updated: string;
  answers: Record<string, Answer>;
  recordings: Recording[];
}

/** The time now as the sheet writes it (ISO 8601, UTC). */
export const nowIso = (): string => new Date().toISOString();

export function emptySheet(assignment: string, now = new Date()): Sheet {
  const at = now.toISOString();
  return {
    format: SHEET_FORMAT,
    version: SHEET_VERSION,
    assignment,
    student: '',
    created: at,
    updated: at,
    answers: {},
    recordings: [],
  };
}

/** Why a file could not be read as a sheet, in words for the student. */
export class SheetError extends Error {
  override name = 'SheetError';
}

// ------------------------------------------------------------ migrations

/**
 * Version 1 (the first classroom draft) kept predictions as bare strings, metric
 * values as bare numbers and the machine as its user-agent string. Each step
 * turns version v into v + 1.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  1: (old) => {
    const answers: Record<string, unknown> = {};
    for (const [id, a] of Object.entries(asRecord(old['answers'] ?? {}, 'answers'))) {
      const answer = asRecord(a, `answer ${id}`);
      const updated =
        typeof old['updated'] === 'string' ? old['updated'] : new Date(0).toISOString();
      answers[id] = {
        ...(typeof answer['prediction'] === 'string'
          ? { prediction: { value: answer['prediction'], at: updated } }
          : {}),
        ...(typeof answer['text'] === 'string' ? { text: answer['text'] } : {}),
        updated,
      };
    }
    const recordings = asArray(old['recordings'] ?? [], 'recordings').map((r, i) => {
      const rec = asRecord(r, `recording ${i + 1}`);
      const metrics: Record<string, unknown> = {};
      for (const [name, v] of Object.entries(asRecord(rec['metrics'] ?? {}, 'metrics'))) {
        metrics[name] = typeof v === 'number' ? { value: v } : v;
      }
      return {
        ...rec,
        id: typeof rec['id'] === 'string' ? rec['id'] : `migrated-${i + 1}`,
        params: rec['params'] ?? {},
        metrics,
        machine:
          typeof rec['machine'] === 'string'
            ? {
                userAgent: rec['machine'],
                cores: 0,
                timerResolutionMs: 0,
                isolated: false,
                wasmSimd: false,
              }
            : rec['machine'],
      };
    });
    return { ...old, version: 2, answers, recordings };
  },
};

// ------------------------------------------------------------ validation

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new SheetError(`${what} should be an object.`);
  }
  return v as Record<string, unknown>;
}

function asArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new SheetError(`${what} should be a list.`);
  return v;
}

function str(v: unknown, what: string, max = MAX_TEXT): string {
  if (typeof v !== 'string') throw new SheetError(`${what} should be text.`);
  if (v.length > max) throw new SheetError(`${what} is too long (${v.length} characters).`);
  return v;
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new SheetError(`${what} should be a number.`);
  return v;
}

function isoTime(v: unknown, what: string): string {
  const s = str(v, what, 40);
  if (Number.isNaN(Date.parse(s)))
    throw new SheetError(`${what} is not a date (“${s.slice(0, 30)}”).`);
  return s;
}

/** Own keys only: a file's "__proto__" or "constructor" entries can change nothing. */
function entries(v: Record<string, unknown>): [string, unknown][] {
  return Object.keys(v)
    .filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype')
    .map((k) => [k, v[k]]);
}

function metricValue(v: unknown, what: string): MetricValue {
  const m = asRecord(v, what);
  const out: MetricValue = { value: num(m['value'], `${what}'s value`) };
  if (typeof m['verified'] === 'boolean') out.verified = m['verified'];
  if (typeof m['noisy'] === 'boolean') out.noisy = m['noisy'];
  if (
    m['bound'] === 'inside' ||
    m['bound'] === 'below' ||
    m['bound'] === 'above' ||
    m['bound'] === 'noise'
  ) {
    out.bound = m['bound'];
  }
  if (Array.isArray(m['band']) && m['band'].length === 2) {
    out.band = [num(m['band'][0], `${what}'s band`), num(m['band'][1], `${what}'s band`)];
  }
  return out;
}

function machine(v: unknown, what: string): Machine {
  const m = asRecord(v, what);
  return {
    userAgent: str(m['userAgent'], `${what}'s browser`, 500),
    cores: num(m['cores'], `${what}'s cores`),
    timerResolutionMs: num(m['timerResolutionMs'], `${what}'s timer`),
    isolated: m['isolated'] === true,
    wasmSimd: m['wasmSimd'] === true,
  };
}

function recording(v: unknown, i: number): Recording {
  const what = `Recording ${i + 1}`;
  const r = asRecord(v, what);
  const params: Record<string, string | number> = {};
  for (const [k, p] of entries(asRecord(r['params'], `${what}'s settings`))) {
    if (typeof p === 'string') params[str(k, 'A setting', 60)] = str(p, `${what}'s ${k}`, 200);
    else params[str(k, 'A setting', 60)] = num(p, `${what}'s ${k}`);
  }
  const metrics: Record<string, MetricValue> = {};
  for (const [k, m] of entries(asRecord(r['metrics'], `${what}'s measurements`))) {
    metrics[str(k, 'A measurement name', 80)] = metricValue(m, `${what}'s ${k}`);
  }
  return {
    id: str(r['id'], `${what}'s id`, 80),
    exercise: str(r['exercise'], `${what}'s exercise`, 80),
    widget: str(r['widget'], `${what}'s widget`, 80),
    at: isoTime(r['at'], `${what}'s time`),
    params,
    metrics,
    machine: machine(r['machine'], `${what}'s machine`),
  };
}

function answer(v: unknown, id: string): Answer {
  const what = `The answer to ${id}`;
  const a = asRecord(v, what);
  const out: Answer = { updated: isoTime(a['updated'], `${what}'s time`) };
  if (a['prediction'] !== undefined) {
    const p = asRecord(a['prediction'], `${what}'s prediction`);
    out.prediction = {
      value: str(p['value'], `${what}'s prediction`, 2000),
      at: isoTime(p['at'], `${what}'s prediction time`),
    };
  }
  if (a['text'] !== undefined) out.text = str(a['text'], `${what}'s text`);
  if (a['numeric'] !== undefined) {
    const n = asRecord(a['numeric'], `${what}'s number`);
    out.numeric = {
      value: num(n['value'], `${what}'s number`),
      at: isoTime(n['at'], `${what}'s number time`),
    };
  }
  return out;
}

/**
 * Reads a sheet from parsed JSON: checks it is ours, migrates an older version,
 * and validates every field. Throws SheetError with a reason; never returns a
 * half-read sheet. `assignment`, when given, must match.
 */
export function readSheet(raw: unknown, assignment?: string): Sheet {
  let data = asRecord(raw, 'The file');
  if (data['format'] !== SHEET_FORMAT) {
    throw new SheetError(
      'This file is not an answer sheet from this site (its format is missing or different).',
    );
  }
  const given = data['version'];
  if (typeof given !== 'number' || !Number.isInteger(given) || given < 1) {
    throw new SheetError('This sheet has no valid version number.');
  }
  let version: number = given;
  if (version > SHEET_VERSION) {
    throw new SheetError(
      `This sheet was saved by a newer version of the site (sheet version ${version}; this page reads up to ${SHEET_VERSION}). Reload the page to get the newer version.`,
    );
  }
  while (version < SHEET_VERSION) {
    data = MIGRATIONS[version]!(data);
    version = data['version'] as number;
  }
  const slug = str(data['assignment'], 'The assignment', 80);
  if (assignment !== undefined && slug !== assignment) {
    throw new SheetError(
      `This sheet belongs to the “${slug}” assignment, not to this one (“${assignment}”).`,
    );
  }
  const recordings = asArray(data['recordings'], 'Recordings');
  if (recordings.length > MAX_RECORDINGS) {
    throw new SheetError(
      `This sheet holds ${recordings.length} recordings; at most ${MAX_RECORDINGS} can be read.`,
    );
  }
  const answers: Record<string, Answer> = {};
  for (const [id, a] of entries(asRecord(data['answers'], 'Answers')))
    answers[str(id, 'An exercise id', 80)] = answer(a, id);
  return {
    format: SHEET_FORMAT,
    version: SHEET_VERSION,
    assignment: slug,
    student: str(data['student'], 'The student name', 200),
    created: isoTime(data['created'], 'The creation time'),
    updated: isoTime(data['updated'], 'The last change'),
    answers,
    recordings: recordings.map(recording),
  };
}

/** Reads an imported file's text: size, JSON and sheet checks, each failure a SheetError. */
export function parseSheetFile(text: string, size: number, assignment?: string): Sheet {
  if (size > MAX_IMPORT_BYTES) {
    throw new SheetError(
      `This file is ${(size / 2 ** 20).toFixed(1)} MB; an answer sheet is far smaller (at most ${MAX_IMPORT_BYTES / 2 ** 20} MB are read).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SheetError('This file is not JSON (it may be damaged, or a CSV or Markdown export).');
  }
  return readSheet(raw, assignment);
}
