// @ts-check
/**
 * Writes `src/styles/font-fallbacks.css`: for each of the site's three text fonts, a set of
 * fallback faces — a system font the reader probably has, stretched and shifted to the web
 * font's average letter width and line box — so that when the web font swaps in
 * (`font-display: swap`) the words keep their lines and nothing below them jumps (the page
 * test tests/e2e/layout-shift.spec.ts holds the fonts back to check it; docs/audit.md has the
 * figures before and after).
 *
 *   node scripts/font-fallbacks.mjs          # rewrite the CSS
 *   node scripts/font-fallbacks.mjs --check  # exit 1 if the CSS is stale (a unit test runs this)
 *
 * The web fonts' metrics are read from Fontsource's files in node_modules, so a font update
 * shows up as a stale file. The system fonts' metrics cannot be read here (most are not on a
 * Linux build machine): they are copied below, with where each came from.
 *
 * The arithmetic is the one Next.js and fontaine use: the fallback is scaled by the ratio of
 * the two fonts' average lowercase widths (weighted by English letter frequency), and its
 * ascent, descent and line gap are overridden to the web font's, divided by that scale
 * because `size-adjust` scales the overrides too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromFile } from '@capsizecss/unpack/fs';
import { format, resolveConfig } from 'prettier';

const OUT = fileURLToPath(new URL('../src/styles/font-fallbacks.css', import.meta.url));
const FILES = fileURLToPath(new URL('../node_modules/@fontsource-variable/', import.meta.url));

/**
 * @typedef {{ ascent: number, descent: number, lineGap: number, unitsPerEm: number, xWidthAvg: number }} Metrics
 * @typedef {Metrics & { local: string[] }} SystemFont
 */

/**
 * System fonts, by the name the stacks use. Georgia, Times New Roman, Arial, Helvetica, Segoe UI,
 * Roboto, Noto Serif, Noto Sans and Courier New: `@capsizecss/metrics` 4.3.0 (MIT). DejaVu
 * (fonts-dejavu-core 2.37) and Liberation (fonts-liberation 1.07.4), Linux's usual defaults:
 * read from Debian 12's files with `@capsizecss/unpack` 4.0.1.
 * @type {Record<string, SystemFont>}
 */
const SYSTEM = {
  Georgia: {
    local: ['Georgia'],
    ascent: 1878,
    descent: -449,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 913,
  },
  'Times New Roman': {
    local: ['Times New Roman', 'TimesNewRomanPSMT'],
    ascent: 1825,
    descent: -443,
    lineGap: 87,
    unitsPerEm: 2048,
    xWidthAvg: 832,
  },
  'Liberation Serif': {
    local: ['Liberation Serif', 'LiberationSerif'],
    ascent: 1825,
    descent: -443,
    lineGap: 87,
    unitsPerEm: 2048,
    xWidthAvg: 832,
  },
  'DejaVu Serif': {
    local: ['DejaVu Serif', 'DejaVuSerif'],
    ascent: 1901,
    descent: -483,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 1058,
  },
  'Noto Serif': {
    local: ['Noto Serif', 'NotoSerif-Regular'],
    ascent: 1069,
    descent: -293,
    lineGap: 0,
    unitsPerEm: 1000,
    xWidthAvg: 481,
  },
  Arial: {
    local: ['Arial', 'ArialMT'],
    ascent: 1854,
    descent: -434,
    lineGap: 67,
    unitsPerEm: 2048,
    xWidthAvg: 913,
  },
  Helvetica: {
    local: ['Helvetica'],
    ascent: 1577,
    descent: -471,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 913,
  },
  'Segoe UI': {
    local: ['Segoe UI', 'SegoeUI'],
    ascent: 2210,
    descent: -514,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 908,
  },
  Roboto: {
    local: ['Roboto', 'Roboto-Regular'],
    ascent: 1900,
    descent: -500,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 911,
  },
  'Liberation Sans': {
    local: ['Liberation Sans', 'LiberationSans'],
    ascent: 1854,
    descent: -434,
    lineGap: 67,
    unitsPerEm: 2048,
    xWidthAvg: 913,
  },
  'DejaVu Sans': {
    local: ['DejaVu Sans', 'DejaVuSans'],
    ascent: 1901,
    descent: -483,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 1041,
  },
  'Noto Sans': {
    local: ['Noto Sans', 'NotoSans-Regular'],
    ascent: 1069,
    descent: -293,
    lineGap: 0,
    unitsPerEm: 1000,
    xWidthAvg: 474,
  },
  'Courier New': {
    local: ['Courier New', 'CourierNewPSMT'],
    ascent: 1705,
    descent: -615,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 1229,
  },
  'Liberation Mono': {
    local: ['Liberation Mono', 'LiberationMono'],
    ascent: 1705,
    descent: -615,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 1229,
  },
  'DejaVu Sans Mono': {
    local: ['DejaVu Sans Mono', 'DejaVuSansMono'],
    ascent: 1901,
    descent: -483,
    lineGap: 0,
    unitsPerEm: 2048,
    xWidthAvg: 1233,
  },
};

