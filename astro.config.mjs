// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { readHeaders } from './scripts/headers.mjs';
import { remarkCitations } from './scripts/remark-citations.mjs';

// Test builds honour fault-injection hooks (?fault=corrupt) and go to their own
// folder, so a production `dist/` never contains them.
const testHooks = process.env.PD_TEST_HOOKS === '1';

export default defineConfig({
  site: 'https://path-dependencies.example',
  outDir: testHooks ? './dist-test' : './dist',
  trailingSlash: 'always',
  // One source for response headers: public/_headers (see DESIGN.md, "Serving").
  server: { headers: readHeaders(new URL('./public/_headers', import.meta.url)) },
  integrations: [svelte(), mdx()],
  markdown: {
    remarkPlugins: [remarkMath, [remarkCitations, { bibliography: './content/references.bib' }]],
    rehypePlugins: [rehypeKatex],
  },
  vite: {
    worker: { format: 'es' },
    define: { 'import.meta.env.PD_TEST_HOOKS': JSON.stringify(testHooks) },
  },
});
