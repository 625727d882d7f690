/**
 * The source files a widget can show under "Show the code that ran", each a
 * lazy `?highlight` import (its own small chunk, never page weight; highlighted at
 * build time by scripts/highlight.mjs). One list, so a widget names the files it
 * ran and CodeView loads them.
 */
/** A file's text, and its lines as HTML highlighted at build time (scripts/highlight.mjs). */
export interface HighlightedSource {
  text: string;
  lines: string[];
}

const SOURCES = {
  'src/bench/crossover.ts': () => import('../../src/bench/crossover.ts?highlight'),
  'src/kernels/dense.ts': () => import('../../src/kernels/dense.ts?highlight'),
  'src/kernels/csr.ts': () => import('../../src/kernels/csr.ts?highlight'),
  'src/kernels/coo.ts': () => import('../../src/kernels/coo.ts?highlight'),
  'src/kernels/bsr.ts': () => import('../../src/kernels/bsr.ts?highlight'),
  'src/kernels/nm.ts': () => import('../../src/kernels/nm.ts?highlight'),
  'src/kernels/bitmap.ts': () => import('../../src/kernels/bitmap.ts?highlight'),
  'src/kernels/kwta.ts': () => import('../../src/kernels/kwta.ts?highlight'),
  'src/kernels/graph.ts': () => import('../../src/kernels/graph.ts?highlight'),
  'src/kernels/queens.ts': () => import('../../src/kernels/queens.ts?highlight'),
  'src/kernels/random-csr.ts': () => import('../../src/kernels/random-csr.ts?highlight'),
  'src/kernels/assembly/gemv.ts': () => import('../../src/kernels/assembly/gemv.ts?highlight'),
  'src/kernels/assembly/gemm.ts': () => import('../../src/kernels/assembly/gemm.ts?highlight'),
  'src/kernels/assembly/dot.ts': () => import('../../src/kernels/assembly/dot.ts?highlight'),
  'src/kernels/interpreter.ts': () => import('../../src/kernels/interpreter.ts?highlight'),
  'src/kernels/dot.ts': () => import('../../src/kernels/dot.ts?highlight'),
  'src/kernels/elementwise.ts': () => import('../../src/kernels/elementwise.ts?highlight'),
  'src/kernels/memory.ts': () => import('../../src/kernels/memory.ts?highlight'),
  'src/python/ladder.py': () => import('../../src/python/ladder.py?highlight'),

  'src/kernels/assembly/read.ts': () => import('../../src/kernels/assembly/read.ts?highlight'),
  'src/kernels/peak.ts': () => import('../../src/kernels/peak.ts?highlight'),
  'src/kernels/assembly/probe.ts': () => import('../../src/kernels/assembly/probe.ts?highlight'),
  'src/data/energy.ts': () => import('../../src/data/energy.ts?highlight'),
  'src/gpu/shaders/gemv.ts': () => import('../../src/gpu/shaders/gemv.ts?highlight'),
  'src/gpu/shaders/gemm.ts': () => import('../../src/gpu/shaders/gemm.ts?highlight'),
  'src/gpu/shaders/spmv.ts': () => import('../../src/gpu/shaders/spmv.ts?highlight'),
  'src/gpu/shaders/spmm.ts': () => import('../../src/gpu/shaders/spmm.ts?highlight'),
} satisfies Record<string, () => Promise<{ default: HighlightedSource }>>;

export type SourcePath = keyof typeof SOURCES;

/** Loaders for the named files, in the order given, for CodeView's `files`. */
export function sources(
  ...paths: SourcePath[]
): Record<string, () => Promise<{ default: HighlightedSource }>> {
  return Object.fromEntries(paths.map((p) => [p, SOURCES[p]]));
}
