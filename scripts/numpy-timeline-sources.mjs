// @ts-check
/**
 * Writes src/data/numpy-timeline-sources.json: the references the NumPy
 * timeline cites, formatted from content/references.bib by the same formatter
 * as the chapters' bibliographies, so the widget ships a few hundred bytes
 * instead of the whole bibliography. A unit test (tests/unit/data/
 * numpy-data.test.ts) fails when the file is stale: rerun
 *
 *   node scripts/numpy-timeline-sources.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatReference, parseBibtex } from './bibtex.mjs';

/** @returns {Record<string, { text: string, html: string }>} */
export function timelineSources() {
  const bib = parseBibtex(
    readFileSync(new URL('../content/references.bib', import.meta.url), 'utf8'),
  );
  const items = JSON.parse(
    readFileSync(new URL('../content/data/numpy-timeline.json', import.meta.url), 'utf8'),
  ).items;
  /** @type {Record<string, { text: string, html: string }>} */
  const out = {};
  for (const key of [...new Set(items.map((/** @type {{ cite: string }} */ i) => i.cite))].sort()) {
    const entry = bib.get(key);
    if (!entry) throw new Error(`numpy-timeline cites ${key}, which content/references.bib lacks.`);
    out[key] = formatReference(entry);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = new URL('../src/data/numpy-timeline-sources.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(timelineSources(), null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(out)}`);
}
