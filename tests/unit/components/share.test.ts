import { describe, expect, it } from 'vitest';
import { shareUrl } from '../../../components/ui/share';
import { widgetRoute, widgets } from '../../../components/widgets/registry';
import { defaults, parseParams, type RawParams, type Values } from '../../../src/state/params';

/** Reads a link back the way a chapter page's urlSource does. */
function readBack(url: string, prefix: string): RawParams {
  const s = new URL(url).searchParams;
  return {
    getAll: (name) => s.getAll(prefix + name),
    names: () =>
      [...new Set(s.keys())].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}

describe('shareUrl(id, schema, values)', () => {
  it('opens each widget on its page, scrolled to it, with exactly its settings (defaults included)', () => {
    for (const w of widgets) {
      const values = { ...defaults(w.params), ...w.testPreset } as Values<typeof w.params>;
      const url = new URL(shareUrl(w.id, w.params, values));
      expect(url.pathname).toBe(widgetRoute(w));
      expect(url.hash).toBe(`#widget-${w.id}`);
      // Every setting is written, so a later change of default cannot change what the link shows.
      expect([...url.searchParams.keys()].sort()).toEqual(
        Object.keys(w.params)
          .map((k) => `${w.id}.${k}`)
          .sort(),
      );
      const parsed = parseParams(w.params, readBack(url.href, `${w.id}.`));
      expect(parsed.values).toEqual(values);
      expect(parsed.notes).toEqual([]);
    }
  });

  it('keeps a non-default seed and fractional sparsity exact', () => {
    const lab = widgets.find((w) => w.id === 'sparsity-lab')!;
    const values = { ...defaults(lab.params), sparsity: 0.9975, seed: 123456789 };
    const parsed = parseParams(
      lab.params,
      readBack(shareUrl(lab.id, lab.params, values), 'sparsity-lab.'),
    );
    expect(parsed.values).toEqual(values);
  });
});
