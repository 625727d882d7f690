// @ts-check
/**
 * Builds embed.js (src/embed/index.ts) into the site after `astro build`: one ES
 * module at /embed.js, its chunks and the worker under /_embed/. Root-relative
 * URLs resolve against embed.js's own address, so the bundle works from any
 * page; public/_headers lets any origin read these files.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { highlightedSources } from './highlight.mjs';

/** @param {{ testHooks: boolean }} options @returns {import('astro').AstroIntegration} */
export function embedBundle({ testHooks }) {
  return {
    name: 'pd-embed-bundle',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(new URL('..', import.meta.url));
        await build({
          configFile: false,
          root,
          base: '/',
          logLevel: 'warn',
          // Every component's CSS goes into its element's shadow root.
          plugins: [
            svelte({ compilerOptions: { css: 'injected' }, emitCss: false }),
            highlightedSources(),
          ],
          define: { 'import.meta.env.PD_TEST_HOOKS': JSON.stringify(testHooks) },
          worker: {
            format: 'es',
            rollupOptions: {
              output: {
                entryFileNames: '_embed/[name]-[hash].js',
                assetFileNames: '_embed/[name]-[hash][extname]',
              },
            },
          },
          build: {
            outDir: fileURLToPath(dir),
            emptyOutDir: false,
            copyPublicDir: false,
            target: 'es2022',
            assetsInlineLimit: 0,
            // Vite's preload links would resolve against the host page, not against embed.js.
            modulePreload: false,
            rollupOptions: {
              input: { embed: fileURLToPath(new URL('../src/embed/index.ts', import.meta.url)) },
              preserveEntrySignatures: 'strict',
              output: {
                format: 'es',
                entryFileNames: '[name].js',
                chunkFileNames: '_embed/[name]-[hash].js',
                assetFileNames: '_embed/[name]-[hash][extname]',
              },
            },
          },
        });
        logger.info('embed.js and its chunks written');
      },
    },
  };
}
