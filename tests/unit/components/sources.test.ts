import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUT, widgetSources } from '../../../scripts/widget-sources.mjs';
import { source, sourcesOf } from '../../../components/widgets/sources';
import { timeline } from '../../../src/data/timeline';
import { scaleOfCats } from '../../../src/data/scale-of-cats';

describe('source(key)', () => {
  it('source(key) gives a short author–year label and the full formatted reference', () => {
    const s = source('hooker2020');
    expect(s.short).toBe('Hooker 2020');
    expect(s.html).toContain('Hardware Lottery');
    expect(source('le2012').short).toBe('Le et al. 2012');
  });

  it('sources.json is what scripts/widget-sources.mjs makes of the bibliography now', () => {
    expect(readFileSync(OUT, 'utf8')).toBe(widgetSources());
  });

  it('source(key) throws for a key the bibliography lacks', () => {
    expect(() => source('nobody1999')).toThrow(/nobody1999/);
  });

  it('every key the timeline and the scale of cats cite resolves', () => {
    const keys = [
      ...timeline.items.flatMap((i) => [...i.cite, ...(i.caveatCite ?? [])]),
      ...[...JSON.stringify(scaleOfCats).matchAll(/"cite":\[([^\]]*)\]/g)].flatMap((m) =>
        m[1]!.split(',').map((k) => k.replace(/"/g, '')),
      ),
    ].filter((k) => k !== '');
    expect(keys.length).toBeGreaterThan(30);
    for (const s of sourcesOf(keys)) expect(s.short.length, s.key).toBeGreaterThan(2);
  });
});
