/**
 * The one list of widgets. Chapter MDX (`<Widget id>`), embed pages, custom
 * elements, assignments and the e2e suite all iterate over it: adding a widget
 * is one folder plus one entry here.
 */
import type { Component } from 'svelte';
import type { Metrics } from '../../src/state/metrics';
import type { Rule, Schema, Values } from '../../src/state/params';
import type { WidgetSession, WidgetSpec } from '../../src/state/session.svelte';
import { metrics as computeTimelineMetrics } from './ComputeTimeline/metrics';
import { params as computeTimelineParams } from './ComputeTimeline/params';
import { metrics as crossoverAtlasMetrics } from './CrossoverAtlas/metrics';
import { params as crossoverAtlasParams } from './CrossoverAtlas/params';
import { metrics as crossoverReadoutMetrics } from './CrossoverReadout/metrics';
import { params as crossoverReadoutParams } from './CrossoverReadout/params';
import { metrics as dynamicSparsityMetrics } from './DynamicSparsity/metrics';
import { metrics as lotteryMetrics } from './Lottery/metrics';
import { params as lotteryParams } from './Lottery/params';
import { metrics as scaleOfCatsMetrics } from './ScaleOfCats/metrics';
import { params as scaleOfCatsParams } from './ScaleOfCats/params';
import { params as dynamicSparsityParams } from './DynamicSparsity/params';
import { metrics as iterationBudgetMetrics } from './IterationBudget/metrics';
import { params as iterationBudgetParams } from './IterationBudget/params';

import { metrics as interpreterLadderMetrics } from './InterpreterLadder/metrics';
import { params as interpreterLadderParams } from './InterpreterLadder/params';
import { metrics as numpyTimelineMetrics } from './NumpyTimeline/metrics';
import { params as numpyTimelineParams } from './NumpyTimeline/params';

import { metrics as energyLedgerMetrics } from './EnergyLedger/metrics';
import { params as energyLedgerParams, rules as energyLedgerRules } from './EnergyLedger/params';
import { metrics as latencyMetrics } from './LatencyVsBandwidth/metrics';
import { params as latencyParams } from './LatencyVsBandwidth/params';
import { metrics as memoryMountainMetrics } from './MemoryMountain/metrics';
import { params as memoryMountainParams } from './MemoryMountain/params';
import { metrics as rooflineMetrics } from './Roofline/metrics';
import { params as rooflineParams } from './Roofline/params';
import { metrics as sparsityLabMetrics } from './SparsityLab/metrics';
import { params as sparsityLabParams, rules as sparsityLabRules } from './SparsityLab/params';
import { metrics as storageFootprintMetrics } from './StorageFootprint/metrics';
import { params as storageFootprintParams } from './StorageFootprint/params';
import { metrics as vectorizeItMetrics } from './VectorizeIt/metrics';
import { params as vectorizeItParams } from './VectorizeIt/params';

/** What every widget component receives: its session (params, tasks, metrics). */
export interface WidgetProps<S extends Schema = Schema, M extends Metrics = Metrics> {
  session: WidgetSession<S, M>;
}

export type ChapterSlug =
  'hardware-lottery' | 'von-neumann-bottleneck' | 'numpy-and-python' | 'sparsity';

export interface WidgetEntry<
  S extends Schema = Schema,
  M extends Metrics = Metrics,
> extends WidgetSpec<S, M> {
  /** One sentence for the embed docs and assignments. */
  summary: string;
  /** Slug of the chapter the widget belongs to. */
  chapter: ChapterSlug;
  /** The page it appears on when that is not its chapter's (the front page's readout), e.g. '/'. */
  page?: string;
  rules?: readonly Rule<S>[];
  /** Small sizes that measure in well under a second, for the e2e suite. */
  testPreset: Partial<Values<S>>;
  /**
   * Room to hold before the widget's code has loaded (CSS length, at desktop
   * width), so the page does not grow under a reader who followed a link to a
   * widget further down.
   */
  height: string;
  /** Loaded lazily so a page only ships the widgets it shows. */
  load: () => Promise<{ default: Component<WidgetProps<S, M>> }>;
}

/** Checks an entry against its own schema and metrics, then erases them for the shared list. */
function entry<S extends Schema, M extends Metrics>(e: WidgetEntry<S, M>): WidgetEntry {
  return e as unknown as WidgetEntry;
}

/**
 * `astro check` types a .svelte import as an Astro component, svelte-check as a
 * Svelte one; this one cast keeps both satisfied.
 */
async function component<S extends Schema, M extends Metrics>(
  module: Promise<{ default: unknown }>,
): Promise<{ default: Component<WidgetProps<S, M>> }> {
  return { default: (await module).default as Component<WidgetProps<S, M>> };
}

