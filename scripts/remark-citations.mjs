// @ts-check
// Remark plugin: `[@key]`, `[@a; @b]` and `[@key, p. 12]` in Markdown/MDX text become
// numbered links to `#ref-<key>`; the cited keys go to the page's remark frontmatter.
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { formatReference, parseBibtex } from './bibtex.mjs';

/**
 * @typedef {import('mdast').Root} Root
 * @typedef {import('mdast').Parent} Parent
 * @typedef {import('mdast').Text} Text
 * @typedef {import('mdast').PhrasingContent} PhrasingContent
 * @typedef {import('vfile').VFile} VFile
 * @typedef {import('./bibtex.mjs').BibEntry} BibEntry
 */

/**
 * @typedef {object} RemarkCitationsOptions
 * @property {string} bibliography  Path to the .bib file, relative to the working directory.
 */

// A bracket whose content starts with "@"; whether it is a citation is decided per item.
const BRACKET = /\[(@[^[\]]*)\]/g;
// One item: `@key` with an optional locator after a comma.
const ITEM = /^@([\w:./+-]+)\s*(?:,\s*(\S.*?))?\s*$/;
// Node types whose text is never prose (or would nest a link inside a link).
const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'math', 'inlineMath']);

/** @type {Map<string, { mtimeMs: number, entries: Map<string, BibEntry> }>} */
const cache = new Map();

/**
 * Reads and parses the bibliography, re-reading only when the file changed (dev server).
 * A missing file reads as empty, so pages without citations build before it exists.
 * @param {string} path  Absolute path.
 * @returns {Map<string, BibEntry>}
 */
function loadBibliography(path) {
  let mtimeMs;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return new Map();
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.entries;
  let entries;
  try {
    entries = parseBibtex(readFileSync(path, 'utf8'));
  } catch (error) {
    // Name the file: the MDX page being compiled is not where the mistake is.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${relative(process.cwd(), path)}: ${reason}`);
  }
  cache.set(path, { mtimeMs, entries });
  return entries;
}

/**
 * Parses the inside of `[...]` into cited items, or null when it is not a citation.
 * @param {string} inner  e.g. "@a, p. 12; @b"
 * @returns {{ key: string, locator: string }[] | null}
 */
export function parseCitation(inner) {
  const items = [];
  for (const part of inner.split(';')) {
    const match = ITEM.exec(part.trim());
    if (!match || match[1] === undefined) return null;
    items.push({ key: match[1], locator: match[2] ?? '' });
  }
  return items;
}

/**
 * @param {RemarkCitationsOptions} options
 * @returns {(tree: Root, file: VFile) => void}
 */
export function remarkCitations(options) {
  const bibPath = resolve(options.bibliography);
  return (tree, file) => {
    const entries = loadBibliography(bibPath);
    /** @type {Map<string, number>} */
    const numbers = new Map();
    /** @type {Map<string, string>} */
    const titles = new Map();

    /** @param {string} key @param {Text} node */
    const numberOf = (key, node) => {
      const known = numbers.get(key);
      if (known !== undefined) return known;
      const entry = entries.get(key);
      if (!entry) {
        const where = file.path ? relative(process.cwd(), file.path) : '<input>';
        const bib = relative(process.cwd(), bibPath);
        return file.fail(`${where}: citation key "${key}" is not in ${bib}`, node);
      }
      numbers.set(key, numbers.size + 1);
      titles.set(key, formatReference(entry).text);
      return numbers.size;
    };

    /**
     * Replaces the citations in one text node with text + citation nodes.
     * @param {Text} node
     * @returns {PhrasingContent[]}
     */
    const split = (node) => {
      /** @type {PhrasingContent[]} */
      const out = [];
      let last = 0;
      for (const match of node.value.matchAll(BRACKET)) {
        const items = parseCitation(match[1] ?? '');
        if (!items) continue;
        /** @type {PhrasingContent[]} */
        const children = [{ type: 'text', value: '[' }];
        items.forEach(({ key, locator }, index) => {
          if (index > 0) children.push({ type: 'text', value: '; ' });
          const n = numberOf(key, node);
          children.push({
            type: 'link',
            url: `#ref-${key}`,
            title: titles.get(key) ?? null,
            data: { hProperties: { className: ['cite'] } },
            children: [{ type: 'text', value: String(n) }],
          });
          if (locator) children.push({ type: 'text', value: `, ${locator}` });
        });
        children.push({ type: 'text', value: ']' });
        if (match.index > last)
          out.push({ type: 'text', value: node.value.slice(last, match.index) });
        // A span wrapper (via hName) keeps the bracketed group together when lines wrap.
        const citation = {
          type: 'citation',
          data: { hName: 'span', hProperties: { className: ['citation'] } },
          children,
        };
        out.push(/** @type {PhrasingContent} */ (/** @type {unknown} */ (citation)));
        last = match.index + match[0].length;
      }
      if (last === 0) return [node];
      if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
      return out;
    };

    /** @param {Parent} parent */
    const walk = (parent) => {
      // mdast may split one run of prose into adjacent text nodes: join them first.
      /** @type {typeof parent.children} */
      const merged = [];
      for (const child of parent.children) {
        const prev = merged[merged.length - 1];
        if (child.type === 'text' && prev && prev.type === 'text') {
          prev.value += child.value;
          if (prev.position && child.position) prev.position.end = child.position.end;
        } else merged.push(child);
      }
      /** @type {typeof parent.children} */
      const next = [];
      for (const child of merged) {
        if (child.type === 'text') next.push(...split(child));
        else {
          // Walks into JSX elements (<Sidenote>…</Sidenote>) like any other parent.
          if ('children' in child && !SKIP.has(child.type)) walk(child);
          next.push(child);
        }
      }
      parent.children = /** @type {typeof parent.children} */ (next);
    };

    walk(tree);

    const data = /** @type {{ astro?: { frontmatter?: Record<string, unknown> } }} */ (file.data);
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter['citations'] = [...numbers.keys()];
  };
}
