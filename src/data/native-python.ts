/**
 * The native reference shipped with the NumPy chapter
 * (content/data/native-python/): the ladder's Python code, the standard
 * library's C loop and NumPy, measured natively on one machine and date. Shown
 * beside the reader's rungs, always labelled, never mixed with them.
 */
import type { LadderOp } from '../bench/ladder';
import doc from '../../content/data/native-python/2026-11-29.json';

export type NativeRung = 'python-loop' | 'python-c-loop' | 'map-mul' | 'numpy';

export interface NativeRow {
  op: LadderOp;
  n: number;
  rows: number;
  cols: number;
  rung: NativeRung;
  kernel: string;
  nsPerElement: number;
  q1NsPerElement: number;
  q3NsPerElement: number;
  callNs: number;
  reps: number;
  verified: boolean;
}

export interface ElementwiseRow {
  kernel: 'numpy-loop' | 'comprehension-numpy' | 'loop' | 'comprehension' | 'numpy';
  code: string;
  n: number;
  medianMs: number;
  nsPerElement: number;
  verified: boolean;
}

export interface NativeRun {
  python: string;
  implementation: string;
  numpy: string | null;
  blas: string | null;
  cLoop: string;
  results: NativeRow[];
  elementwise: ElementwiseRow[];
}

export interface NativeReference {
  date: string;
  machine: { cpu: string; logicalCores: number; os: string; note: string };
  method: string;
  runs: NativeRun[];
}

export const NATIVE_REFERENCE = doc as unknown as NativeReference;

/** "measured natively on AMD EPYC (family 25, model 17), 2 cores, 2026-11-29". */
export function nativeSource(ref: NativeReference = NATIVE_REFERENCE): string {
  return `measured natively on ${ref.machine.cpu}, ${ref.machine.logicalCores} cores, ${ref.date}`;
}

/**
 * The native rows nearest to a size (in log scale), one per rung, labelled
 * with their interpreter: what the ladder shows beside the reader's own rungs.
 */
export function nativeRowsNear(
  op: LadderOp,
  n: number,
  ref: NativeReference = NATIVE_REFERENCE,
): (NativeRow & { python: string; numpyVersion: string | null })[] {
  const rows = ref.runs.flatMap((run) =>
    run.results
      .filter((r) => r.op === op && r.verified)
      .map((r) => ({ ...r, python: run.python, numpyVersion: run.numpy })),
  );
  if (rows.length === 0) return [];
  const distance = (m: number): number => Math.abs(Math.log(m) - Math.log(Math.max(1, n)));
  const nearest = rows.reduce((best, r) => (distance(r.n) < distance(best.n) ? r : best)).n;
  return rows.filter((r) => r.n === nearest);
}
