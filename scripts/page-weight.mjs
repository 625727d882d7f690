#!/usr/bin/env node
// Page-weight report and budget. For every built page: the JavaScript it ships,
// gzipped, split into what loads with the page ("up front") and what loads later
// (the widgets the page shows as they scroll into view, the measuring worker and
// its WebAssembly on the first job). For every widget: its own chunk, and its
// chunk with every module it pulls in beyond a chapter page's up-front code (its
// share of Plot and d3). Also the embed bundle (/embed.js), the fonts a page can
// use, and CPython (/pyodide/), which is downloaded only when a reader asks and
// never counted in a page. Fails when anything exceeds its budget, so weight
// creeps show up in review rather than in readers' data plans.
//
//   node scripts/page-weight.mjs [dist] [--json]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const asJson = args.includes('--json');

/** Budgets in gzipped kB. */
export const BUDGET = {
  /** A page's JavaScript before any widget scrolls into view. */
  initial: 60,
  /** A page's JavaScript once every widget it shows has loaded (worker and wasm included). */
  total: 250,
  /** One widget's own chunk. */
  widgetOwn: 25,
  /** One widget with everything it adds to a page's up-front code (charts, controls). */
  widgetAdded: 150,
  /** /embed.js and everything it loads for one element, worker included, for the largest widget. */
  embed: 250,
};

if (!existsSync(dist)) {
  console.error(`No build at ${dist}: run \`npm run build\` first.`);
  process.exit(2);
}

const gzCache = new Map();
const gz = (file) => {
  if (!gzCache.has(file)) gzCache.set(file, gzipSync(readFileSync(file)).length);
  return gzCache.get(file);
};
const kb = (bytes) => bytes / 1024;

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
  // Vite's preload helper lists, as plain strings ("_astro/x.js"), the static imports of every
  // chunk a module may import() — of all its dynamic imports at once. Those chunks are reached
  // through the import() that loads them, so a listed .js is not counted from here (it would
  // charge a page for the dependencies of widgets it never shows); other assets still are.
  for (const m of text.matchAll(/["'](?:\.\/|\/)?(_astro\/[\w.-]+\.wasm)["']/g))
    add('lazy', `/${m[1]}`);
  return found;
}

/** Everything reachable by static imports from `entries`. */
function staticClosure(entries) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length) {
    const f = queue.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    if (f.endsWith('.js')) queue.push(...references(f).static);
  }
  return seen;
}

/**
 * What loads with the page (`initial`) and what it may load later (`lazy`),
 * never crossing into `stop` (the chunks of widgets this page does not show).
 */
function closure(entries, stop = new Set()) {
  const initial = staticClosure(entries);
  const lazy = new Set();
  const lq = [...initial].flatMap((f) => (f.endsWith('.js') ? [...references(f).lazy] : []));
  while (lq.length) {
    const f = lq.pop();
    if (initial.has(f) || lazy.has(f) || stop.has(f)) continue;
    lazy.add(f);
    if (!f.endsWith('.js')) continue;
    const r = references(f);
    lq.push(...r.static, ...r.lazy);
  }
  return { initial, lazy };
}

const sum = (set) => [...set].reduce((t, f) => t + gz(f), 0);

function files(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, test);
    return test(name) ? [path] : [];
  });
}

// ------------------------------------------------------------------ widgets

