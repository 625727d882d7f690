/**
 * The job table: every kind of work the measuring worker does, one module
 * each. The worker runs jobs from this table and the protocol's types are
 * derived from it, so adding a kind is one module plus one line here.
 */
import { atlas } from './atlas';
import { crossover } from './crossover';
import { dynamic } from './dynamic';
import { environment } from './environment';
import { footprint } from './footprint';
import { gpuAdapter } from './gpu-adapter';
import { gpuCrossover } from './gpu-crossover';
import { gpuProduct } from './gpu-product';
import { gpuSweep } from './gpu-sweep';
import { ladder } from './ladder';
import { ladderPython } from './ladder-python';
import { lottery } from './lottery';

import { latency } from './latency';
import { mountain } from './mountain';
import { product } from './product';
import { roofline } from './roofline';
import { sweep } from './sweep';
import { vectorize } from './vectorize';

export const JOBS = {
  environment,
  product,
  crossover,
  sweep,
  atlas,
  footprint,
  dynamic,
  lottery,
  ladder,
  'ladder-python': ladderPython,
  vectorize,

  mountain,
  latency,
  roofline,
  'gpu-adapter': gpuAdapter,
  'gpu-product': gpuProduct,
  'gpu-crossover': gpuCrossover,
  'gpu-sweep': gpuSweep,
};
