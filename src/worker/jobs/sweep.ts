/** `sweep`: a whole speedup-vs-sparsity curve, each point streamed as it lands. */
import { defineJob } from '../context';
import { runRace, setUpRace, type CurveParams, type ProductResult } from './product';

export interface SweepParams extends CurveParams {
  sparsities: number[];
}

export const sweep = defineJob<SweepParams, ProductResult[], { result: ProductResult }>({
  priority: 0,
  async run(params, ctx) {
    const { sparsities, ...curve } = params;
    const setup = await setUpRace(curve, ctx);
    const results: ProductResult[] = [];
    for (const sparsity of sparsities) {
      const result = await runRace(setup, sparsity, ctx);
      if (result.speedup === null) {
        throw new Error(
          `A kernel's answer failed verification at ${(sparsity * 100).toFixed(2)} % sparsity: the sweep stopped rather than chart it.`,
        );
      }
      results.push(result);
      ctx.progress(results.length, sparsities.length, { result });
    }
    return results;
  },
});
