// svelte-check cannot resolve .astro files (astro check can, and ignores this fallback):
// without it, every .ts module that imports an Astro component fails svelte-check.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';

  const component: AstroComponentFactory;
  export default component;
}
