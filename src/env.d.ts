/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** True only in test builds (PD_TEST_HOOKS=1): fault-injection hooks are honoured. */
  readonly PD_TEST_HOOKS: boolean;
}

/** A source file's text and its lines as highlighted HTML, made at build time (scripts/highlight.mjs). */
declare module '*?highlight' {
  const source: { text: string; lines: string[] };
  export default source;
}
