import { defineMetrics, type MetricSpec } from '../../../src/state/metrics';
import type { Idea } from '../../../src/bench/lottery';

const score = (idea: string): MetricSpec => ({
  unit: 'ratio',
  label: `${idea} score`,
  meaning: `${idea}: useful work per second on this device ÷ the same task’s rate on the reference machine.`,
});

/** The winner's code in `winner`: IDEAS order + 1, as src/data/lottery.ts numbers it. */
export const WINNER_CODES: Readonly<Record<Idea, number>> = {
  dense: 1,
  sparse: 2,
  graph: 3,
  search: 4,
};

export const metrics = defineMetrics({
  winner: {
    unit: 'count',
    label: 'Winner',
    meaning:
      'The idea this device favours most against the reference machine: 1 dense, 2 sparse, 3 graph, 4 search.',
  },
  margin: {
    unit: 'ratio',
    label: 'Winning margin',
    meaning: 'The winner’s score ÷ the runner-up’s.',
  },
  spread: {
    unit: 'ratio',
    label: 'Spread',
    meaning: 'The best score ÷ the worst: how far this change of hardware tilts the four ideas.',
  },
  'dense-score': score('Dense multiply'),
  'sparse-score': score('Sparse product'),
  'graph-score': score('Graph traversal'),
  'search-score': score('Backtracking search'),
  'dense-gflops': {
    unit: 'gflops',
    label: 'Dense multiply rate',
    meaning: 'Dense matrix multiply, GFLOP/s measured on this device.',
  },
  'sparse-gflops': {
    unit: 'gflops',
    label: 'Sparse product rate',
    meaning: 'Sparse matrix × vector, useful GFLOP/s (on the nonzeros) measured on this device.',
  },
  'graph-ns-per-edge': {
    unit: 'ns',
    label: 'Graph traversal, per edge',
    meaning: 'Breadth-first search: nanoseconds per edge traversed on this device.',
  },
  'search-ns-per-node': {
    unit: 'ns',
    label: 'Search, per node',
    meaning: 'N-queens backtracking: nanoseconds per search-tree node on this device.',
  },
});
