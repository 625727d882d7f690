/**
 * The one list of widgets. Chapter MDX (`<Widget id>`), embed pages, custom
 * elements, assignments and the e2e suite all iterate over it: adding a widget
 * is one folder plus one entry here.
 */
import type { Component } from 'svelte';
import type { Schema, Values } from '../../src/state/params';
import { params as sparsityLabParams } from './SparsityLab/params';

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
];

export function widgetById(id: string): WidgetEntry | undefined {
  return widgets.find((w) => w.id === id);
}
