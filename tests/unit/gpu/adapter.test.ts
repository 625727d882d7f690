import { describe, expect, it } from 'vitest';
import { adapterLabel, describeAdapter, NO_ADAPTER_MESSAGE, openGpu } from '../../../src/gpu/open';
import type { GPUAdapter } from '../../../src/gpu/webgpu-types';

function fakeAdapter(info: Partial<NonNullable<GPUAdapter['info']>>, legacyFallback?: boolean) {
  return {
    features: new Set<string>(),
    limits: {},
    info: { vendor: '', architecture: '', device: '', description: '', ...info },
    ...(legacyFallback === undefined ? {} : { isFallbackAdapter: legacyFallback }),
  } as unknown as GPUAdapter;
}

describe('describeAdapter(adapter)', () => {
  it('labels an adapter that says isFallbackAdapter as a software fallback', () => {
    const a = describeAdapter(
      fakeAdapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }),
    );
    expect(a.fallback).toBe(true);
    expect(a.fallbackEvidence).toBe('isFallbackAdapter');
    expect(adapterLabel(a)).toBe('google swiftshader (software fallback, not a GPU)');
  });

  it('falls back on the SwiftShader name where isFallbackAdapter is missing', () => {
    const a = describeAdapter(
      fakeAdapter({ vendor: 'google', description: 'SwiftShader Device (Subzero)' }),
    );
    expect(a.fallback).toBe(true);
    expect(a.fallbackEvidence).toBe('swiftshader-name');
  });

  it('names a real GPU without any fallback label', () => {
    const a = describeAdapter(
      fakeAdapter({ vendor: 'apple', architecture: 'metal-3', isFallbackAdapter: false }),
    );
    expect(a.fallback).toBe(false);
    expect(adapterLabel(a)).toBe('apple metal-3');
  });

  it('reads the older adapter-level isFallbackAdapter too', () => {
    expect(describeAdapter(fakeAdapter({ vendor: 'x' }, true)).fallback).toBe(true);
  });
});

describe('openGpu()', () => {
  it('in Node (no navigator.gpu) reports that this browser exposes no WebGPU adapter', async () => {
    const r = await openGpu();
    expect(r).toMatchObject({ ok: false, reason: 'no-webgpu', message: NO_ADAPTER_MESSAGE });
  });
});
