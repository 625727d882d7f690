/**
 * The references the NumPy timeline cites, formatted from content/references.bib
 * (the same formatter as the chapters' bibliographies). A module of its own so
 * the widget loads the bibliography only once it is on screen.
 */
import bib from '../../content/references.bib?raw';
import { formatReference, parseBibtex } from '../../scripts/bibtex.mjs';
import { TIMELINE } from './numpy-timeline';

export interface Source {
  /** Plain text, e.g. "Harris, C. R. et al. (2020). Array programming with NumPy. Nature 585(7825), 357–362." */
  text: string;
  /** Escaped HTML with its links (DOI, URL). */
  html: string;
}

/** Formatted sources by citation key, for every key the timeline cites. */
export function timelineSources(): Record<string, Source> {
  const entries = parseBibtex(bib);
  const out: Record<string, Source> = {};
  for (const key of new Set(TIMELINE.map((i) => i.cite))) {
    const entry = entries.get(key);
    out[key] = entry ? formatReference(entry) : { text: key, html: key };
  }
  return out;
}
