/**
 * The numpy-timeline widget's data (content/data/numpy-timeline.json): from
 * Fortran BLAS to deep-learning frameworks, each item sourced and marked with
 * how sure we are, so the widget can say "unverified" where it must.
 */
import doc from '../../content/data/numpy-timeline.json';
import sources from './numpy-timeline-sources.json';

export type Track = 'linear-algebra' | 'python' | 'array' | 'ecosystem' | 'deep-learning';
export type Confidence = 'V' | 'S' | 'U';

export interface TimelineItem {
  id: string;
  year: number;
  label: string;
  track: Track;
  description: string;
  /** A key in content/references.bib. */
  cite: string;
  confidence: Confidence;
  note?: string;
}

export const TRACKS: Readonly<Record<Track, string>> = {
  'linear-algebra': 'Fortran linear algebra',
  python: 'Python',
  array: 'Array packages',
  ecosystem: 'Scientific Python',
  'deep-learning': 'Deep-learning frameworks',
};

/** What each confidence mark means, in words a reader sees. */
export const CONFIDENCE: Readonly<Record<Confidence, string>> = {
  V: 'read in the cited source',
  S: 'from a secondary source',
  U: 'unverified',
};

export const TIMELINE: readonly TimelineItem[] = (doc as { items: TimelineItem[] }).items;

/** A cited work, formatted as in the chapters' bibliographies (generated: scripts/numpy-timeline-sources.mjs). */
export interface Source {
  text: string;
  /** Escaped HTML with its links (DOI, URL). */
  html: string;
}

export const SOURCES: Readonly<Record<string, Source>> = sources;
