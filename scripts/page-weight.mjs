#!/usr/bin/env node
// Page-weight report: the JavaScript each built page ships, gzipped, split into
// what loads with the page and what loads later (widgets as they scroll into
// view, the measuring worker on the first job). Fails when a page exceeds its
// budget, so weight creeps show up in review rather than in readers' data plans.
//
//   node scripts/page-weight.mjs [dist] [--json]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const asJson = args.includes('--json');
/** Budgets in gzipped kB: what a page loads up front, and in all. */
const BUDGET = { initial: 60, total: 250 };

if (!existsSync(dist)) {
  console.error(`No build at ${dist}: run \`npm run build\` first.`);
  process.exit(2);
}

const gz = (file) => gzipSync(readFileSync(file)).length;

/** Static and dynamic imports, and `new URL('…', import.meta.url)` (workers, wasm). */
function references(file) {
  const text = readFileSync(file, 'utf8');
  const dir = dirname(file);
  const found = { static: new Set(), lazy: new Set() };
  const add = (kind, spec) => {
    if (!spec.startsWith('.') && !spec.startsWith('/')) return;
    const path = spec.startsWith('/') ? join(dist, spec) : resolve(dir, spec);
    if (existsSync(path) && statSync(path).isFile()) found[kind].add(path);
  };
  for (const m of text.matchAll(
    /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g,
  ))
    add('static', m[1]);
  for (const m of text.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) add('lazy', m[1]);
  for (const m of text.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g))
    add('lazy', m[1]);
  // Vite's preload helper lists chunks as plain strings: "_astro/x.js".
  for (const m of text.matchAll(/["'](?:\.\/|\/)?(_astro\/[\w.-]+\.(?:js|wasm))["']/g))
    add('lazy', `/${m[1]}`);
  return found;
}

function closure(entries) {
  const initial = new Set();
  const queue = [...entries];
  while (queue.length) {
    const f = queue.pop();
    if (initial.has(f)) continue;
    initial.add(f);
    queue.push(...references(f).static);
  }
  const lazy = new Set();
  const lq = [...initial].flatMap((f) => [...references(f).lazy]);
  while (lq.length) {
    const f = lq.pop();
    if (initial.has(f) || lazy.has(f)) continue;
    lazy.add(f);
    const r = references(f);
    lq.push(...r.static, ...r.lazy);
  }
  return { initial, lazy };
}

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const rows = [];
for (const html of pages(dist).sort()) {
  const text = readFileSync(html, 'utf8');
  const entries = new Set();
  const attr = /(?:src|href|component-url|renderer-url|before-hydration-url)="([^"]+\.js)"/g;
  for (const m of text.matchAll(attr)) {
    const p = join(dist, m[1]);
    if (existsSync(p)) entries.add(p);
  }
  const inline = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .join('');
  const { initial, lazy } = closure(entries);
  const sum = (set) => [...set].reduce((t, f) => t + gz(f), 0);
  const route =
    '/' +
    relative(dist, html)
      .replace(/index\.html$/, '')
      .replace(/\.html$/, '/');
  rows.push({
    route,
    initialKb: (sum(initial) + gzipSync(inline).length) / 1024,
    lazyKb: sum(lazy) / 1024,
    files: initial.size + lazy.size,
  });
}

let over = false;
for (const r of rows) {
  r.totalKb = r.initialKb + r.lazyKb;
  r.overBudget = r.initialKb > BUDGET.initial || r.totalKb > BUDGET.total;
  over ||= r.overBudget;
}

if (asJson) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(
    `JavaScript per page, gzipped (budget: ${BUDGET.initial} kB up front, ${BUDGET.total} kB in all)\n`,
  );
  console.log(
    'page'.padEnd(28) + 'up front'.padStart(10) + 'later'.padStart(10) + 'total'.padStart(10),
  );
  for (const r of rows) {
    const kb = (v) => `${v.toFixed(1)} kB`.padStart(10);
    console.log(
      r.route.padEnd(28) +
        kb(r.initialKb) +
        kb(r.lazyKb) +
        kb(r.totalKb) +
        (r.overBudget ? '  OVER BUDGET' : ''),
    );
  }
}
if (over) process.exit(1);
