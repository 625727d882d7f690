import { describe, expect, it } from 'vitest';
import { excerptSegments, toHit } from '../../../components/search/pagefind';

describe('excerptSegments(excerpt)', () => {
  it('excerptSegments splits an excerpt into text and marked matches', () => {
    expect(excerptSegments('Volta added <mark>tensor</mark> <mark>cores</mark> in 2017.')).toEqual([
      { text: 'Volta added ', mark: false },
      { text: 'tensor', mark: true },
      { text: ' ', mark: false },
      { text: 'cores', mark: true },
      { text: ' in 2017.', mark: false },
    ]);
  });

  it('excerptSegments turns escaped markup back into text and drops any other tag', () => {
    const s = excerptSegments('a &lt;script&gt;x&lt;/script&gt; <b>b</b> <mark>c &amp; d</mark>');
    expect(s.map((x) => x.text).join('')).toBe('a <script>x</script> b c & d');
    expect(s.filter((x) => x.mark).map((x) => x.text)).toEqual(['c & d']);
  });

  it('excerptSegments of an empty excerpt is empty', () => {
    expect(excerptSegments('')).toEqual([]);
  });
});

describe('toHit(page)', () => {
  it('toHit keeps the title and at most three anchored sections', () => {
    const hit = toHit({
      url: '/sparsity/',
      excerpt: '<mark>tensor</mark> cores',
      meta: { title: 'Sparsity' },
      sub_results: [
        { title: 'Sparsity', url: '/sparsity/', excerpt: 'intro' },
        { title: 'A', url: '/sparsity/#a', excerpt: 'a' },
        { title: 'B', url: '/sparsity/#b', excerpt: 'b' },
        { title: 'C', url: '/sparsity/#c', excerpt: 'c' },
        { title: 'D', url: '/sparsity/#d', excerpt: 'd' },
      ],
    });
    expect(hit.title).toBe('Sparsity');
    expect(hit.sections.map((s) => s.url)).toEqual([
      '/sparsity/#a',
      '/sparsity/#b',
      '/sparsity/#c',
    ]);
  });

  it('toHit shows the sections with the most matches first, ties in page order', () => {
    const hit = toHit({
      url: '/hardware-lottery/',
      excerpt: '',
      meta: { title: 'The hardware lottery' },
      sub_results: [
        { title: 'Decades', url: '/h/#decades', excerpt: 'dual-core', locations: [4] },
        { title: 'Sixteen', url: '/h/#sixteen', excerpt: 'cores', locations: [9] },
        { title: 'Hardware', url: '/h/#hardware', excerpt: 'tensor cores', locations: [1, 2] },
        { title: 'Bias', url: '/h/#bias', excerpt: 'tensor cores', locations: [3, 4, 8] },
      ],
    });
    expect(hit.sections.map((s) => s.title)).toEqual(['Bias', 'Hardware', 'Decades']);
  });

  it('toHit falls back to the url when a page has no title', () => {
    expect(toHit({ url: '/x/', excerpt: '', meta: {} }).title).toBe('/x/');
  });
});
