import { describe, expect, it } from 'vitest';
import {
  emptySheet,
  MAX_IMPORT_BYTES,
  parseSheetFile,
  readSheet,
  SHEET_VERSION,
  SheetError,
  type Sheet,
} from '../../../src/state/sheet';
import { sheetCsv, sheetJson, sheetMarkdown } from '../../../src/state/sheet-export';
import { memoryBackend, SheetStorage } from '../../../src/state/sheet-storage';

const machine = {
  userAgent: 'Chromium 156',
  cores: 2,
  timerResolutionMs: 0.005,
  isolated: true,
  wasmSimd: true,
};

function filled(): Sheet {
  const s = emptySheet('sparsity', new Date('2026-11-29T10:00:00Z'));
  s.student = 'Ada';
  s.answers['predict-crossover'] = {
    prediction: { value: '60 %', at: '2026-11-29T10:01:00Z' },
    text: 'Lower than I thought, because "the dense kernel", quoted, is slow; and, commas.',
    updated: '2026-11-29T10:05:00Z',
  };
  s.answers['csr-bytes'] = {
    numeric: { value: 3_145_732, at: '2026-11-29T10:06:00Z' },
    updated: '2026-11-29T10:06:00Z',
  };
  s.recordings.push({
    id: 'r1',
    exercise: 'predict-crossover',
    widget: 'sparsity-lab',
    at: '2026-11-29T10:03:00Z',
    params: { n: 512, sparsity: 0.9, structure: 'unstructured' },
    metrics: {
      crossover: { value: 0.38, bound: 'inside', band: [0.3, 0.45], verified: true },
      speedup: { value: 6.2, verified: true, noisy: false },
    },
    machine,
  });
  return s;
}

describe('readSheet(raw, assignment)', () => {
  it('round-trips a sheet through JSON exactly', () => {
    const s = filled();
    expect(readSheet(JSON.parse(sheetJson(s)), 'sparsity')).toEqual(s);
  });

  it('migrates a version-1 sheet (bare predictions, numbers and user agents) to the current version', () => {
    const v1 = {
      format: 'pd-assignment-sheet',
      version: 1,
      assignment: 'sparsity',
      student: 'Ada',
      created: '2026-11-01T09:00:00Z',
      updated: '2026-11-01T10:00:00Z',
      answers: { 'predict-crossover': { prediction: '70 %', text: 'because…' } },
      recordings: [
        {
          exercise: 'predict-crossover',
          widget: 'sparsity-lab',
          at: '2026-11-01T09:30:00Z',
          metrics: { crossover: 0.41 },
          machine: 'Firefox 140',
        },
      ],
    };
    const s = readSheet(v1, 'sparsity');
    expect(s.version).toBe(SHEET_VERSION);
    expect(s.answers['predict-crossover']!.prediction).toEqual({
      value: '70 %',
      at: '2026-11-01T10:00:00Z',
    });
    expect(s.recordings[0]!.metrics['crossover']).toEqual({ value: 0.41 });
    expect(s.recordings[0]!.machine.userAgent).toBe('Firefox 140');
    expect(s.recordings[0]!.id).toBe('migrated-1');
  });

  it.each([
    ['another program’s JSON', { hello: 'world' }, /not an answer sheet from this site/],
    ['a list', [1, 2], /should be an object/],
    [
      'another assignment’s sheet',
      { ...emptySheet('numpy-and-python') },
      /belongs to the “numpy-and-python” assignment/,
    ],
    [
      'a newer site’s sheet',
      { ...emptySheet('sparsity'), version: 99 },
      /saved by a newer version/,
    ],
    [
      'a recording with a string for a number',
      {
        ...filled(),
        recordings: [{ ...filled().recordings[0], metrics: { x: { value: 'big' } } }],
      },
      /should be a number/,
    ],
    ['a bad date', { ...filled(), created: 'yesterday' }, /is not a date/],
  ])('refuses %s with a reason', (_what, raw, message) => {
    expect(() => readSheet(JSON.parse(JSON.stringify(raw)), 'sparsity')).toThrow(SheetError);
    expect(() => readSheet(JSON.parse(JSON.stringify(raw)), 'sparsity')).toThrow(message);
  });

  it('ignores __proto__ keys instead of letting them change anything', () => {
    const text = sheetJson(filled()).replace(
      '"answers": {',
      '"answers": { "__proto__": { "polluted": true },',
    );
    const s = readSheet(JSON.parse(text), 'sparsity');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(s.answers)).toEqual(['predict-crossover', 'csr-bytes']);
  });
});