/** Widget id → component name, from the registry's source (`load: … import('./Name/Name.svelte')`). */
function registryWidgets() {
  const source = readFileSync(
    new URL('../components/widgets/registry.ts', import.meta.url),
    'utf8',
  );
  const found = new Map();
  for (const block of source.split(/\bentry\(\{/).slice(1)) {
    const id = /\bid:\s*'([\w-]+)'/.exec(block)?.[1];
    const name = /import\('\.\/(\w+)\/\1\.svelte'\)/.exec(block)?.[1];
    if (id && name) found.set(id, name);
  }
  return found;
}

const astro = join(dist, '_astro');
const widgetNames = registryWidgets();
/** Widget id → its chunk in dist/_astro (Vite names a chunk after its module). */
const widgetChunk = new Map();
for (const [id, name] of widgetNames) {
  const chunk = files(astro, (f) => new RegExp(`^${name}\\.[\\w-]+\\.js$`).test(f))[0];
  if (chunk) widgetChunk.set(id, chunk);
}

/** The widgets a built page shows: island props name them (`id` for WidgetHost, `widget` for an exercise). */
function widgetsOn(html) {
  const ids = new Set();
  for (const m of html.matchAll(/&quot;(?:id|widget)&quot;:\[0,&quot;([\w-]+)&quot;\]/g))
    if (widgetChunk.has(m[1])) ids.add(m[1]);
  return ids;
}

// ------------------------------------------------------------------ workers

/**
 * Two builds of the measuring worker: the module worker a site page starts by URL
 * (src/worker/pool.ts), and the script an embed page fetches and starts as a
 * classic worker (`?worker&url`). Both are referenced from shared code; a page
 * loads only one, so the other is left out of its count.
 */
const workers = files(astro, (f) => /^kernel\.worker-.*\.js$/.test(f));
const poolChunk = files(astro, (f) => /^pool\.[\w-]+\.js$/.test(f))[0];
const moduleWorker = workers.find((w) => poolChunk && references(poolChunk).lazy.has(w));
const fetchedWorker = workers.find((w) => w !== moduleWorker);

/**
 * Kernel sources for the "Show the code" panels: chunks that kernelSources and
 * symbolSource load only when a reader opens a panel. Reported, not counted.
 */
const sourceIndexes = files(astro, (f) => /^(kernelSources|symbolSource)\.[\w-]+\.js$/.test(f));
const onRequest = new Set(sourceIndexes.flatMap((f) => [...references(f).lazy]));

// ------------------------------------------------------------------ pages

const rows = [];
let chapterInitial = new Set();
for (const html of files(dist, (f) => f.endsWith('.html')).sort()) {
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
  const shown = widgetsOn(text);
  const stop = new Set([...widgetChunk].filter(([id]) => !shown.has(id)).map(([, f]) => f));
  const route0 = '/' + relative(dist, dirname(html)) + '/';
  const unusedWorker = /^\/embed\/[\w-]+\/$/.test(route0.replace(/\/+/g, '/'))
    ? moduleWorker
    : fetchedWorker;
  if (unusedWorker) stop.add(unusedWorker);
  for (const f of onRequest) stop.add(f);
  const { initial, lazy } = closure(entries, stop);
  const route =
    '/' +
    relative(dist, html)
      .replace(/index\.html$/, '')
      .replace(/\.html$/, '/');
  if (route === '/sparsity/') chapterInitial = initial;
  const initialKb = kb(sum(initial) + gzipSync(inline).length);
  const lazyKb = kb(sum(lazy));
  rows.push({
    route,
    widgets: [...shown],
    // PW_DEBUG=<route> lists the page's files, up front then later.
    files: process.env.PW_DEBUG
      ? [...initial, '--- later', ...lazy].map((f) =>
          f.startsWith('---') ? f : `${basename(f)} ${kb(gz(f)).toFixed(1)}`,
        )
      : undefined,
    initialKb,
    lazyKb,
    totalKb: initialKb + lazyKb,
    overBudget: initialKb > BUDGET.initial || initialKb + lazyKb > BUDGET.total,
  });
}

// ------------------------------------------------------------------ widgets

const widgetRows = [...widgetChunk].map(([id, chunk]) => {
  const added = new Set([...staticClosure([chunk])].filter((f) => !chapterInitial.has(f)));
  const ownKb = kb(gz(chunk));
  const addedKb = kb(sum(added));
  return {
    id,
    chunk: basename(chunk),
    ownKb,
    addedKb,
    overBudget: ownKb > BUDGET.widgetOwn || addedKb > BUDGET.widgetAdded,
  };
});
const missing = [...widgetNames.keys()].filter((id) => !widgetChunk.has(id));

// ------------------------------------------------------------------ embed bundle, worker, fonts, CPython

const embedEntry = join(dist, 'embed.js');
let embed = null;
if (existsSync(embedEntry)) {
  const embedDir = join(dist, '_embed');
  const embedWidget = (id) => {
    const name = widgetNames.get(id);
    return files(embedDir, (f) => new RegExp(`^${name}-[\\w-]+\\.js$`).test(f))[0];
  };
  const all = [...widgetNames.keys()].map((id) => [id, embedWidget(id)]).filter(([, f]) => f);
  const { initial } = closure([embedEntry], new Set(all.map(([, f]) => f)));
  // The code panels' sources load only when a reader opens one: reported, not counted (as on pages).
  const embedOnRequest = files(embedDir, (f) =>
    /^(kernelSources|symbolSource)-[\w-]+\.js$/.test(f),
  ).flatMap((f) => [...references(f).lazy]);
  // The heaviest single element: the loader, one widget with what it pulls in, and the worker.
  let worst = { id: '', kb: 0 };
  for (const [id, f] of all) {
    const { initial: i2, lazy: l2 } = closure(
      [embedEntry, f],
      new Set([...all.map(([, g]) => g).filter((g) => g !== f), ...embedOnRequest]),
    );
    const total = kb(sum(new Set([...i2, ...l2])));
    if (total > worst.kb) worst = { id, kb: total };
  }
  embed = {
    loaderKb: kb(sum(initial)),
    heaviest: worst,
    overBudget: worst.kb > BUDGET.embed,
  };
}

const wasm = files(astro, (f) => f.endsWith('.wasm'));
const fonts = files(astro, (f) => f.endsWith('.woff2'));
const latinFonts = fonts.filter((f) => /-latin-(?!ext)/.test(basename(f)));
const pyodide = files(join(dist, 'pyodide'), () => true);
const extras = {
  workerKb: workers.map((f) => ({
    file: `${basename(f)} (${f === moduleWorker ? 'site pages' : 'embed pages'})`,
    kb: kb(gz(f)),
  })),
  wasmKb: wasm.map((f) => ({ file: basename(f), kb: kb(gz(f)) })),
  // woff2 is compressed already; a browser fetches only the subsets whose unicode-range the page uses.
  fontsLatinKb: kb(latinFonts.reduce((t, f) => t + statSync(f).size, 0)),
  fontsAllKb: kb(fonts.reduce((t, f) => t + statSync(f).size, 0)),
  cpythonOnRequestKb: kb(pyodide.reduce((t, f) => t + gz(f), 0)),
  codeViewsOnRequestKb: kb(sum(onRequest)),
};

const over =
  rows.some((r) => r.overBudget) ||
  widgetRows.some((w) => w.overBudget) ||
  Boolean(embed?.overBudget) ||
  missing.length > 0;

if (asJson) {
  console.log(
    JSON.stringify(
      { budget: BUDGET, pages: rows, widgets: widgetRows, embed, extras, missing },
      null,
      2,
    ),
  );
} else {
  const k = (v) => `${v.toFixed(1)} kB`.padStart(10);
  console.log(
    `JavaScript per page, gzipped (budget: ${BUDGET.initial} kB up front, ${BUDGET.total} kB with its widgets)\n`,
  );
  console.log(
    'page'.padEnd(34) +
      'up front'.padStart(10) +
      'later'.padStart(10) +
      'total'.padStart(10) +
      '  widgets',
  );
  for (const r of rows)
    console.log(
      r.route.padEnd(34) +
        k(r.initialKb) +
        k(r.lazyKb) +
        k(r.totalKb) +
        `  ${r.widgets.length}` +
        (r.overBudget ? '  OVER BUDGET' : ''),
    );
  console.log(
    `\nPer widget (budget: ${BUDGET.widgetOwn} kB own chunk, ${BUDGET.widgetAdded} kB added to a chapter's up-front code)\n`,
  );
  console.log('widget'.padEnd(34) + 'own'.padStart(10) + 'added'.padStart(10));
  for (const w of widgetRows)
    console.log(
      w.id.padEnd(34) + k(w.ownKb) + k(w.addedKb) + (w.overBudget ? '  OVER BUDGET' : ''),
    );
  if (missing.length)
    console.log(`\nNo chunk found for: ${missing.join(', ')} (is the build current?)`);
  if (embed)
    console.log(
      `\nembed.js: loader ${embed.loaderKb.toFixed(1)} kB; heaviest element (${embed.heaviest.id}) with its worker ${embed.heaviest.kb.toFixed(1)} kB (budget ${BUDGET.embed} kB)${embed.overBudget ? '  OVER BUDGET' : ''}`,
    );
  console.log(
    `\nWorker: ${extras.workerKb.map((w) => `${w.file} ${w.kb.toFixed(1)} kB`).join(', ')}` +
      `\nWebAssembly: ${extras.wasmKb.map((w) => `${w.file} ${w.kb.toFixed(1)} kB`).join(', ')}` +
      `\nFonts (woff2): latin subsets ${extras.fontsLatinKb.toFixed(0)} kB; every subset ${extras.fontsAllKb.toFixed(0)} kB (fetched by unicode-range)` +
      `\nKernel sources for the code panels (each loads when a reader opens its panel): ${extras.codeViewsOnRequestKb.toFixed(1)} kB in all` +
      `\nCPython (/pyodide/, only on the reader's request, never counted above): ${(extras.cpythonOnRequestKb / 1024).toFixed(2)} MB gzipped`,
  );
}
if (process.env.PW_DEBUG)
  for (const r of rows) if (r.route === process.env.PW_DEBUG) console.log(r.files);
if (over) process.exit(1);
