/**
 * The design tokens' colours, read from src/styles/tokens.css and the chart
 * theme: text is WCAG AA in both themes, chart marks stand out from the
 * background, and the series colours stay apart for readers with protanopia,
 * deuteranopia or tritanopia (Machado 2009 simulation, CIEDE2000 distance).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_COLORS } from '../../../components/charts/theme';
import {
  contrast,
  DEFICIENCIES,
  deltaE2000,
  deltaE2000Lab,
  hex,
  simulate,
  type Rgb,
} from './colour';

const css = readFileSync('src/styles/tokens.css', 'utf8');

/** The custom properties declared in the first rule whose selector list starts with `selector`. */
function block(selector: string, from = 0): Record<string, string> {
  const at = css.indexOf(selector, from);
  if (at < 0) throw new Error(`no rule for ${selector} in tokens.css`);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  return Object.fromEntries(
    [...body.matchAll(/--([\w-]+)\s*:\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1]!, m[2]!]),
  );
}

const light = block(':root,\n:host {\n  color-scheme: light');
const dark = block(":root[data-theme='dark']");
const darkByPreference = block(':root:not([data-theme])');
const themes = { light, dark } as const;

const colour = (theme: Record<string, string>, name: string): Rgb => {
  const v = theme[name];
  if (!v) throw new Error(`tokens.css has no --${name}`);
  return hex(v);
};

/** Tokens used as text colours, and the backgrounds text sits on. */
const TEXT = ['fg', 'muted', 'accent', 'ok', 'danger'];
const TEXT_BACKGROUNDS = ['bg', 'code-bg', 'highlight'];
/** Tokens charts draw marks with (components/charts/theme.ts COLOR). */
const MARKS = ['dense', 'sparse', 'accent', 'ok', 'danger', 'muted'];
/** The series colours charts set side by side: measured dense, measured sparse, and the third series. */
const SERIES = ['dense', 'sparse', 'accent'];
/**
 * CIEDE2000 distance the series must keep, with normal vision and under each
 * simulated deficiency. About 2 is "just noticeable"; 10 and more reads as a
 * different colour at a glance, even for thin lines and small dots.
 */
const MIN_SERIES_DELTA_E = 12;

describe('tokens.css', () => {
  it('declares the same dark palette for the toggle and for the system preference', () => {
    expect(darkByPreference).toEqual(dark);
    expect(Object.keys(light).sort()).toEqual(Object.keys(dark).sort());
  });

  for (const [name, theme] of Object.entries(themes)) {
    describe(`${name} theme`, () => {
      for (const text of TEXT) {
        for (const back of TEXT_BACKGROUNDS) {
          it(`--${text} text on --${back} has a contrast of at least 4.5:1`, () => {
            expect(contrast(colour(theme, text), colour(theme, back))).toBeGreaterThanOrEqual(4.5);
          });
        }
      }

      for (const mark of MARKS) {
        it(`--${mark} chart marks on --bg have a contrast of at least 3:1`, () => {
          expect(contrast(colour(theme, mark), colour(theme, 'bg'))).toBeGreaterThanOrEqual(3);
        });
      }

      it('every reference-series colour (another machine’s curves) has at least 3:1 on --bg', () => {
        for (const ref of REFERENCE_COLORS) {
          expect(contrast(hex(ref), colour(theme, 'bg')), ref).toBeGreaterThanOrEqual(3);
        }
      });

      for (const [i, a] of SERIES.entries()) {
        for (const b of SERIES.slice(i + 1)) {
          it(`--${a} and --${b} stay ΔE2000 ≥ ${MIN_SERIES_DELTA_E} apart, with normal vision and under protanopia, deuteranopia and tritanopia`, () => {
            const x = colour(theme, a);
            const y = colour(theme, b);
            expect(deltaE2000(x, y), 'normal vision').toBeGreaterThanOrEqual(MIN_SERIES_DELTA_E);
            for (const d of DEFICIENCIES) {
              expect(deltaE2000(simulate(x, d), simulate(y, d)), d).toBeGreaterThanOrEqual(
                MIN_SERIES_DELTA_E,
              );
            }
          });
        }
      }
    });
  }
});

describe('colour science helpers', () => {
  it('contrast(black, white) is 21 and contrast(c, c) is 1', () => {
    expect(contrast(hex('#000'), hex('#fff'))).toBeCloseTo(21, 6);
    expect(contrast(hex('#1f69a8'), hex('#1f69a8'))).toBe(1);
  });

  it('deltaE2000Lab matches Sharma, Wu & Dalal’s test data (pairs 1, 7, 17 and 34, to 1e-4)', () => {
    expect(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000Lab([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000Lab([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000Lab([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(
      0.9082,
      4,
    );
  });

  it('deltaE2000 of sRGB colours: identical is 0, black against white is 100', () => {
    expect(deltaE2000(hex('#777'), hex('#777'))).toBe(0);
    expect(deltaE2000(hex('#000'), hex('#fff'))).toBeCloseTo(100, 1);
  });

  it('simulate() leaves greys grey, and makes red and green alike for a deuteranope', () => {
    const grey = simulate(hex('#808080'), 'deuteranopia');
    for (const c of grey) expect(c).toBeCloseTo(128 / 255, 2);
    const red = hex('#d62728');
    const green = hex('#2ca02c');
    expect(deltaE2000(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(
      deltaE2000(red, green) / 2,
    );
  });
});
