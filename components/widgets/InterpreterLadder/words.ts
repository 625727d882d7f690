/**
 * The interpreter ladder's sentences that depend on the numbers: what a size
 * means, and how the shipped native rows are labelled.
 */
import type { LadderOp } from '../../../src/bench/ladder';
import type { NativeRow } from '../../../src/data/native-python';
import { formatBytes, formatCount } from '../../ui/format';

/** What the reader should expect at this size, the tiny case above all. */
export function sizeNote(op: LadderOp, n: number): string {
  const what = op === 'dot' ? 'each vector' : 'the matrix';
  const bytes = formatBytes(8 * n);
  if (n <= 16)
    return `Tiny: each call does at most ${n} multiply-add${n === 1 ? '' : 's'}, so the times below are mostly each rung’s fixed cost per call — entering the function, checking its arguments, crossing into WebAssembly or Python — not arithmetic. The fast rungs lose most of their lead here.`;
  if (n <= 1024)
    return `Small: ${what} holds ${bytes}. Fixed costs per call are still a visible part of the fast rungs’ times (see “fixed cost” on each rung).`;
  if (n <= 65536)
    return `Medium: ${what} holds ${bytes}, small enough to stay in the processor’s caches on most machines, so the fast rungs run at full speed.`;
  return `Large: ${what} holds ${bytes}, more than most processors’ fast caches, so the fastest rungs start to wait on memory while the interpreters barely notice.`;
}

/** A size as the size menu shows it. */
export function sizeLabel(n: number): string {
  if (n <= 16) return `${formatCount(n)} (tiny)`;
  if (n >= 262144) return `${formatCount(n)} (large)`;
  return formatCount(n);
}

/** How a native row is named beside the reader's rungs. */
export function nativeLabel(
  row: NativeRow & { python: string; numpyVersion: string | null },
): string {
  switch (row.rung) {
    case 'python-loop':
      return `CPython ${row.python}, loop in Python`;
    case 'python-c-loop':
      return `CPython ${row.python}, ${row.kernel}`;
    case 'map-mul':
      return `CPython ${row.python}, ${row.kernel}`;
    case 'numpy':
      return `NumPy ${row.numpyVersion ?? ''} on CPython ${row.python}, ${row.kernel}`;
  }
}
