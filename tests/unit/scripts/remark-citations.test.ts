import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseCitation, remarkCitations } from '../../../scripts/remark-citations.mjs';

const bibliography = fileURLToPath(new URL('./fixtures/citations.bib', import.meta.url));

/** Parses Markdown (MDX by default), runs the plugin, returns the tree and the cited keys. */
async function run(source: string, mdx = true) {
  const file = new VFile({ value: source, path: '/site/content/chapters/99-test.mdx' });
  const processor = unified().use(remarkParse);
  if (mdx) processor.use(remarkMdx);
  const tree = processor.parse(file);
  await unified().use(remarkCitations, { bibliography }).run(tree, file);
  const data = file.data as { astro?: { frontmatter?: { citations?: string[] } } };
  return { tree, citations: data.astro?.frontmatter?.citations };
}

/** Markdown → HTML with the plugin, to check the markup readers get. */
async function toHtml(source: string) {
  const out = await unified()
    .use(remarkParse)
    .use(remarkCitations, { bibliography })
    .use(remarkRehype)
    .use(rehypeStringify)
    .process(source);
  return String(out);
}

describe('parseCitation', () => {
  it('parseCitation(inner) reads keys and locators', () => {
    expect(parseCitation('@a, p. 12; @b')).toEqual([
      { key: 'a', locator: 'p. 12' },
      { key: 'b', locator: '' },
    ]);
  });

  it('parseCitation(inner) rejects text that is not a citation', () => {
    expect(parseCitation('@a and more')).toBeNull();
    expect(parseCitation('@')).toBeNull();
  });
});

describe('remarkCitations', () => {
  it('remarkCitations({ bibliography }) numbers citations by first appearance', async () => {
    const html = await toHtml('See [@backus1978] and [@hooker2021; @backus1978].');
    expect(html).toContain(
      '<span class="citation">[<a href="#ref-backus1978" title="John Backus (1978). Can Programming Be Liberated from the von Neumann Style? Communications of the ACM 21(8), 613–641." class="cite">1</a>]</span>',
    );
    expect(html).toMatch(
      /\[<a href="#ref-hooker2021"[^>]*>2<\/a>; <a href="#ref-backus1978"[^>]*>1<\/a>\]/,
    );
  });

  it('remarkCitations({ bibliography }) keeps a locator after the number', async () => {
    const html = await toHtml('As argued [@hooker2021, p. 60].');
    expect(html).toMatch(/>1<\/a>, p\. 60\]<\/span>/);
  });

  it('remarkCitations({ bibliography }) stores cited keys in frontmatter.citations', async () => {
    const { citations } = await run('[@coates2013] then [@hooker2021] then [@coates2013].');
    expect(citations).toEqual(['coates2013', 'hooker2021']);
  });

  it('remarkCitations({ bibliography }) sets an empty list when nothing is cited', async () => {
    const { citations } = await run('No citations here, just [brackets] and @mentions.');
    expect(citations).toEqual([]);
  });

  it('remarkCitations({ bibliography }) processes citations inside JSX text and flow elements', async () => {
    const source = [
      'Text<Sidenote>a note with *emphasis* and [@backus1978]</Sidenote> more [@hooker2021].',
      '',
      '<Figure caption="x">',
      '',
      'Inside a figure [@coates2013].',
      '',
      '</Figure>',
    ].join('\n');
    const { citations, tree } = await run(source);
    expect(citations).toEqual(['backus1978', 'hooker2021', 'coates2013']);
    const json = JSON.stringify(tree);
    expect(json).not.toContain('[@');
  });

  it('remarkCitations({ bibliography }) finds citations split across adjacent text nodes', async () => {
    // Some parsers and plugins leave "[@hooker2021]" as several adjacent text nodes.
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'See [' },
            { type: 'text', value: '@hooker2021' },
            { type: 'text', value: '] here.' },
          ],
        },
      ],
    };
    const file = new VFile({ value: '', path: '/site/content/pages/split.mdx' });
    await unified().use(remarkCitations, { bibliography }).run(tree, file);
    expect(JSON.stringify(tree)).toContain('"url":"#ref-hooker2021"');
  });

  it('remarkCitations({ bibliography }) fails naming the .bib file when it does not parse', async () => {
    const broken = fileURLToPath(new URL('./fixtures/broken.bib', import.meta.url));
    const file = new VFile({ value: '', path: '/site/content/pages/x.mdx' });
    const tree: Root = { type: 'root', children: [] };
    await expect(
      unified().use(remarkCitations, { bibliography: broken }).run(tree, file),
    ).rejects.toThrow(/fixtures\/broken\.bib: BibTeX parse error at line 2/);
  });

  it('remarkCitations({ bibliography }) leaves code and links alone', async () => {
    const { citations } = await run('`[@nokey]` and [[@nokey]](https://example.org)', false);
    expect(citations).toEqual([]);
  });

  it('remarkCitations({ bibliography }) fails naming the file and the missing key', async () => {
    await expect(run('Cites [@nosuchkey2020].')).rejects.toThrow(
      /content\/chapters\/99-test\.mdx.*"nosuchkey2020"/,
    );
  });
});
