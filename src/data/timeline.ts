/**
 * The compute timeline (content/data/compute-timeline.json): typed, so the
 * widget and the tests read the same shape. Every item is cited; `flag` marks
 * what the fact sheet holds only from secondary sources (S) or unverified (U).
 */
import data from '../../content/data/compute-timeline.json';

export type TimelineKind = 'hardware' | 'software' | 'idea' | 'measurement';

export interface TimelineItem {
  id: string;
  year: number;
  /** Last year of a span (a project, or a set of dates). */
  endYear?: number;
  /** The year is given only roughly ("about 1980"). */
  approx?: boolean;
  kind: TimelineKind;
  title: string;
  /** One line in our own words. */
  text: string;
  /** Citation keys in content/references.bib. */
  cite: string[];
  /** Where the primary sources and Hooker (or the 2022 post) disagree, or a date needs care. */
  caveat?: string;
  caveatCite?: string[];
  flag?: 'S' | 'U';
}

export interface Timeline {
  about: string;
  updated: string;
  items: TimelineItem[];
}

export const timeline = data as Timeline;

/** "1837", "about 1980", "1982–1992". */
export function yearLabel(item: TimelineItem): string {
  const start = `${item.approx ? 'about ' : ''}${item.year}`;
  return item.endYear ? `${start}–${item.endYear}` : start;
}

/** Items grouped by decade, oldest first, for a keyboard list that moves decade by decade. */
export function byDecade(
  items: readonly TimelineItem[],
): { decade: number; items: TimelineItem[] }[] {
  const groups = new Map<number, TimelineItem[]>();
  for (const item of [...items].sort((a, b) => a.year - b.year)) {
    const decade = Math.floor(item.year / 10) * 10;
    groups.set(decade, [...(groups.get(decade) ?? []), item]);
  }
  return [...groups].map(([decade, list]) => ({ decade, items: list }));
}
