import type { Dense } from './dense';
import { generate, randomDense, type Structure } from './generate';

/**
 * One product problem, Y = A·X: the whole recipe for its inputs. The widgets,
 * `npm run bench` and the tests all build inputs from a Problem through
 * `buildProblem`, so the same spec gives bit-identical matrices everywhere.
 */
export interface Problem {
  /** A is n × n. */
  n: number;
  /** Columns of X: 1 is a matrix-vector product (SpMV), more a matrix-matrix one (SpMM). */
  batch: number;
  /** Share of A's entries that are zero, in [0, 1]. */
  sparsity: number;
  structure: Structure;
  dtype: Dense['dtype'];
  seed: number;
  /** Tile edge of the `block` structure (default 4). */
  blockSize?: number;
}

export interface BuiltProblem {
  problem: Problem;
  a: Dense;
  x: Dense;
  /** Nonzeros actually placed, and the sparsity that makes (2:4 cannot go below 50 %). */
  nnz: number;
  sparsity: number;
}

/**
 * The inputs of a problem. A comes from the seed's matrix stream and X from its
 * vector stream (see generate.ts), so they never share random numbers.
 *
 * Contract: every kernel in this library assumes finite inputs. A dense kernel
 * multiplies the zeros it stores (0 · ∞ is NaN) while a sparse one skips them,
 * so with an infinite or NaN x the formats would disagree; generators here only
 * ever produce finite values, and `assertFinite` guards foreign inputs.
 */
export function buildProblem(problem: Problem): BuiltProblem {
  const { n, batch, dtype, seed, sparsity, structure } = problem;
  // Named one by one: the N:M generator's own `n` (kept per group) is not the matrix size.
  const g = generate({
    rows: n,
    cols: n,
    sparsity,
    dtype,
    seed,
    structure,
    blockSize: problem.blockSize ?? 4,
  });
  return {
    problem,
    a: g.dense,
    x: randomDense(n, batch, dtype, seed),
    nnz: g.nnz,
    sparsity: g.sparsity,
  };
}

/** Throws a RangeError naming the first non-finite entry: the library's input contract (see buildProblem). */
export function assertFinite(name: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new RangeError(
        `${name}[${i}] is ${data[i]}: the kernels take finite inputs only (a dense kernel would turn 0 · ${data[i]} into NaN where a sparse one skips the zero).`,
      );
    }
  }
}

/**
 * A fingerprint of the inputs: FNV-1a over their 32-bit words. Equal
 * fingerprints mean bit-identical A and X, so two machines (or the page and
 * `npm run bench`) can show they measured the same problem.
 */
export function problemChecksum(built: BuiltProblem): string {
  let h = 0x811c9dc5;
  for (const arr of [built.a.data, built.x.data]) {
    const words = new Uint32Array(arr.buffer, arr.byteOffset, arr.byteLength >> 2);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
