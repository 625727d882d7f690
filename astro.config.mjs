// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import pagefind from 'astro-pagefind';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { cspHashes, servedHeaders } from './scripts/csp.mjs';
import { embedBundle } from './scripts/embed-bundle.mjs';
import { highlightedSources } from './scripts/highlight.mjs';
import { pyodideAssets } from './scripts/pyodide-assets.mjs';
import { remarkCitations } from './scripts/remark-citations.mjs';
import { subsetFonts } from './scripts/subset-fonts.mjs';

// Components that render inside widgets get their CSS injected when they mount, so that in a
// custom element it lands in the shadow root. Components Astro renders on the server keep
// external CSS files (injected CSS would be missing from the server's HTML).
const serverRendered = /components\/(widgets\/WidgetHost|ui\/EnvironmentReport|search\/)/;
/** @param {{ filename: string }} file @returns {{ css: 'injected' } | undefined} */
const cssFor = ({ filename }) =>
  filename.includes('/components/') && !serverRendered.test(filename)
    ? { css: 'injected' }
    : undefined;

// Test builds honour fault-injection hooks (?fault=corrupt) and go to their own
// folder, so a production `dist/` never contains them.
const testHooks = process.env.PD_TEST_HOOKS === '1';

/** Test builds only: a page that hosts one widget every way the suite needs (tests/e2e/pages). @type {import('astro').AstroIntegration} */
const testPages = {
  name: 'pd-test-pages',
  hooks: {
    'astro:config:setup': ({ injectRoute }) =>
      injectRoute({ pattern: '/test/hosts', entrypoint: './tests/e2e/pages/hosts.astro' }),
  },
};

const outDir = testHooks ? './dist-test' : './dist';

export default defineConfig({
  site: 'https://path-dependencies.example',
  outDir,
  trailingSlash: 'always',
  // Each checkout keeps its own content cache (the default, node_modules/.astro, is shared when
  // worktrees share node_modules, and one checkout's chapters then leak into another's build).
  cacheDir: './.astro/cache',
  // One source for response headers: public/_headers; preview sends the built copy, which
  // carries the CSP's hashes of this build's inline scripts (scripts/csp.mjs).
  server: ({ command }) => ({
    headers: servedHeaders(
      command,
      new URL('./public/_headers', import.meta.url),
      new URL(`${outDir}/_headers`, import.meta.url),
    ),
  }),
  integrations: [
    svelte({ dynamicCompileOptions: cssFor }),
    mdx(),
    embedBundle({ testHooks }),
    // Static search index (dist/pagefind/), built after the pages; live widgets, prose that
    // answers a reader's measurement, and reference lists stay out of it.
    pagefind({
      indexConfig: {
        forceLanguage: 'en',
        excludeSelectors: ['[data-widget]', '.bibliography', '.when[hidden]'],
      },
    }),
    pyodideAssets(), // CPython's core at /pyodide/ (dev server, and copied into the build)
    subsetFonts(), // last: cuts the fonts to the characters every page and bundle above can show
    ...(testHooks ? [testPages] : []),
    cspHashes(), // last: hashes the inline scripts of every page written above
  ],
  markdown: {
    remarkPlugins: [remarkMath, [remarkCitations, { bibliography: './content/references.bib' }]],
    rehypePlugins: [rehypeKatex],
  },
  vite: {
    plugins: [highlightedSources()], // kernel sources highlighted at build time (`?highlight`)
    worker: { format: 'es' },
    define: { 'import.meta.env.PD_TEST_HOOKS': JSON.stringify(testHooks) },
  },
});
