import { format } from 'd3-format';
import type { MetricUnit, MetricValue } from '../../src/state/metrics';

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

/** Energy in the unit that reads best: 3.7 pJ, 1.3 nJ, 2.1 µJ. */
export function formatJoules(j: number): string {
  const units: [number, string][] = [
    [1e-12, 'pJ'],
    [1e-9, 'nJ'],
    [1e-6, 'µJ'],
    [1e-3, 'mJ'],
    [1, 'J'],
  ];
  let [scale, unit] = units[0]!;
  for (const u of units) if (Math.abs(j) >= u[0]) [scale, unit] = u;
  return `${sig3(j / scale)} ${unit}`;
}

/** A declared metric's value as a reader sees it (src/state/metrics.ts lists the units). */
export function formatMetric(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'ms':
      return formatDuration(value);
    case 'ns':
      return `${sig3(value)} ns`;
    case 'ratio':
      return formatRatio(value);
    case 'sparsity':
      return formatSparsity(value);
    case 'bytes':
      return formatBytes(value);
    case 'gbps':
      return `${sig3(value)} GB/s`;
    case 'gflops':
      return `${sig3(value)} GFLOP/s`;
    case 'count':
      return formatCount(value);
    case 'fraction':
      return `${Number((value * 100).toPrecision(3))} %`;
    case 'joules':
      return formatJoules(value);
    case 'flop-per-byte':
      return `${sig3(value)} FLOP/byte`;
  }
}

/** How a metric value reads in prose: with "or less"/"above" for crossovers at the range's ends. */
export function describeValue(unit: MetricUnit, m: MetricValue): string {
  const text = formatMetric(unit, m.value);
  if (m.bound === 'above') return `above ${text}`;
  if (m.bound === 'below') return `${text} or less`;
  if (m.bound === 'noise') return `about ${text}`;
  return text;
}
