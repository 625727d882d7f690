/**
 * The native-Python reference the interpreter ladder shows beside the
 * reader's rungs, served byte for byte from content/data with its README, so
 * a reader can check how it was measured.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';

const DIR = 'content/data/native-python';

export const getStaticPaths: GetStaticPaths = () =>
  readdirSync(DIR)
    .filter((file) => /\.(json|md)$/.test(file))
    .map((file) => ({ params: { file } }));

const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

export const GET: APIRoute = ({ params }) => {
  const file = String(params['file']);
  const ext = file.split('.').pop() ?? '';
  return new Response(readFileSync(`${DIR}/${file}`), {
    headers: { 'Content-Type': TYPES[ext] ?? 'text/plain; charset=utf-8' },
  });
};