export const widgets: readonly WidgetEntry[] = [
  entry({
    id: 'lottery',
    title: 'Which idea does your hardware favour?',
    summary:
      'Dense multiply, a sparse product, graph traversal and backtracking search, measured and checked on this device and ranked against our reference machine; then change the hardware to an H200 and its host, or change the JavaScript engine, and watch the winner change.',
    chapter: 'hardware-lottery',
    params: lotteryParams,
    metrics: lotteryMetrics,
    testPreset: { size: 'small' },
    height: '52rem',
    load: () => component(import('./Lottery/Lottery.svelte')),
  }),
  entry({
    id: 'compute-timeline',
    title: 'Hardware, software and ideas, 1837–2026',
    summary:
      'From Babbage’s engine to tensor cores and 2:4 sparsity: every event sourced, with its uncertainty marked, navigable by keyboard decade by decade.',
    chapter: 'hardware-lottery',
    params: computeTimelineParams,
    metrics: computeTimelineMetrics,
    pure: true,
    testPreset: { kind: 'all' },
    height: '40rem',
    load: () => component(import('./ComputeTimeline/ComputeTimeline.svelte')),
  }),
  entry({
    id: 'scale-of-cats',
    title: 'Sixteen thousand cores, or three GPU servers',
    summary:
      'Le et al. 2012 against Coates et al. 2013 on log scales: machines, cores, GPUs, days, parameters and reported cost, each figure sourced, derived values marked, with what each paper claimed.',
    chapter: 'hardware-lottery',
    params: scaleOfCatsParams,
    metrics: scaleOfCatsMetrics,
    pure: true,
    testPreset: { metric: 'cpuCores' },
    height: '50rem',
    load: () => component(import('./ScaleOfCats/ScaleOfCats.svelte')),
  }),
  entry({
    id: 'iteration-budget',
    title: 'How many experiments fit in a doctorate?',
    summary:
      'Experiments a week and in a PhD for a time per experiment, before and after a speedup: from the literature, typed in, or measured by the essay’s other widgets.',
    chapter: 'hardware-lottery',
    params: iterationBudgetParams,
    metrics: iterationBudgetMetrics,
    pure: true,
    testPreset: { minutes: 1440 },
    height: '22rem',
    load: () => component(import('./IterationBudget/IterationBudget.svelte')),
  }),
  entry({
    id: 'crossover-readout',
    title: 'How many zeros before sparse pays?',
    summary:
      'The essay in one number: the share of zeros from which a sparse (CSR) matrix-vector product beats a tuned dense one on this device, found by bisection, every answer checked.',
    chapter: 'sparsity',
    page: '/',
    params: crossoverReadoutParams,
    metrics: crossoverReadoutMetrics,
    testPreset: { n: 256 },
    height: '15rem',
    load: () => component(import('./CrossoverReadout/CrossoverReadout.svelte')),
  }),
  entry({
    id: 'sparsity-lab',
    title: 'Sparse against dense, measured on this device',
    summary:
      'Drag the sparsity of a random matrix and watch a dense and a CSR matrix-vector product race, verified, with the crossover found by bisection.',
    chapter: 'sparsity',
    params: sparsityLabParams,
    rules: sparsityLabRules,
    metrics: sparsityLabMetrics,
    testPreset: { n: 512, sparsity: 0.9 },
    height: '62rem',
    load: () => component(import('./SparsityLab/SparsityLab.svelte')),
  }),
  entry({
    id: 'crossover-atlas',
    title: 'Where sparse starts to win, by dense kernel and structure',
    summary:
      'Crossover searches for every dense tier (naive, tuned, SIMD) and structure (unstructured, blocks, 2:4) on this device, beside the same crossovers on an NVIDIA H200 and its Xeon host.',
    chapter: 'sparsity',
    params: crossoverAtlasParams,
    metrics: crossoverAtlasMetrics,
    testPreset: { n: 128 },
    height: '44rem',
    load: () => component(import('./CrossoverAtlas/CrossoverAtlas.svelte')),
  }),
  entry({
    id: 'storage-footprint',
    title: 'When does sparse storage save bytes?',
    summary:
      'Build real matrices in CSR, COO, BSR and a bitmap, count their bytes against dense from 0 to 99.99 % sparsity, and read off each format’s exact break-even, checked against its formula.',
    chapter: 'sparsity',
    params: storageFootprintParams,
    metrics: storageFootprintMetrics,
    testPreset: { n: 128 },
    height: '52rem',
    load: () => component(import('./StorageFootprint/StorageFootprint.svelte')),
  }),
  entry({
    id: 'dynamic-sparsity',
    title: 'What if the zeros move every step?',
    summary:
      'k-winners-take-all activations change every step: time a dense layer, a sparse format rebuilt each step, and a format-free gather of the active columns, verified, from 50 % down to 1 % active.',
    chapter: 'sparsity',
    params: dynamicSparsityParams,
    metrics: dynamicSparsityMetrics,
    testPreset: { n: 256 },
    height: '58rem',
    load: () => component(import('./DynamicSparsity/DynamicSparsity.svelte')),
  }),
  entry({
    id: 'interpreter-ladder',
    title: 'From a Python loop to SIMD: one dot product, seven ways',
    summary:
      'The same dot product (or matrix-vector product) in real CPython, CPython with the loop in C, a bytecode interpreter, plain and typed JavaScript arrays, a tuned loop and WebAssembly SIMD, verified, in ns per multiply-add, beside a native CPython and NumPy reference.',
    chapter: 'numpy-and-python',
    params: interpreterLadderParams,
    metrics: interpreterLadderMetrics,
    testPreset: { n: 1024 },
    height: '64rem',
    load: () => component(import('./InterpreterLadder/InterpreterLadder.svelte')),
  }),
  entry({
    id: 'vectorize-it',
    title: 'Loop or vectorise? One operation, both ways',
    summary:
      'Sum, dot, axpy or an element-wise reciprocal, as an interpreted loop over boxed values and as one compiled call over typed arrays, both verified, at the size you pick.',
    chapter: 'numpy-and-python',
    params: vectorizeItParams,
    metrics: vectorizeItMetrics,
    testPreset: { n: 4096 },
    height: '26rem',
    load: () => component(import('./VectorizeIt/VectorizeIt.svelte')),
  }),
  entry({
    id: 'numpy-timeline',
    title: 'From Fortran BLAS to deep-learning frameworks',
    summary:
      'BLAS, LINPACK and LAPACK, Python, Numeric, numarray and NumPy, the scientific Python libraries and the deep-learning frameworks on one timeline, every item sourced and marked where unverified.',
    chapter: 'numpy-and-python',
    params: numpyTimelineParams,
    metrics: numpyTimelineMetrics,
    pure: true,
    testPreset: { track: 'all' },
    height: '40rem',
    load: () => component(import('./NumpyTimeline/NumpyTimeline.svelte')),
  }),
  entry({
    id: 'memory-mountain',
    title: 'Your machine’s memory mountain',
    summary:
      'Read bandwidth against working-set size (4 KB to 64 MB) and stride, measured live with JavaScript and WebAssembly SIMD, every sum checked, with the cache levels found in the curve.',
    chapter: 'von-neumann-bottleneck',
    params: memoryMountainParams,
    metrics: memoryMountainMetrics,
    testPreset: { mode: 'quick', max: 256 },
    height: '50rem',
    load: () => component(import('./MemoryMountain/MemoryMountain.svelte')),
  }),
  entry({
    id: 'latency-vs-bandwidth',
    title: 'Waiting versus streaming: the same bytes, two orders',
    summary:
      'The same cache lines read in address order and by chasing pointers through a random cycle, at every working set: nanoseconds per line, so latency and bandwidth come apart.',
    chapter: 'von-neumann-bottleneck',
    params: latencyParams,
    metrics: latencyMetrics,
    testPreset: { mode: 'quick', max: 256 },
    height: '44rem',
    load: () => component(import('./LatencyVsBandwidth/LatencyVsBandwidth.svelte')),
  }),
  entry({
    id: 'energy-ledger',
    title: 'Where the joules of a product go',
    summary:
      'The energy of a dot product or a matrix-vector product, arithmetic against moving the operands from registers, SRAM or DRAM, from the Horowitz 45 nm table, as bars you can re-weight.',
    chapter: 'von-neumann-bottleneck',
    params: energyLedgerParams,
    rules: energyLedgerRules,
    metrics: energyLedgerMetrics,
    pure: true,
    testPreset: { op: 'dot', n: 1024 },
    height: '46rem',
    load: () => component(import('./EnergyLedger/EnergyLedger.svelte')),
  }),
  entry({
    id: 'roofline',
    title: 'Your roofline: which kernels hit the wall',
    summary:
      'This device’s measured peak compute and memory bandwidth draw its roofline; GEMV, GEMM, CSR SpMV and SpMM are placed by counted intensity and measured speed, each verified, with an H200 for reference.',
    chapter: 'von-neumann-bottleneck',
    params: rooflineParams,
    metrics: rooflineMetrics,
    testPreset: { n: 256, batch: 16, sparsity: 0.9 },
    height: '58rem',
    load: () => component(import('./Roofline/Roofline.svelte')),
  }),
];

export function widgetById(id: string): WidgetEntry | undefined {
  return widgets.find((w) => w.id === id);
}

/** The route a widget appears on: its own page if it has one, else its chapter's. */
export function widgetRoute(w: Pick<WidgetEntry, 'chapter' | 'page'>): string {
  return w.page ?? `/${w.chapter}/`;
}
