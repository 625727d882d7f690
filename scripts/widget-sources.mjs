// @ts-check
// Writes components/widgets/sources.json: the references that widgets showing sourced data
// (the compute timeline, the scale of cats) cite, formatted from content/references.bib by
// the same formatter as the chapters' reference lists. Shipping these few instead of the
// whole bibliography keeps the widgets light; a unit test fails when the file is stale.
//
//   node scripts/widget-sources.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { formatReference, latexToText, parseBibtex } from './bibtex.mjs';

/** Data files whose `cite` and `caveatCite` keys the widgets show. */
export const CITING = ['content/data/compute-timeline.json', 'content/data/scale-of-cats.json'];
export const OUT = 'components/widgets/sources.json';

/** The surname of a BibTeX name ("Hooker, Sara" or "Sara Hooker"). @param {string} name */
function surname(name) {
  const n = name.trim();
  if (n.startsWith('{') && n.endsWith('}')) return latexToText(n); // a corporate author
  const last = n.includes(',') ? n.slice(0, n.indexOf(',')) : (n.split(/\s+/).pop() ?? n);
  return latexToText(last);
}

/** "Hooker 2020", "Le et al. 2012", "Wired 2013". @param {Record<string, string>} f */
export function shortCitation(f) {
  const year = latexToText(f['year'] ?? f['date']?.slice(0, 4) ?? '');
  const who = f['author'] ?? f['editor'];
  let label;
  if (who) {
    const names = who.split(/\s+and\s+/).filter((x) => x.toLowerCase() !== 'others');
    const first = surname(names[0] ?? '');
    label =
      names.length > 2 || /\band others\b/.test(who)
        ? `${first} et al.`
        : names.length === 2
          ? `${first} & ${surname(names[1] ?? '')}`
          : first;
  } else {
    label = latexToText(f['organization'] ?? f['publisher'] ?? f['title'] ?? '');
  }
  return year ? `${label} ${year}` : label;
}

/** Every citation key in a parsed JSON value (`cite`, `caveatCite`, `source` arrays). @param {unknown} value @param {Set<string>} keys */
function collect(value, keys) {
  if (Array.isArray(value)) value.forEach((v) => collect(v, keys));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (['cite', 'caveatCite', 'source'].includes(k) && Array.isArray(v))
        v.forEach((key) => keys.add(String(key)));
      else collect(v, keys);
    }
  }
}

/** The file's contents, from the bibliography and the data files as they are now. @param {string} [root] */
export function widgetSources(root = '.') {
  const entries = parseBibtex(readFileSync(`${root}/content/references.bib`, 'utf8'));
  const keys = new Set();
  for (const file of CITING) collect(JSON.parse(readFileSync(`${root}/${file}`, 'utf8')), keys);
  /** @type {Record<string, { short: string, html: string, text: string }>} */
  const out = {};
  for (const key of [...keys].sort()) {
    const entry = entries.get(key);
    if (!entry)
      throw new Error(`${key} is cited in the widget data but missing from references.bib`);
    const { html, text } = formatReference(entry);
    out[key] = { short: shortCitation(entry.fields), html, text };
  }
  return JSON.stringify(out, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(OUT, widgetSources());
  console.log(`wrote ${OUT}`);
}
