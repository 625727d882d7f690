import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { narrowWeights, parseUnicodeRange, WEIGHTS } from '../../../scripts/subset-fonts.mjs';

describe('parseUnicodeRange', () => {
  it('reads spans and single code points as Fontsource writes them', () => {
    const inLatin = parseUnicodeRange('U+0000-00FF,U+0131,U+2212,U+FEFF');
    expect(inLatin(0x41)).toBe(true);
    expect(inLatin(0xff)).toBe(true);
    expect(inLatin(0x131)).toBe(true);
    expect(inLatin(0x2212)).toBe(true);
    expect(inLatin(0x100)).toBe(false);
    expect(inLatin(0x3a3)).toBe(false);
  });

  it('reads a wildcard as every digit in its place', () => {
    const inRange = parseUnicodeRange('U+4??');
    expect(inRange(0x400)).toBe(true);
    expect(inRange(0x4ff)).toBe(true);
    expect(inRange(0x500)).toBe(false);
  });

  it('refuses a range it cannot read rather than keeping nothing', () => {
    expect(() => parseUnicodeRange('latin')).toThrow(/unreadable/);
  });
});

describe('the weight axis the cut fonts keep', () => {
  it('covers every font-weight the site’s styles and charts ask for', () => {
    const root = new URL('../../../', import.meta.url).pathname;
    const files = ['src', 'components'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(css|svelte|astro|ts)$/.test(f))
        .map((f) => join(root, dir, f)),
    );
    const asked = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/font-?[wW]eight:\s*['"]?(\w+)/g)].map((m) => m[1]!),
    );
    expect(asked.length).toBeGreaterThan(20);
    for (const w of asked) {
      const n = w === 'normal' ? 400 : w === 'bold' ? 700 : Number(w);
      expect(n, `font-weight ${w}`).toBeGreaterThanOrEqual(WEIGHTS.min);
      expect(n, `font-weight ${w}`).toBeLessThanOrEqual(WEIGHTS.max);
    }
  });

  it('narrowWeights() gives every face of the three families the one kept range, and leaves other fonts', () => {
    const css =
      '@font-face{font-family:S;font-style:italic;font-weight:200 900;src:url(/_astro/source-serif-4-latin-opsz-italic.X1.woff2) format("woff2")}' +
      '@font-face{font-family:S;font-style:italic;font-weight:200 900;src:url(/_astro/source-serif-4-cyrillic-opsz-italic.X2.woff2) format("woff2")}' +
      '@font-face{font-family:K;font-weight:100 900;src:url(/_astro/KaTeX_Main-Regular.X3.woff2) format("woff2")}';
    const out = narrowWeights(css);
    expect(out.match(/font-weight:400 700/g)).toHaveLength(2);
    expect(out).toContain('font-weight:100 900;src:url(/_astro/KaTeX_Main-Regular.X3.woff2)');
  });
});
