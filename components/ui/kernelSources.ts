/**
 * The source files a widget can show under "Show the code that ran", each a
 * lazy `?raw` import (its own small chunk, never page weight). One list, so a
 * widget names the files it ran and CodeView loads them.
 */
const SOURCES = {
  'src/bench/crossover.ts': () => import('../../src/bench/crossover.ts?raw'),
  'src/kernels/dense.ts': () => import('../../src/kernels/dense.ts?raw'),
  'src/kernels/csr.ts': () => import('../../src/kernels/csr.ts?raw'),
  'src/kernels/coo.ts': () => import('../../src/kernels/coo.ts?raw'),
  'src/kernels/bsr.ts': () => import('../../src/kernels/bsr.ts?raw'),
  'src/kernels/nm.ts': () => import('../../src/kernels/nm.ts?raw'),
  'src/kernels/bitmap.ts': () => import('../../src/kernels/bitmap.ts?raw'),
  'src/kernels/kwta.ts': () => import('../../src/kernels/kwta.ts?raw'),
  'src/kernels/graph.ts': () => import('../../src/kernels/graph.ts?raw'),
  'src/kernels/queens.ts': () => import('../../src/kernels/queens.ts?raw'),
  'src/kernels/random-csr.ts': () => import('../../src/kernels/random-csr.ts?raw'),
  'src/kernels/assembly/gemv.ts': () => import('../../src/kernels/assembly/gemv.ts?raw'),
  'src/kernels/assembly/gemm.ts': () => import('../../src/kernels/assembly/gemm.ts?raw'),
  'src/kernels/assembly/dot.ts': () => import('../../src/kernels/assembly/dot.ts?raw'),
  'src/kernels/interpreter.ts': () => import('../../src/kernels/interpreter.ts?raw'),
  'src/kernels/dot.ts': () => import('../../src/kernels/dot.ts?raw'),
  'src/kernels/elementwise.ts': () => import('../../src/kernels/elementwise.ts?raw'),
  'src/kernels/memory.ts': () => import('../../src/kernels/memory.ts?raw'),
  'src/python/ladder.py': () => import('../../src/python/ladder.py?raw'),

  'src/kernels/assembly/read.ts': () => import('../../src/kernels/assembly/read.ts?raw'),
  'src/kernels/peak.ts': () => import('../../src/kernels/peak.ts?raw'),
  'src/kernels/assembly/probe.ts': () => import('../../src/kernels/assembly/probe.ts?raw'),
  'src/data/energy.ts': () => import('../../src/data/energy.ts?raw'),
  'src/gpu/shaders/gemv.ts': () => import('../../src/gpu/shaders/gemv.ts?raw'),
  'src/gpu/shaders/gemm.ts': () => import('../../src/gpu/shaders/gemm.ts?raw'),
  'src/gpu/shaders/spmv.ts': () => import('../../src/gpu/shaders/spmv.ts?raw'),
  'src/gpu/shaders/spmm.ts': () => import('../../src/gpu/shaders/spmm.ts?raw'),
} satisfies Record<string, () => Promise<{ default: string }>>;

export type SourcePath = keyof typeof SOURCES;

/** Loaders for the named files, in the order given, for CodeView's `files`. */
export function sources(
  ...paths: SourcePath[]
): Record<string, () => Promise<{ default: string }>> {
  return Object.fromEntries(paths.map((p) => [p, SOURCES[p]]));
}
