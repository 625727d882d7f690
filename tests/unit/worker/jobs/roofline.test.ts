import { beforeAll, describe, expect, it } from 'vitest';
import {
  ROOFLINE_DEFAULTS,
  rooflineBytes,
  type RooflineProgress,
} from '../../../../src/bench/roofline';
import type { SimdKernels } from '../../../../src/kernels/wasm';
import { roofline, type RooflineJobParams } from '../../../../src/worker/jobs/roofline';
import { countAllocations } from '../../bench/allocations';
import { loadKernelsForTest } from '../../kernels/wasm-fixture';
import { nodeContext } from '../node-context';

const jumpy = () => {
  let t = 0;
  return { now: () => (t += 20) };
};

let simd: SimdKernels;
beforeAll(async () => {
  simd = await loadKernelsForTest();
}, 60_000);

const small: RooflineJobParams = {
  dtype: 'f64',
  nVector: 128,
  nMatrix: 64,
  batch: 8,
  sparsity: 0.9,
  seed: 1,
  memoryBytes: 256 * 1024,
};

describe('roofline.run(params, ctx)', () => {
  it('reports each stage, verifies every kernel and places them, and leaves a small module memory', async () => {
    const stages: string[] = [];
    const r = await roofline.run(
      small,
      nodeContext<RooflineProgress>({
        simd,
        clock: jumpy(),
        progress: (_d, _t, p) => stages.push(p.kind),
      }),
    );
    expect(stages).toEqual(['peak', 'memory', 'kernels', 'kernels']);
    expect(r.verified).toBe(true);
    expect(r.kernels.map((k) => k.op)).toEqual(['gemv', 'gemv', 'spmv', 'gemm', 'gemm', 'spmm']);
    expect(r.simdUnavailable).toBeNull();
    expect(simd.memory.buffer.byteLength).toBeLessThan(simd.overheadBytes + 64 * 1024);
  });

  it('without SIMD, measures the scalar roof and the JavaScript kernels, and says why', async () => {
    const r = await roofline.run(
      { ...small, memoryBytes: 0 },
      nodeContext({ clock: jumpy(), simdUnavailable: 'The kernels could not load (test).' }),
    );
    expect(r.compute.map((c) => c.tier)).toEqual(['scalar']);
    expect(r.simdUnavailable).toMatch(/could not load.*scalar roof/);
    expect(r.notes.filter((n) => /SIMD|could not load/.test(n))).toHaveLength(1);
  });

  it('with the corrupt fault (test builds), SpMV fails its check', async () => {
    const r = await roofline.run(small, nodeContext({ simd, clock: jumpy(), fault: 'corrupt' }));
    expect(r.runs.find((x) => x.op === 'spmv')!.verified).toBe(false);
    expect(r.verified).toBe(false);
  });

  it('caps a problem over the memory budget and says so', async () => {
    const r = await roofline.run(
      { ...small, nVector: 8192, memoryBytes: 0, nMatrix: 16, batch: 2 },
      nodeContext({ simd, clock: jumpy() }),
    );
    expect(r.params.nVector).toBeLessThan(8192);
    expect(r.binding).not.toBeNull();
    expect(r.notes.join(' ')).toMatch(/GEMV and SpMV at n = 8192/);
  }, 60_000);

  it('its memory model covers what it allocates (n = 768, 8 MB read, SIMD)', async () => {
    const params = { ...small, nVector: 768, nMatrix: 256, batch: 16, memoryBytes: 8 * 2 ** 20 };
    const { bytes, result } = await countAllocations(() =>
      roofline.run(params, nodeContext({ simd, clock: jumpy() })),
    );
    expect(result.verified).toBe(true);
    const model = rooflineBytes(
      { ...ROOFLINE_DEFAULTS, ...params, simd: true },
      simd.overheadBytes,
    );
    expect(model, `allocated ${bytes} bytes`).toBeGreaterThanOrEqual(bytes);
    expect(model).toBeLessThan(bytes * 2.5 + 12 * 2 ** 20);
  }, 60_000);
});
