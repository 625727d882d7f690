import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fallbackCss, overrides } from '../../../scripts/font-fallbacks.mjs';

const web = { ascent: 1036, descent: -335, lineGap: 0, unitsPerEm: 1000, xWidthAvg: 450 };

describe('overrides(web, fallback)', () => {
  it('leaves a fallback with the web font’s own metrics unchanged', () => {
    const o = overrides(web, web);
    expect(o.sizeAdjust).toBeCloseTo(1, 12);
    expect(o.ascentOverride).toBeCloseTo(1.036, 12);
    expect(o.descentOverride).toBeCloseTo(0.335, 12);
    expect(o.lineGapOverride).toBe(0);
  });

  it('enlarges a narrower fallback and keeps the line box the web font’s after scaling', () => {
    // Half as wide per em, on a different em: scaled up 2×.
    const narrow = { ascent: 1800, descent: -400, lineGap: 90, unitsPerEm: 2000, xWidthAvg: 450 };
    const o = overrides(web, narrow);
    expect(o.sizeAdjust).toBeCloseTo(2, 12);
    // size-adjust scales the overrides too, so the used ascent is override × size-adjust.
    expect(o.ascentOverride * o.sizeAdjust).toBeCloseTo(1.036, 12);
    expect(o.descentOverride * o.sizeAdjust).toBeCloseTo(0.335, 12);
  });
});

describe('src/styles/font-fallbacks.css', () => {
  it('is what the script makes from the fonts in node_modules (regenerate it after a font update)', async () => {
    const committed = readFileSync(
      new URL('../../../src/styles/font-fallbacks.css', import.meta.url),
      'utf8',
    );
    expect(await fallbackCss()).toBe(committed);
  });

  it('defines every family the stacks list, each from local fonts only (nothing downloaded)', async () => {
    const css = await fallbackCss();
    const faces = [...css.matchAll(/font-family: '([^']+)'/g)].map((m) => m[1]);
    const listed = [...css.matchAll(/--\w+-fallbacks:([^;]+);/g)]
      .flatMap((m) => m[1]!.split(','))
      .map((name) => name.trim().replace(/^'|'$/g, ''));
    expect(listed.length).toBe(15);
    expect(new Set(listed)).toEqual(new Set(faces));
    expect(css).not.toMatch(/url\(/);
  });
});
