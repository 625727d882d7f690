/**
 * What the scale-of-cats widget compares, apart from the data itself, so the
 * widget's parameter schema (loaded with the registry on every page) does not
 * carry the data file.
 */
export type CatsMetric = 'machines' | 'cpuCores' | 'gpus' | 'days' | 'parameters' | 'costUsd';

export const CATS_METRICS: readonly { id: CatsMetric; label: string; unit: string }[] = [
  { id: 'machines', label: 'Machines', unit: 'machines' },
  { id: 'cpuCores', label: 'CPU cores', unit: 'cores' },
  { id: 'gpus', label: 'GPUs', unit: 'GPUs' },
  { id: 'days', label: 'Training time', unit: 'days' },
  { id: 'parameters', label: 'Network size', unit: 'parameters' },
  { id: 'costUsd', label: 'Reported hardware cost', unit: 'US dollars' },
];