/**
 * The web fonts: the custom property that lists their fallbacks (tokens.css puts it in the
 * stack), the Fontsource file whose metrics stand for the family, and the system fonts to
 * imitate it with, in the order a browser should try them (Mac and Windows, then Linux, then
 * Android).
 */
const FONTS = [
  {
    family: 'Source Serif 4',
    property: '--serif-fallbacks',
    file: 'source-serif-4/files/source-serif-4-latin-opsz-normal.woff2',
    fallbacks: ['Georgia', 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', 'Noto Serif'],
  },
  {
    family: 'Inter',
    property: '--sans-fallbacks',
    file: 'inter/files/inter-latin-wght-normal.woff2',
    fallbacks: [
      'Arial',
      'Helvetica',
      'Segoe UI',
      'Liberation Sans',
      'DejaVu Sans',
      'Roboto',
      'Noto Sans',
    ],
  },
  {
    family: 'JetBrains Mono',
    property: '--mono-fallbacks',
    file: 'jetbrains-mono/files/jetbrains-mono-latin-wght-normal.woff2',
    fallbacks: ['Courier New', 'Liberation Mono', 'DejaVu Sans Mono'],
  },
];

/** @param {number} x */
const pct = (x) => `${(x * 100).toFixed(2)}%`;

/**
 * The descriptors that make `fallback` occupy the space `web` would.
 * @param {Metrics} web @param {Metrics} fallback
 */
export function overrides(web, fallback) {
  const sizeAdjust = web.xWidthAvg / web.unitsPerEm / (fallback.xWidthAvg / fallback.unitsPerEm);
  const em = web.unitsPerEm * sizeAdjust;
  return {
    sizeAdjust,
    ascentOverride: web.ascent / em,
    descentOverride: Math.abs(web.descent) / em,
    lineGapOverride: web.lineGap / em,
  };
}

/** The stylesheet, from the fonts in node_modules. @returns {Promise<string>} */
export async function fallbackCss() {
  const out = [
    '/* Generated by scripts/font-fallbacks.mjs — do not edit; run `node scripts/font-fallbacks.mjs`. */',
    '/* System fonts sized to the web fonts, so the swap to the web font moves no text. */',
  ];
  /** @type {string[]} */
  const properties = [];
  for (const font of FONTS) {
    const web = await fromFile(FILES + font.file);
    const names = [];
    for (const name of font.fallbacks) {
      const system = SYSTEM[name];
      if (!system) throw new Error(`no metrics for the system font ${name}`);
      const o = overrides(web, system);
      const family = `${font.family} fallback: ${name}`;
      names.push(`'${family}'`);
      out.push(
        '@font-face {',
        `  font-family: '${family}';`,
        `  src: ${system.local.map((l) => `local('${l}')`).join(', ')};`,
        `  size-adjust: ${pct(o.sizeAdjust)};`,
        `  ascent-override: ${pct(o.ascentOverride)};`,
        `  descent-override: ${pct(o.descentOverride)};`,
        `  line-gap-override: ${pct(o.lineGapOverride)};`,
        '}',
      );
    }
    properties.push(`  ${font.property}: ${names.join(', ')};`);
  }
  out.push(':root {', ...properties, '}', '');
  // Formatted as the lint step expects of every stylesheet.
  return format(out.join('\n'), { ...(await resolveConfig(OUT)), filepath: OUT });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const css = await fallbackCss();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== css) {
      console.error(`${OUT} is stale: run node scripts/font-fallbacks.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, css);
    console.log(`wrote ${OUT}`);
  }
}
