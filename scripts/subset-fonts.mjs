// @ts-check
/**
 * Cuts the self-hosted text fonts (Fontsource's Inter, Source Serif 4 and JetBrains Mono, in
 * `_astro/`) down to the characters the built site can show, after the build: every character
 * in its HTML, scripts, styles and data (what widgets print at run time is in their scripts),
 * plus printable ASCII so a reader's typed answers keep the page's font. Fontsource already
 * splits each face by script behind a unicode-range; a file is cut to the characters of its own
 * range, and a file whose range the site never uses (Cyrillic, Vietnamese…) is left whole,
 * since no page fetches it unless a reader types in that script. The variable axes are kept.
 * A cut file gets a new content hash in its name (and every reference to it is rewritten), so
 * a browser never keeps an old cut that lacks a character the new build needs.
 *
 *   import { subsetFonts } from './scripts/subset-fonts.mjs';
 *   integrations: [subsetFonts(), …]
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// subset-font ships no types: (font, text, { targetFormat }) → Promise<Buffer>.
// @ts-expect-error -- untyped package
import subsetFont from 'subset-font';

/** Fontsource file names: family, script, axis, style, then Vite's content hash. */
const FONT = /^((?:inter|source-serif-4|jetbrains-mono)-[a-z0-9-]+)\.[\w-]+\.woff2$/;
/** Text the characters are read from (CPython and the search index are not the site's text). */
const TEXT = /\.(html|js|mjs|css|json|svg|txt)$/;
const SKIP_DIRS = new Set(['pyodide', 'pagefind']);
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);
/**
 * The weights the site's styles ask for (a unit test holds every `font-weight` to it): the
 * cut files keep only this part of the weight axis, which takes about a third off each (cut
 * to this site's characters, Source Serif 4's latin roman face goes from 88 to 60 kB). A
 * heavier request (`bolder` inside a heading) gets the heaviest kept, 700.
 */
export const WEIGHTS = { min: 400, max: 700 };

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP_DIRS.has(name) ? [] : walk(path);
    return [path];
  });
}

/**
 * A CSS unicode-range ("U+0000-00FF,U+0131") as a membership test.
 * @param {string} range @returns {(cp: number) => boolean}
 */
export function parseUnicodeRange(range) {
  const spans = range.split(',').map((part) => {
    const m = /U\+([0-9A-F?]+)(?:-([0-9A-F]+))?/i.exec(part.trim());
    if (!m) throw new Error(`unreadable unicode-range part: ${part}`);
    const [, a = '', b] = m;
    // "U+4??" is a wildcard span: every ? from 0 to F.
    const lo = parseInt(a.replace(/\?/g, '0'), 16);
    const hi = parseInt(b ?? a.replace(/\?/g, 'F'), 16);
    return /** @type {[number, number]} */ ([lo, hi]);
  });
  return (cp) => spans.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/**
 * Subsets the fonts in a built site in place; returns the bytes before and after.
 * @param {string} root the build folder
 */
export async function subsetBuiltFonts(root) {
  const files = walk(root);
  const texts = new Map(files.filter((f) => TEXT.test(f)).map((f) => [f, readFileSync(f, 'utf8')]));
  /** @type {Set<number>} */
  const used = new Set(ASCII);
  for (const text of texts.values())
    for (const ch of text) used.add(/** @type {number} */ (ch.codePointAt(0)));

  // Each font file's unicode-range, from the @font-face rules that load it.
  /** @type {Map<string, (cp: number) => boolean>} */
  const ranges = new Map();
  const face =
    /@font-face\s*\{[^}]*?url\([^)]*?\/([^/)]+\.woff2)\)[^}]*?unicode-range:\s*([^;}]+)/g;
  for (const [file, text] of texts) {
    if (!file.endsWith('.css')) continue;
    for (const [, name = '', range = ''] of text.matchAll(face))
      ranges.set(name, parseUnicodeRange(range));
  }

  let before = 0;
  let after = 0;
  /** @type {[string, string][]} */
  const renamed = [];
  for (const file of files) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    const stem = FONT.exec(name)?.[1];
    const inRange = ranges.get(name);
    if (!stem || !inRange) continue;
    const keep = [...used].filter(inRange);
    // Only ASCII falls in range when the site uses none of the script's own characters: whole.
    if (!keep.some((cp) => cp > 0x7e)) continue;
    const original = readFileSync(file);
    const cut = await subsetFont(original, String.fromCodePoint(...keep), {
      targetFormat: 'woff2',
      variationAxes: { wght: WEIGHTS },
    });
    const hash = createHash('sha256').update(cut).digest('base64url').slice(0, 8);
    const next = `${stem}.${hash}.woff2`;
    writeFileSync(join(file, '..', next), cut);
    if (next !== name) unlinkSync(file);
    renamed.push([name, next]);
    before += original.length;
    after += cut.length;
  }
  for (const [file, text] of texts) {
    let out = text;
    for (const [from, to] of renamed) out = out.replaceAll(from, to);
    if (file.endsWith('.css')) out = narrowWeights(out);
    if (out !== text) writeFileSync(file, out);
  }
  return { files: renamed.length, before, after };
}

/**
 * Every @font-face rule of the three families says the weights the cut files now have, so the
 * browser never picks one for a weight it lost. Files left whole (scripts the site never shows)
 * say the same range: the browser groups a family's faces by their descriptors and draws a
 * style from one group only, so a family whose faces declared two weight ranges could pick the
 * group without the latin face (it did, for italics: they fell back to a system font).
 * @param {string} css
 */
export function narrowWeights(css) {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
    const file = /url\([^)]*?\/([^/)]+\.woff2)\)/.exec(rule)?.[1];
    if (!file || !FONT.test(file)) return rule;
    return rule.replace(/font-weight:\s*\d+\s+\d+/, `font-weight:${WEIGHTS.min} ${WEIGHTS.max}`);
  });
}

/** @returns {import('astro').AstroIntegration} */
export function subsetFonts() {
  return {
    name: 'pd-subset-fonts',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const { files, before, after } = await subsetBuiltFonts(root);
        const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} kB`;
        logger.info(
          `${files} font files cut to the characters used in ${relative(process.cwd(), root) || '.'}/: ${kb(before)} → ${kb(after)}`,
        );
      },
    },
  };
}
