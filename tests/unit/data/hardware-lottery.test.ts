import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../../scripts/bibtex.mjs';
import { CATS_METRICS, scaleOfCats, scaleRatio } from '../../../src/data/scale-of-cats';
import { byDecade, timeline, yearLabel } from '../../../src/data/timeline';

const bib = parseBibtex(readFileSync('content/references.bib', 'utf8'));
const cited = (keys: readonly string[], where: string) => {
  for (const key of keys)
    expect(bib.has(key), `${where} cites [@${key}], missing from references.bib`).toBe(true);
};

describe('compute-timeline.json', () => {
  it('every item has a year in 1837 … 2026, a kind, one line of text, and citations that exist', () => {
    const ids = new Set<string>();
    for (const item of timeline.items) {
      expect(ids.has(item.id), `duplicate id ${item.id}`).toBe(false);
      ids.add(item.id);
      expect(item.year).toBeGreaterThanOrEqual(1837);
      expect(item.endYear ?? item.year).toBeLessThanOrEqual(2026);
      expect(['hardware', 'software', 'idea', 'measurement']).toContain(item.kind);
      expect(item.text.length, item.id).toBeGreaterThan(20);
      expect(item.text, `${item.id}: one line`).not.toMatch(/\n/);
      expect(item.cite.length, `${item.id} cites nothing`).toBeGreaterThan(0);
      cited(item.cite, item.id);
      cited(item.caveatCite ?? [], `${item.id} caveat`);
      if (item.flag !== undefined) expect(['S', 'U']).toContain(item.flag);
    }
  });

  it('items run oldest first and cover the issue’s landmarks', () => {
    const years = timeline.items.map((i) => i.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const ids = timeline.items.map((i) => i.id);
    for (const id of [
      'analytical-engine',
      'lisp',
      'lisp-collapse',
      'connection-machine',
      'cuda',
      'alexnet',
      'tpu',
      'tensor-cores',
      'two-four',
      'capsules',
      'hooker',
    ])
      expect(ids).toContain(id);
    expect(timeline.items.find((i) => i.id === 'lisp-collapse')!.year).toBe(1987);
    expect(timeline.items.find((i) => i.id === 'analytical-engine')!.caveat).toMatch(
      /Difference Engine No\. 2/,
    );
  });

  it('yearLabel and byDecade say "about" for rough dates and group by decade', () => {
    const lm = timeline.items.find((i) => i.id === 'lisp-machines')!;
    expect(yearLabel(lm)).toBe('about 1980');
    expect(yearLabel(timeline.items.find((i) => i.id === 'fifth-generation')!)).toBe('1982–1992');
    const groups = byDecade(timeline.items);
    expect(groups[0]!.decade).toBe(1830);
    expect(groups.flatMap((g) => g.items)).toHaveLength(timeline.items.length);
  });
});

describe('scale-of-cats.json', () => {
  const [le, c1, c11] = scaleOfCats.systems;

  it('follows the fact sheet: 1,000 machines and 16,000 cores for 3 days; 3 servers (24 cores, 12 GPUs); 16 servers', () => {
    expect(le!.metrics.machines.value).toBe(1000);
    expect(le!.metrics.cpuCores.value).toBe(16000);
    expect(le!.metrics.days.value).toBe(3);
    expect(c1!.metrics.machines.value).toBe(3);
    expect(c1!.metrics.cpuCores).toMatchObject({ value: 24, flag: 'S' });
    expect(c1!.metrics.gpus).toMatchObject({ value: 12, flag: 'S' });
    expect(c11!.metrics.machines.value).toBe(16);
    expect(c11!.metrics.gpus.value).toBe(64);
  });

  it('derived values equal servers × the per-server configuration, and say so', () => {
    for (const s of [c1!, c11!]) {
      const servers = s.metrics.machines.value!;
      expect(s.metrics.cpuCores.value).toBe(servers * scaleOfCats.perServer.cpuCores);
      expect(s.metrics.gpus.value).toBe(servers * scaleOfCats.perServer.gpus);
      expect(s.metrics.cpuCores.derived).toBeTruthy();
      expect(s.metrics.gpus.derived).toBeTruthy();
    }
  });

  it('every cost is flagged secondary and cites Wired; every value cites a source that exists', () => {
    for (const s of scaleOfCats.systems) {
      expect(s.metrics.costUsd).toMatchObject({ flag: 'S', cite: ['wired2013'] });
      for (const m of CATS_METRICS) cited(s.metrics[m.id].cite, `${s.id}.${m.id}`);
      cited(s.cite, s.id);
      expect(s.claimFlags).toHaveLength(s.claims.length);
    }
    for (const c of scaleOfCats.corrections) cited([...c.source, ...c.cite], c.said);
    cited(scaleOfCats.perServer.cite, 'perServer');
  });

  it('scaleRatio(le, coates, metric): 667× the cores, 333× the machines, 50× the cost; GPUs: 0 and undefined', () => {
    expect(scaleRatio(le!, c1!, 'cpuCores')).toBeCloseTo(16000 / 24, 9);
    expect(scaleRatio(le!, c1!, 'machines')).toBeCloseTo(1000 / 3, 9);
    expect(scaleRatio(le!, c1!, 'costUsd')).toBe(50);
    expect(scaleRatio(le!, c1!, 'gpus')).toBe(0);
    expect(scaleRatio(c1!, le!, 'gpus')).toBeNull();
    expect(scaleRatio(le!, c11!, 'days')).toBeNull();
  });
});
