// @ts-check
/**
 * Build-time syntax highlighting for "Show the code that ran": importing `file.ts?highlight`
 * gives `{ text, lines }`, the file's text and one HTML string per line, highlighted by the
 * Shiki that Astro ships, so the browser runs no highlighter. Each token carries both themes'
 * colours as custom properties (--hl-light, --hl-dark); CodeView picks one with light-dark(),
 * which follows the page's (or the shadow root's) color-scheme.
 *
 *   vite: { plugins: [highlightedSources()] }   // and the embed bundle's Vite build
 */
import { readFile } from 'node:fs/promises';
import { createHighlighter } from 'shiki';

const SUFFIX = '?highlight';
export const THEMES = { light: 'github-light-default', dark: 'github-dark-default' };
// The light theme's comment grey and purple fall under 4.5:1 on our --code-bg: GitHub's own
// darker shades of them (tests/unit/scripts/highlight.test.ts checks every token's contrast).
const COLOR_REPLACEMENTS = { [THEMES.light]: { '#6e7781': '#57606a', '#8250df': '#6639ba' } };
const LANGS = { ts: 'typescript', py: 'python' };

/** @type {ReturnType<typeof createHighlighter> | undefined} */
let highlighter;

/**
 * One HTML string per line of a source file, both themes' colours on each token.
 * @param {string} text
 * @param {string} file a path, whose extension names the language
 * @returns {Promise<string[]>}
 */
export async function highlightLines(text, file) {
  const ext = /** @type {keyof typeof LANGS} */ (file.slice(file.lastIndexOf('.') + 1));
  const lang = LANGS[ext];
  if (!lang) throw new Error(`highlight: no language for ${file}`);
  highlighter ??= createHighlighter({
    themes: Object.values(THEMES),
    langs: Object.values(LANGS),
  });
  const html = (await highlighter).codeToHtml(text, {
    lang,
    themes: THEMES,
    defaultColor: false,
    colorReplacements: COLOR_REPLACEMENTS,
    cssVariablePrefix: '--hl-',
    // No time limit: on a busy machine Shiki's default (500 ms a line) leaves the rest of a slow
    // line unhighlighted, so the build's output would depend on the load.
    tokenizeTimeLimit: 0,
  });
  // Shiki writes <pre …><code><span class="line">…</span>\n<span class="line">…</span></code></pre>;
  // a token never holds a newline, so the lines split on them.
  const code = /<code>([\s\S]*)<\/code>/.exec(html)?.[1];
  if (code === undefined) throw new Error(`highlight: unexpected Shiki output for ${file}`);
  // The <pre>'s own colours are each theme's foreground, which plain text tokens repeat.
  const [, fgLight, fgDark] = /--hl-light:(#\w+);--hl-dark:(#\w+)/.exec(html) ?? [];
  const plain = new RegExp(`<span style="--hl-light:${fgLight};--hl-dark:${fgDark}">`, 'gi');
  return code.split('\n').map((line) =>
    line
      .replace(/^<span class="line">([\s\S]*)<\/span>$/, '$1')
      // Plain text takes the page's own --fg instead: a third fewer bytes.
      .replace(plain, '<span>'),
  );
}

/** @returns {import('vite').Plugin} */
export function highlightedSources() {
  return {
    name: 'pd-highlighted-sources',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, {
        skipSelf: true,
      });
      return resolved ? `${resolved.id}${SUFFIX}` : null;
    },
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const text = await readFile(file, 'utf8');
      const lines = await highlightLines(text, file);
      return `export default ${JSON.stringify({ text, lines })};`;
    },
  };
}
