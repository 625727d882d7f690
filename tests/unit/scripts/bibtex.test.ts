import { describe, expect, it } from 'vitest';
import {
  formatAuthors,
  formatReference,
  latexToText,
  parseBibtex,
} from '../../../scripts/bibtex.mjs';

describe('parseBibtex', () => {
  it('parseBibtex(text) reads type, key and lower-cased fields', () => {
    const entries = parseBibtex('@Article{hooker2021, Author = {Sara Hooker}, YEAR = 2021}');
    expect(entries.get('hooker2021')).toEqual({
      type: 'article',
      key: 'hooker2021',
      fields: { author: 'Sara Hooker', year: '2021' },
    });
  });

  it('parseBibtex(text) reads nested braces', () => {
    const entries = parseBibtex('@misc{k, title = {The {GPU} and {the {nested} one}}}');
    expect(entries.get('k')?.fields['title']).toBe('The {GPU} and {the {nested} one}');
  });

  it('parseBibtex(text) reads quoted values, with quotes inside braces', () => {
    const entries = parseBibtex('@misc{k, title = "A {"}quoted{"} word", note = "x"}');
    expect(entries.get('k')?.fields['title']).toBe('A {"}quoted{"} word');
    expect(entries.get('k')?.fields['note']).toBe('x');
  });

  it('parseBibtex(text) reads bare numbers and month macros', () => {
    const entries = parseBibtex('@misc{k, year = 1978, month = aug}');
    expect(entries.get('k')?.fields).toEqual({ year: '1978', month: 'August' });
  });

  it('parseBibtex(text) collapses whitespace and newlines inside values', () => {
    const entries = parseBibtex('@misc{k, title = {Two\n     lines}}');
    expect(entries.get('k')?.fields['title']).toBe('Two lines');
  });

  it('parseBibtex(text) ignores @comment and @preamble, and expands @string with #', () => {
    const text = `
      @comment{ anything {here} }
      @preamble{ "\\newcommand{\\x}{y}" }
      @string{ acm = "Communications of the {ACM}" }
      @article{k, journal = acm # ", special issue"}`;
    const entries = parseBibtex(text);
    expect([...entries.keys()]).toEqual(['k']);
    expect(entries.get('k')?.fields['journal']).toBe('Communications of the {ACM}, special issue');
  });

  it('parseBibtex(text) treats text between entries, e-mail addresses included, as comment', () => {
    const entries = parseBibtex('Maintained by a@b.org.\n% note\n@misc{k, title={T}}\ntrailing');
    expect([...entries.keys()]).toEqual(['k']);
  });

  it('parseBibtex(text) accepts parentheses as entry delimiters and a trailing comma', () => {
    const entries = parseBibtex('@misc(k, title = {T},)');
    expect(entries.get('k')?.fields['title']).toBe('T');
  });

  it('parseBibtex(text) throws on unbalanced braces, naming the line', () => {
    expect(() => parseBibtex('\n\n@misc{k, title = {T}')).toThrow(/line 3/);
  });

  it('parseBibtex(text) throws on a duplicate key', () => {
    expect(() => parseBibtex('@misc{k, title={A}}\n@misc{k, title={B}}')).toThrow(/duplicate.*"k"/);
  });

  it('parseBibtex(text) throws on an undefined string macro', () => {
    expect(() => parseBibtex('@misc{k, journal = nosuch}')).toThrow(/nosuch/);
  });
});

describe('latexToText', () => {
  it('latexToText(value) turns accents into Unicode in every brace style', () => {
    expect(latexToText('{\\"u} \\"{o} \\"a M{\\\'e}z\\\'{\\i}')).toBe('ü ö ä Mézí');
    expect(latexToText("Fran{\\c{c}}ois Dvo\\v{r}\\'ak \\~n")).toBe('François Dvořák ñ');
  });

  it('latexToText(value) converts dashes, escapes and quotes', () => {
    expect(latexToText("1--2 --- \\& \\% \\$ ``q''")).toBe('1–2 — & % $ “q”');
  });

  it('latexToText(value) strips case-protecting braces and formatting commands', () => {
    expect(latexToText('The {GPU} and \\emph{sparse} {\\ss}')).toBe('The GPU and sparse ß');
  });
});

describe('formatAuthors', () => {
  it('formatAuthors(value) joins as "A, B & C" and reorders "Last, First"', () => {
    expect(formatAuthors('Hooker, Sara')).toBe('Sara Hooker');
    expect(formatAuthors('Wulf, Wm. A. and McKee, Sally A.')).toBe('Wm. A. Wulf & Sally A. McKee');
    expect(formatAuthors('A One and B Two and C Three')).toBe('A One, B Two & C Three');
  });

  it('formatAuthors(value) keeps braced corporate names whole', () => {
    expect(formatAuthors('{Research and Development Team} and Ann Lee')).toBe(
      'Research and Development Team & Ann Lee',
    );
  });

  it('formatAuthors(value) ends with "et al." for "and others"', () => {
    expect(formatAuthors('A One and B Two and others')).toBe('A One, B Two et al.');
  });
});

describe('formatReference', () => {
  const entries = parseBibtex(`
    @article{hooker2021, author = {Hooker, Sara}, title = {The Hardware Lottery},
      journal = {Communications of the {ACM}}, year = 2021, volume = 64, number = 12,
      pages = {58--65}, doi = {10.1145/3467017}}
    @inproceedings{p, author = {Ann Lee and Bo Chen}, title = {Sparse <things> \\& more},
      booktitle = {Proc. of X}, year = 2019, eprint = {1902.00001}, archiveprefix = {arXiv}}
    @misc{web, title = {A page}, howpublished = {Blog post}, url = {https://example.org/a?b=1&c=2}}
  `);

  it('formatReference(entry) writes authors, year, title, venue, volume(number), pages, DOI', () => {
    const ref = formatReference(entries.get('hooker2021')!);
    expect(ref.text).toBe(
      'Sara Hooker (2021). The Hardware Lottery. Communications of the ACM 64(12), 58–65. ' +
        'https://doi.org/10.1145/3467017',
    );
    expect(ref.html).toContain('<a href="https://doi.org/10.1145/3467017">doi:10.1145/3467017</a>');
    expect(ref.html).toContain('<i>Communications of the ACM</i>');
  });

  it('formatReference(entry) links arXiv eprints and escapes HTML', () => {
    const ref = formatReference(entries.get('p')!);
    expect(ref.text).toContain('Ann Lee & Bo Chen (2019). Sparse <things> & more. In Proc. of X.');
    expect(ref.html).toContain('Sparse &lt;things&gt; &amp; more');
    expect(ref.html).toContain('<a href="https://arxiv.org/abs/1902.00001">arXiv:1902.00001</a>');
  });

  it('formatReference(entry) handles entries without author or year, with a URL', () => {
    const ref = formatReference(entries.get('web')!);
    expect(ref.text).toBe('A page. Blog post. https://example.org/a?b=1&c=2');
    expect(ref.html).toContain('href="https://example.org/a?b=1&amp;c=2"');
  });

  it('formatReference(entry) puts "pp." after a comma when there is no volume', () => {
    const [entry] = parseBibtex(
      '@inproceedings{h, author={Mark Horowitz}, title={Energy}, booktitle={ISSCC}, pages={10--14}, year=2014}',
    ).values();
    expect(formatReference(entry!).text).toBe('Mark Horowitz (2014). Energy. In ISSCC, pp. 10–14.');
  });
});
