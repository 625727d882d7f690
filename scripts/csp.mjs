// @ts-check
/**
 * The Content-Security-Policy's script hashes. public/_headers allows no inline script
 * (`script-src 'self' 'wasm-unsafe-eval'`); after the build, this integration hashes every
 * inline <script> the pages carry (the no-flash theme scripts, Astro's island runtime, the
 * small hoisted scripts Astro inlines) and writes them into the built `_headers`, which
 * static hosts and `astro preview` (astro.config.mjs, `servedHeaders`) send. The build fails
 * on what a hash cannot allow: inline event handlers and `javascript:` URLs.
 *
 *   import { cspHashes, servedHeaders } from './scripts/csp.mjs';
 *   integrations: [..., cspHashes()]   // last, after anything that writes HTML
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHeaders } from './headers.mjs';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// Types a browser runs (anything else, e.g. application/json, is a data block CSP ignores).
const RUNNABLE = /^(|module|text\/javascript|application\/javascript)$/i;

/**
 * The text of every inline script in a page that the browser would run.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScripts(html) {
  /** @type {string[]} */
  const found = [];
  for (const [, attrs = '', body = ''] of html.matchAll(SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attrs}`)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(` ${attrs}`)?.[1] ?? '';
    if (RUNNABLE.test(type)) found.push(body);
  }
  return found;
}

/**
 * A CSP hash source for a script's text, as the browser computes it (UTF-8, SHA-256).
 * @param {string} text
 */
export const hashSource = (text) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * What a hash cannot allow in a page: `on…=` handler attributes and `javascript:` URLs.
 * @param {string} html
 * @returns {string[]} one line per problem
 */
export function unhashable(html) {
  const outside = html.replace(SCRIPT, '');
  const problems = [];
  for (const m of outside.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi))
    problems.push(`an inline ${m[1]} handler`);
  if (/\s(?:href|src|action)\s*=\s*["']?\s*javascript:/i.test(outside))
    problems.push('a javascript: URL');
  return problems;
}

/**
 * Adds sources to the script-src of every Content-Security-Policy line in a `_headers` file.
 * @param {string} headersText
 * @param {Iterable<string>} sources e.g. hashSource(…) values
 */
export function withScriptSources(headersText, sources) {
  const extra = [...new Set(sources)].sort();
  let seen = 0;
  const text = headersText.replace(
    /^(\s+Content-Security-Policy:\s*)(.*)$/gm,
    (/** @type {string} */ _line, /** @type {string} */ head, /** @type {string} */ policy) => {
      const directives = policy.split(';').map((d) => d.trim());
      const at = directives.findIndex((d) => /^script-src\s/.test(d));
      if (at < 0) throw new Error(`_headers: a Content-Security-Policy without script-src`);
      if (/'unsafe-(inline|eval)'/.test(directives[at] ?? ''))
        throw new Error(`_headers: script-src allows 'unsafe-inline' or 'unsafe-eval'`);
      seen++;
      directives[at] = [directives[at], ...extra].join(' ');
      return `${head}${directives.filter((d) => d !== '').join('; ')}`;
    },
  );
  if (seen === 0) throw new Error('_headers: no Content-Security-Policy');
  return text;
}

/** @param {string} dir @returns {string[]} every .html file under dir */
function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/**
 * Hashes the inline scripts of every page in a built site into its `_headers`.
 * @param {string} dir the build output
 * @returns {{ hashes: string[], pages: number }}
 */
export function hashBuiltSite(dir) {
  const hashes = new Set();
  const problems = [];
  const pages = htmlFiles(dir);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const script of inlineScripts(html)) hashes.add(hashSource(script));
    for (const p of unhashable(html)) problems.push(`${relative(dir, page)}: ${p}`);
  }
  if (problems.length > 0)
    throw new Error(`the CSP would block these (move them to a script):\n${problems.join('\n')}`);
  const file = join(dir, '_headers');
  writeFileSync(file, withScriptSources(readFileSync(file, 'utf8'), hashes));
  return { hashes: [...hashes], pages: pages.length };
}

/** @returns {import('astro').AstroIntegration} */
export function cspHashes() {
  return {
    name: 'pd-csp-hashes',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const { hashes, pages } = hashBuiltSite(fileURLToPath(dir));
        logger.info(`${hashes.length} inline script hashes from ${pages} pages → _headers`);
      },
    },
  };
}

/**
 * The `/*` headers `astro dev` and `astro preview` send. Preview sends the built `_headers`
 * (with the hashes this build computed). Dev's pages carry dev-only inline scripts (the
 * toolbar's settings, Astro's dev island runtime) no build can hash, so dev alone allows
 * inline scripts; every other directive is the same.
 * @param {'dev' | 'preview'} command
 * @param {URL} source public/_headers
 * @param {URL} built the build output's _headers
 */
export function servedHeaders(command, source, built) {
  if (command === 'preview' && existsSync(built)) return readHeaders(built);
  const headers = readHeaders(source);
  const csp = headers['Content-Security-Policy'];
  if (command === 'dev' && csp)
    headers['Content-Security-Policy'] = csp.replace(/script-src /, "script-src 'unsafe-inline' ");
  return headers;
}
