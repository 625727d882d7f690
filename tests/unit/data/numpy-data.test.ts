import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../../scripts/bibtex.mjs';
import { NATIVE_REFERENCE, nativeRowsNear, nativeSource } from '../../../src/data/native-python';
import { SOURCES, TIMELINE, TRACKS } from '../../../src/data/numpy-timeline';
import { timelineSources } from '../../../scripts/numpy-timeline-sources.mjs';

const bib = parseBibtex(readFileSync('content/references.bib', 'utf8'));

describe('TIMELINE (content/data/numpy-timeline.json)', () => {
  it('runs in year order, each item on a known track and cited from references.bib', () => {
    for (let i = 1; i < TIMELINE.length; i++)
      expect(TIMELINE[i]!.year).toBeGreaterThanOrEqual(TIMELINE[i - 1]!.year);
    for (const item of TIMELINE) {
      expect(Object.keys(TRACKS), item.id).toContain(item.track);
      expect(bib.has(item.cite), `${item.id} cites ${item.cite}`).toBe(true);
      expect(item.description.length, item.id).toBeLessThanOrEqual(200);
    }
    expect(new Set(TIMELINE.map((i) => i.id)).size).toBe(TIMELINE.length);
  });

  it('SOURCES is current: every cited work, formatted from references.bib (else rerun scripts/numpy-timeline-sources.mjs)', () => {
    expect(SOURCES).toEqual(timelineSources());
    for (const item of TIMELINE) expect(SOURCES[item.cite]?.text, item.id).toBeTruthy();
  });

  it('says why wherever an item is not fully verified', () => {
    for (const item of TIMELINE.filter((i) => i.confidence !== 'V' || i.note))
      expect(item.note?.length ?? 0, item.id).toBeGreaterThan(20);
    expect(TIMELINE.some((i) => i.confidence === 'U')).toBe(true);
  });
});

describe('NATIVE_REFERENCE (content/data/native-python/)', () => {
  it('describes its machine and date, and every row was verified', () => {
    expect(NATIVE_REFERENCE.machine.cpu).not.toBe('');
    expect(NATIVE_REFERENCE.machine.note).toMatch(/shared/);
    expect(nativeSource()).toContain(NATIVE_REFERENCE.date);
    for (const run of NATIVE_REFERENCE.runs) {
      for (const row of run.results)
        expect(row.verified, `${run.python} ${row.op} ${row.n} ${row.rung}`).toBe(true);
      for (const row of run.elementwise)
        expect(row.verified, `${run.python} 1/x ${row.kernel}`).toBe(true);
    }
  });

  it('nativeRowsNear(op, n) picks the nearest measured size, every interpreter at once', () => {
    const rows = nativeRowsNear('dot', 1000);
    expect(new Set(rows.map((r) => r.n))).toEqual(new Set([1024]));
    expect(new Set(rows.map((r) => r.python)).size).toBe(NATIVE_REFERENCE.runs.length);
    expect(rows.some((r) => r.rung === 'numpy')).toBe(true);
    expect(nativeRowsNear('gemv', 1).every((r) => r.op === 'gemv')).toBe(true);
  });
});
