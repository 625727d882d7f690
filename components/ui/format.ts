import { format } from 'd3-format';

const sig3 = format('.3~r');
const thousands = format(',');

/** A duration in the unit that reads best: 12.3 µs, 4.56 ms, 1.23 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${sig3(ms * 1000)} µs`;
  if (ms < 1000) return `${sig3(ms)} ms`;
  return `${sig3(ms / 1000)} s`;
}

/** Sparsity as a percentage with just enough digits: 90 %, 99.5 %, 99.99 %. */
export function formatSparsity(s: number): string {
  const pct = s * 100;
  const digits = pct >= 99.9 ? 2 : pct >= 99 ? 1 : pct >= 90 ? 1 : 0;
  return `${Number(pct.toFixed(digits))} %`;
}

export function formatRatio(r: number): string {
  return `${sig3(r)}×`;
}

export function formatCount(n: number): string {
  return thousands(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${sig3(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${sig3(bytes / 1024 ** 2)} MB`;
  return `${sig3(bytes / 1024 ** 3)} GB`;
}

/** A square matrix's size: 512 × 512. */
export function formatSquare(n: number): string {
  return `${n} × ${n}`;
}

/** A batch of k right-hand sides, named by the product it makes: 1 (SpMV), 16 (SpMM). */
export function formatBatch(k: number): string {
  return k === 1 ? '1 (SpMV)' : `${k} (SpMM)`;
}
