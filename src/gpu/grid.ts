/**
 * Folds `groups` workgroups into an x × y grid with x ≤ `maxPerDimension`
 * (WebGPU guarantees 65 535). Kernels unfold it and skip the spare groups
 * of the last row. Null when even a square grid cannot hold them.
 */
export function foldGrid(groups: number, maxPerDimension: number): [number, number] | null {
  if (groups <= maxPerDimension) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDimension);
  return y <= maxPerDimension ? [maxPerDimension, y] : null;
}
