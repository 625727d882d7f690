/** CPython's core served over HTTP from node_modules/pyodide at /pyodide/, as the site serves it; anything else is a 404. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pyodideDir } from '../../../scripts/pyodide-assets.mjs';
import { CORE_FILES } from '../../../src/python/core-files';

export const DIR = pyodideDir();

export function serveCore(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '').replace(/^\/pyodide\//, '');
    if (!req.url?.startsWith('/pyodide/') || !CORE_FILES.some((f) => f.name === name)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(join(DIR, name));
    res.writeHead(200, { 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}/pyodide/` });
    }),
  );
}

/** Node cannot import http: URLs; the files are the same, so import them from the folder. */
export const importFromFolder = (url: string): Promise<unknown> =>
  import(pathToFileURL(join(DIR, new URL(url).pathname.split('/').pop()!)).href);

/** Set PD_SKIP_CPYTHON=1 to skip the tests that boot CPython (a few seconds each). */
export const skipBoot = process.env['PD_SKIP_CPYTHON'] === '1';
