// Reads one block (by default `/*`) of a Netlify/Cloudflare-style `_headers`
// file into a plain object for Astro's `server.headers` (dev and preview).
import { readFileSync } from 'node:fs';

/** @param {URL | string} file @param {string} [path] the block's path pattern @returns {Record<string, string>} */
export function readHeaders(file, path = '/*') {
  /** @type {Record<string, string>} */
  const headers = {};
  let inBlock = false;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inBlock = line === path;
      continue;
    }
    if (!inBlock) continue;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
