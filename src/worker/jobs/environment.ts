/** `environment`: where measurements run — clock step, isolation, cores, WebAssembly SIMD. */
import type { Environment } from '../../bench/environment';
import { defineJob } from '../context';

export const environment = defineJob<Record<string, never>, Environment>({
  priority: 2,
  run: async (_params, ctx) => ctx.env,
});
