/**
 * The small part of Pagefind's browser API the site search uses, typed, and a
 * safe reading of its excerpts. Pagefind's files exist only in a built site
 * (`astro build` writes dist/pagefind/), so the module is imported at run time
 * from the site's own origin, never bundled.
 */

/** One page that matched, as `result.data()` gives it. */
export interface PagefindPage {
  url: string;
  /** Text around the matches: `<` and `>` already escaped, matches wrapped in `<mark>`. */
  excerpt: string;
  meta: { title?: string } & Record<string, string | undefined>;
  /** Headings with ids on that page, each with its own excerpt and anchored url, in page order. */
  sub_results?: {
    title: string;
    url: string;
    excerpt: string;
    /** Word positions of the matches in the section: more means a better section. */
    locations?: number[];
  }[];
}

export interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindPage> }[];
}

export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  /** Resolves null when a newer call has superseded this one. */
  debouncedSearch(
    term: string,
    options?: object,
    debounceMs?: number,
  ): Promise<PagefindSearch | null>;
}

let loading: Promise<PagefindApi> | undefined;

/** Loads `<bundlePath>pagefind.js` once per page; rejects where the site was not built with Pagefind. */
export function loadPagefind(bundlePath: string): Promise<PagefindApi> {
  loading ??= (async () => {
    const url = `${bundlePath}pagefind.js`;
    const api = (await import(/* @vite-ignore */ url)) as PagefindApi;
    await api.options({ excerptLength: 24 });
    await api.init();
    return api;
  })();
  loading.catch(() => {
    loading = undefined; // let a later attempt retry (e.g. after the index is built in dev)
  });
  return loading;
}

/** A run of excerpt text, marked when it is a match. */
export interface Segment {
  text: string;
  mark: boolean;
}

const decode = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Splits an excerpt into plain text and matches, so it renders as text nodes
 * and <mark> elements: nothing from the index ever becomes markup.
 */
export function excerptSegments(excerpt: string): Segment[] {
  const out: Segment[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(excerpt); m !== null; m = re.exec(excerpt)) {
    if (m.index > last) out.push({ text: decode(excerpt.slice(last, m.index)), mark: false });
    out.push({ text: decode(m[1] ?? ''), mark: true });
    last = re.lastIndex;
  }
  if (last < excerpt.length) out.push({ text: decode(excerpt.slice(last)), mark: false });
  return out.filter((s) => s.text !== '');
}

/** A page hit as the list shows it: title, excerpt, and up to `sections` matching headings. */
export interface SearchHit {
  url: string;
  title: string;
  excerpt: Segment[];
  sections: { url: string; title: string; excerpt: Segment[] }[];
}

/**
 * The sections shown are the ones with the most matches (Pagefind lists them in
 * page order), so a section about tensor cores beats an earlier one that only
 * says "dual-core"; ties keep page order.
 */
export function toHit(page: PagefindPage, sections = 3): SearchHit {
  return {
    url: page.url,
    title: page.meta.title ?? page.url,
    excerpt: excerptSegments(page.excerpt),
    sections: (page.sub_results ?? [])
      .filter((s) => s.url.includes('#'))
      .map((s, i) => ({ s, i, n: s.locations?.length ?? 0 }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map(({ s }) => s)
      .slice(0, sections)
      .map((s) => ({ url: s.url, title: s.title, excerpt: excerptSegments(s.excerpt) })),
  };
}
