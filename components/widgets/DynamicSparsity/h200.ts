/**
 * The H200 measurements of sparsity that moves (content/data/h200-sparsity/
 * dynamic.jsonl, see its README): bundled with this widget only, read as they
 * are, and always shown with their machine and date.
 */
import raw from '../../../content/data/h200-sparsity/dynamic.jsonl?raw';

export const H200_LABEL = 'measured on one NVIDIA H200, 2026-11-28';

/** k-WTA on one vector: top-k + mask + dense W·x against top-k + gather of the k columns. */
export interface KwtaRow {
  kind: 'kwta';
  dtype: string;
  n: number;
  active: number;
  /** kwta_dense_ms / kwta_gather_ms: above 1, gathering wins. */
  speedup_gather: number;
}

/** A pattern that changes every step: dense→CSR conversion paid before every SpMM. */
export interface ReconvertRow {
  kind: 'reconvert';
  dtype: string;
  n: number;
  b: number;
  sparsity: number;
  speedup_static: number;
  speedup_dynamic: number;
}

type Row = KwtaRow | ReconvertRow | { kind: 'meta' };

const rows = raw
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

export const KWTA: readonly KwtaRow[] = rows
  .filter((r): r is KwtaRow => r.kind === 'kwta')
  .sort((a, b) => a.active - b.active);

export const RECONVERT: readonly ReconvertRow[] = rows.filter(
  (r): r is ReconvertRow => r.kind === 'reconvert',
);

/** The largest active share at which gathering still beat dense, or null. */
export function largestWinningShare(dtype: string): number | null {
  const wins = KWTA.filter((r) => r.dtype === dtype && r.speedup_gather > 1);
  return wins.length === 0 ? null : Math.max(...wins.map((r) => r.active));
}

export function kwtaAt(dtype: string, active: number): KwtaRow | undefined {
  return KWTA.find((r) => r.dtype === dtype && r.active === active);
}
