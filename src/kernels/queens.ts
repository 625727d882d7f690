/**
 * The lottery's "branchy search" idea: count the ways to place n queens on an
 * n × n board so that none attacks another, by backtracking. Each step tries a
 * square, and whether it continues depends on the board so far: the work is
 * decisions, not arithmetic, and a CPU's branch predictor guesses many of them
 * wrong. Constraint search and game-tree search in symbolic AI have this shape.
 *
 * The puzzle needs no seed: its size is the whole problem, and the number of
 * solutions is known (OEIS A000170), so every run checks itself.
 */
export interface QueensCount {
  /** Complete placements of n queens. */
  solutions: number;
  /** Queens placed on a square no earlier queen attacks: the search tree's nodes, root excluded. */
  nodes: number;
}

/** Solutions for n = 0 … 18 (OEIS A000170; n = 0 counts the empty board once). */
export const QUEENS_SOLUTIONS: readonly number[] = [
  1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596, 2279184, 14772512, 95815104,
  666090624,
];

/** Largest board whose masks (n bits plus a shift) stay positive 32-bit integers. */
export const QUEENS_MAX_N = 30;

/**
 * Backtracking with bitmasks, one row at a time: three masks hold the columns
 * and the two diagonals already attacked, so the free squares of a row are one
 * expression, and the lowest free square is `free & -free`. An explicit stack
 * of masks replaces recursion so the loop allocates nothing per node.
 */
export function countQueens(
  n: number,
  stack: Int32Array = new Int32Array(4 * (n + 1)),
): QueensCount {
  if (!Number.isInteger(n) || n < 0 || n > QUEENS_MAX_N) {
    throw new RangeError(`n must be an integer in 0 … ${QUEENS_MAX_N}`);
  }
  if (n === 0) return { solutions: 1, nodes: 0 };
  const all = (1 << n) - 1;
  let solutions = 0;
  let nodes = 0;
  // Per row: columns, left diagonals, right diagonals attacked, and squares still to try.
  let row = 0;
  stack[0] = 0;
  stack[1] = 0;
  stack[2] = 0;
  stack[3] = all;
  while (row >= 0) {
    const s = 4 * row;
    const free = stack[s + 3]!;
    if (free === 0) {
      row--;
      continue;
    }
    const bit = free & -free;
    stack[s + 3] = free ^ bit;
    nodes++;
    if (row === n - 1) {
      solutions++;
      continue;
    }
    const cols = stack[s]! | bit;
    const left = ((stack[s + 1]! | bit) << 1) & all;
    const right = (stack[s + 2]! | bit) >>> 1;
    const t = s + 4;
    stack[t] = cols;
    stack[t + 1] = left;
    stack[t + 2] = right;
    stack[t + 3] = all & ~(cols | left | right);
    row++;
  }
  return { solutions, nodes };
}

/** Scratch entries `countQueens` needs for a board of size n. */
export function queensStackLength(n: number): number {
  return 4 * (n + 1);
}
