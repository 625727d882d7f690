import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { highlightLines } from '../../../scripts/highlight.mjs';

const read = (path: string): string =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

// Every file a widget can show (the keys of kernelSources.ts).
const FILES = [...read('components/ui/kernelSources.ts').matchAll(/^ {2}'([^']+)': \(\) =>/gm)].map(
  (m) => m[1]!,
);

// Shiki escapes with named and numeric character references.
const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
const decode = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_, ref: string) =>
      ref.startsWith('#x')
        ? String.fromCodePoint(parseInt(ref.slice(2), 16))
        : ref.startsWith('#')
          ? String.fromCodePoint(Number(ref.slice(1)))
          : (NAMED[ref] ?? `&${ref};`),
    );

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// --code-bg in each theme, from the design tokens (light first, then dark).
const [codeBgLight, codeBgDark] = [
  ...read('src/styles/tokens.css').matchAll(/--code-bg: (#[0-9a-f]{6});/g),
].map((m) => m[1]!);

describe('highlightLines (build-time highlighting of the kernel sources)', () => {
  // Highlighted once for all the checks (about thirty files: seconds on a busy machine).
  const highlighted = new Map<string, string[]>();
  beforeAll(async () => {
    for (const file of FILES) highlighted.set(file, await highlightLines(read(file), file));
  }, 120_000);

  it('knows the files kernelSources.ts lists', () => {
    expect(FILES.length).toBeGreaterThan(20);
    expect(FILES).toContain('src/kernels/dense.ts');
    expect(FILES).toContain('src/python/ladder.py');
  });

  it('gives one line of HTML per line of source, carrying exactly its text', () => {
    for (const file of FILES) {
      const text = read(file);
      const lines = highlighted.get(file)!;
      expect(lines.length, file).toBe(text.split('\n').length);
      expect(lines.map(decode).join('\n'), file).toBe(text);
    }
  });

  it('colours keywords and comments differently in each theme', async () => {
    const [line] = await highlightLines('const x = 1; // one', 'x.ts');
    const colours = [...line!.matchAll(/--hl-light:(#\w+);--hl-dark:(#\w+)/g)];
    expect(new Set(colours.map((m) => m[1])).size).toBeGreaterThan(1);
    for (const [, light, dark] of colours) expect(light).not.toBe(dark);
  });

  it('every token colour reaches 4.5:1 on --code-bg in both themes (WCAG AA)', () => {
    expect([codeBgLight, codeBgDark]).toEqual([expect.any(String), expect.any(String)]);
    const weak = new Set<string>();
    for (const file of FILES) {
      for (const line of highlighted.get(file)!) {
        for (const [, light, dark] of line.matchAll(/--hl-light:(#\w{6});--hl-dark:(#\w{6})/g)) {
          if (contrast(light!, codeBgLight!) < 4.5) weak.add(`light ${light} in ${file}`);
          if (contrast(dark!, codeBgDark!) < 4.5) weak.add(`dark ${dark} in ${file}`);
        }
      }
    }
    expect([...weak]).toEqual([]);
  });
});