describe('parseSheetFile(text, size, assignment)', () => {
  it('refuses a file over the size limit before reading it', () => {
    expect(() => parseSheetFile('{}', 50 * 2 ** 20, 'sparsity')).toThrow(
      /50\.0 MB; an answer sheet is far smaller/,
    );
    expect(MAX_IMPORT_BYTES).toBeLessThan(50 * 2 ** 20);
  });

  it('refuses text that is not JSON, naming the likely mix-up', () => {
    expect(() => parseSheetFile('student,exercise\nAda,x', 24, 'sparsity')).toThrow(
      /not JSON .*CSV or Markdown/,
    );
  });
});

describe('exports', () => {
  it('sheetCsv(sheet) has a row per measurement, prediction and answer, quoting commas and quotes', () => {
    const csv = sheetCsv(filled());
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'student,assignment,exercise,kind,name,value,at,verified,note,settings,browser,cores,timer_ms,isolated',
    );
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(csv).toContain(
      '"Lower than I thought, because ""the dense kernel"", quoted, is slow; and, commas."',
    );
    expect(csv).toContain(
      'measurement,crossover,0.38,2026-11-29T10:03:00Z,true,band 0.3–0.45,n=512; sparsity=0.9; structure=unstructured,Chromium 156,2,0.005,true',
    );
  });

  it('sheetMarkdown(sheet) reads as a report: student, machine, each exercise', () => {
    const md = sheetMarkdown(filled(), 'Sparsity: an assignment', [
      { id: 'predict-crossover', title: '1. Predict the crossover' },
      { id: 'csr-bytes', title: '2. Count the bytes' },
    ]);
    expect(md).toMatch(/^# Sparsity: an assignment\n/);
    expect(md).toContain('- Student: Ada');
    expect(md).toContain('- Machine: Chromium 156 · 2 cores · timer 0.005 ms (isolated)');
    expect(md).toContain('| 2026-11-29T10:03:00Z | crossover | 0.38 (band 0.3–0.45) | yes |');
    expect(md).toContain('Number given: 3145732');
  });

  it('says when a recorded crossover sat at the end of the range or within noise', () => {
    const sheet = filled();
    const rec = sheet.recordings[0]!;
    rec.metrics = {
      never: { value: 0.9999, bound: 'above' },
      fuzzy: { value: 0.4, bound: 'noise', band: [0.3, 0.5], noisy: true },
    };
    const md = sheetMarkdown(sheet, 'T', [{ id: rec.exercise, title: 'E' }]);
    expect(md).toContain('| never | 0.9999 (never won in the range searched) |');
    expect(md).toContain('| fuzzy | 0.4 (within noise of 1×; band 0.3–0.5; noisy) |');
    expect(sheetCsv(sheet)).toContain(
      'measurement,never,0.9999,2026-11-29T10:03:00Z,,never won in the range searched,',
    );
  });
});

describe('SheetStorage', () => {
  it('saves and loads a sheet (a reload finds it)', async () => {
    const backend = memoryBackend();
    await new SheetStorage(backend).save(filled());
    expect((await new SheetStorage(backend).load('sparsity')).sheet).toEqual(filled());
  });

  it('reports a full disk, and keeps the sheet in memory', async () => {
    const full = memoryBackend();
    full.set = async () => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    const saved = await new SheetStorage(full).save(filled());
    expect(saved).toEqual({
      ok: false,
      reason: expect.stringMatching(/storage for the site is full.*Export them/),
    });
  });

  it('reports storage denied on open, with no sheet lost', async () => {
    const denied = memoryBackend();
    denied.get = async () => {
      throw Object.assign(new Error('no'), { name: 'SecurityError' });
    };
    const r = await new SheetStorage(denied).load('sparsity');
    expect(r.sheet).toBeNull();
    expect(r.problem).toMatch(/would not let the page open your answers \(SecurityError/);
  });

  it('leaves an unreadable stored sheet untouched and says so', async () => {
    const backend = memoryBackend();
    backend.data.set('sparsity', { format: 'pd-assignment-sheet', version: 7 });
    const r = await new SheetStorage(backend).load('sparsity');
    expect(r.problem).toMatch(/could not be read .*left untouched/);
    expect(backend.data.get('sparsity')).toEqual({ format: 'pd-assignment-sheet', version: 7 });
  });
});
