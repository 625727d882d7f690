/**
 * The one list of widgets. Chapter MDX (`<Widget id>`), embed pages, custom
 * elements, assignments and the e2e suite all iterate over it: adding a widget
 * is one folder plus one entry here.
 */
import type { Component } from 'svelte';
import type { Schema, Values } from '../../src/state/params';
import { params as crossoverAtlasParams } from './CrossoverAtlas/params';
import { params as dynamicSparsityParams } from './DynamicSparsity/params';
import { params as sparsityLabParams } from './SparsityLab/params';
import { params as storageFootprintParams } from './StorageFootprint/params';

/** What every widget component receives. */
export interface WidgetProps<S extends Schema = Schema> {
  /** Parameters after parsing and clamping. */
  initial: Values<S>;
  /** What parsing changed, shown to the reader. */
  notes: string[];
  /** Prefix of this widget's URL params (`'sparsity-lab.'` on chapters, `''` on embeds). */
  urlPrefix: string;
}

export interface WidgetEntry<S extends Schema = Schema> {
  id: string;
  title: string;
  /** One sentence for the embed docs and assignments. */
  summary: string;
  /** Slug of the chapter the widget belongs to. */
  chapter: 'hardware-lottery' | 'von-neumann-bottleneck' | 'numpy-and-python' | 'sparsity';
  params: S;
  /** Small sizes that measure in well under a second, for the e2e suite. */
  testPreset: Partial<Values<S>>;
  /** Loaded lazily so a page only ships the widgets it shows. */
  load: () => Promise<{ default: Component<WidgetProps<S>> }>;
}

/** Checks an entry against its own schema, then erases the schema type for the shared list. */
function entry<S extends Schema>(e: WidgetEntry<S>): WidgetEntry {
  return e as unknown as WidgetEntry;
}

/**
 * `astro check` types a .svelte import as an Astro component, svelte-check as a
 * Svelte one; this one cast keeps both satisfied.
 */
async function component<S extends Schema>(
  module: Promise<{ default: unknown }>,
): Promise<{ default: Component<WidgetProps<S>> }> {
  return { default: (await module).default as Component<WidgetProps<S>> };
}

export const widgets: readonly WidgetEntry[] = [
  entry({
    id: 'sparsity-lab',
    title: 'Sparse against dense, measured on this device',
    summary:
      'Drag the sparsity of a random matrix and watch a dense and a CSR matrix-vector product race, verified, with the crossover found by bisection.',
    chapter: 'sparsity',
    params: sparsityLabParams,
    testPreset: { n: 512, sparsity: 0.9 },
    load: () => component(import('./SparsityLab/SparsityLab.svelte')),
  }),
  entry({
    id: 'crossover-atlas',
    title: 'Where sparse starts to win, by dense kernel and structure',
    summary:
      'Crossover searches for every dense tier (naive, tuned, SIMD) and structure (unstructured, blocks, 2:4) on this device, beside the same crossovers on an NVIDIA H200 and its Xeon host.',
    chapter: 'sparsity',
    params: crossoverAtlasParams,
    testPreset: { n: 128 },
    load: () => component(import('./CrossoverAtlas/CrossoverAtlas.svelte')),
  }),
  entry({
    id: 'storage-footprint',
    title: 'When does sparse storage save bytes?',
    summary:
      'Build real matrices in CSR, COO, BSR and a bitmap, count their bytes against dense from 0 to 99.99 % sparsity, and read off each format’s exact break-even, checked against its formula.',
    chapter: 'sparsity',
    params: storageFootprintParams,
    testPreset: { n: 128 },
    load: () => component(import('./StorageFootprint/StorageFootprint.svelte')),
  }),
  entry({
    id: 'dynamic-sparsity',
    title: 'What if the zeros move every step?',
    summary:
      'k-winners-take-all activations change every step: time a dense layer, a sparse format rebuilt each step, and a format-free gather of the active columns, verified, from 50 % down to 1 % active.',
    chapter: 'sparsity',
    params: dynamicSparsityParams,
    testPreset: { n: 256 },
    load: () => component(import('./DynamicSparsity/DynamicSparsity.svelte')),
  }),
];

export function widgetById(id: string): WidgetEntry | undefined {
  return widgets.find((w) => w.id === id);
}
