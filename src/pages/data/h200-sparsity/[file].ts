/**
 * The shipped H200 measurements, served byte for byte from content/data so
 * readers can download them (with their README for provenance) and widgets
 * can fetch them only when asked to compare.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';

const DIR = 'content/data/h200-sparsity';

export const getStaticPaths: GetStaticPaths = () =>
  readdirSync(DIR)
    .filter((file) => /\.(jsonl|md)$/.test(file) || file === 'SHA256SUMS')
    .map((file) => ({ params: { file } }));

const TYPES: Record<string, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

export const GET: APIRoute = ({ params }) => {
  const file = String(params['file']);
  const ext = file.split('.').pop() ?? '';
  return new Response(readFileSync(`${DIR}/${file}`), {
    headers: { 'Content-Type': TYPES[ext] ?? 'text/plain; charset=utf-8' },
  });
};
