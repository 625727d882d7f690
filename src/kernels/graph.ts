import { createRng } from './prng';

/**
 * A directed graph in CSR adjacency form: the out-neighbours of vertex v are
 * `targets[offsets[v] .. offsets[v+1])`. The same three-array idea as a sparse
 * matrix (csr.ts) without values: the graph's edges are its nonzeros.
 *
 *   0 → 1, 2        offsets = [0, 2, 3, 3]
 *   1 → 2           targets = [1, 2, 2]
 *   2 (no edges)
 *
 * Breadth-first search over it is the lottery's "pointer chasing" idea: each
 * step loads an edge, then uses the vertex it names as an address somewhere
 * else in memory. Symbolic and graph reasoning (linked lists, trees, semantic
 * networks) move through memory this way; dense arithmetic never does.
 */
export interface Graph {
  readonly vertices: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

export function graphEdges(g: Graph): number {
  return g.offsets[g.vertices]!;
}

/** Bytes of a graph with this many vertices and edges (offsets + targets). */
export function graphBytesFor(vertices: number, edges: number): number {
  return 4 * (vertices + 1) + 4 * edges;
}

/**
 * A seeded random graph: every vertex gets `degree` out-edges to vertices drawn
 * uniformly (repeats and self-loops allowed, as in a random multigraph). Vertex
 * numbers carry no locality, so neighbours sit anywhere in memory.
 */
export function randomGraph(vertices: number, degree: number, seed: number): Graph {
  if (!Number.isInteger(vertices) || vertices < 0) throw new RangeError('vertices must be ≥ 0');
  if (!Number.isInteger(degree) || degree < 0) throw new RangeError('degree must be ≥ 0');
  const rng = createRng(seed, 3);
  const offsets = new Int32Array(vertices + 1);
  const targets = new Int32Array(vertices * degree);
  for (let v = 0; v < vertices; v++) {
    offsets[v + 1] = (v + 1) * degree;
    for (let e = v * degree; e < (v + 1) * degree; e++) targets[e] = rng.nextInt(vertices);
  }
  return { vertices, offsets, targets };
}

export interface BfsCount {
  /** Vertices reached from the source, the source included. */
  reached: number;
  /** Out-edges examined: the edges of every reached vertex (Graph 500's "traversed edges"). */
  edges: number;
}

/**
 * Breadth-first search from `source`: `dist[v]` becomes the number of edges on
 * a shortest path from the source, or -1 when v is unreachable. `queue` is
 * scratch space of at least `vertices` entries; the caller allocates both, so
 * repeated runs allocate nothing.
 */
export function bfs(g: Graph, source: number, dist: Int32Array, queue: Int32Array): BfsCount {
  const { offsets, targets } = g;
  dist.fill(-1, 0, g.vertices);
  if (g.vertices === 0) return { reached: 0, edges: 0 };
  dist[source] = 0;
  queue[0] = source;
  let head = 0;
  let tail = 1;
  let edges = 0;
  while (head < tail) {
    const u = queue[head++]!;
    const next = dist[u]! + 1;
    const end = offsets[u + 1]!;
    const start = offsets[u]!;
    edges += end - start;
    for (let e = start; e < end; e++) {
      const v = targets[e]!;
      // The scattered load: dist[v] lives wherever v's number says.
      if (dist[v]! < 0) {
        dist[v] = next;
        queue[tail++] = v;
      }
    }
  }
  return { reached: tail, edges };
}
