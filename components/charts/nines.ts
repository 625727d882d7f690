/**
 * The "nines" sparsity scale every sparsity chart draws: t = −log10(1 − s), so
 * 0 % → 0, 90 % → 1, 99 % → 2, 99.9 % → 3, 99.99 % → 4. Equal room for each
 * nine, because the crossovers that matter sit between 90 % and 99.99 %.
 * (The crossover search bisects on the same scale: src/bench/crossover.ts.)
 */
import { formatSparsity } from '../ui/format';

export const toNines = (sparsity: number): number => -Math.log10(1 - sparsity);
export const fromNines = (t: number): number => 1 - 10 ** -t;

const TICKS = [0, 0.5, 0.9, 0.99, 0.999, 0.9999];
/** On a phone, 0 % and 50 % would collide. */
const NARROW_TICKS = [0, 0.9, 0.99, 0.999, 0.9999];

/** Plot's x scale for sparsity on the nines scale, ticks thinned for narrow charts. */
export function ninesAxis(width: number, label = 'Sparsity (share of zeros) →') {
  return {
    domain: [0, 4],
    ticks: (width < 520 ? NARROW_TICKS : TICKS).map(toNines),
    tickFormat: (t: number) => formatSparsity(fromNines(t)),
    label,
    labelAnchor: 'right' as const,
  };
}
