import {
  navigatorGpu,
  type GPU,
  type GPUAdapter,
  type GPUAdapterInfo,
  type GPUDevice,
} from './webgpu-types';

/** The optional features the kernels use when the adapter has them. */
export type GpuFeature = 'timestamp-query' | 'shader-f16' | 'subgroups';
export const GPU_FEATURES: readonly GpuFeature[] = ['timestamp-query', 'shader-f16', 'subgroups'];

/** Who did the arithmetic, for the label next to every GPU result. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /**
   * A software or otherwise degraded adapter (SwiftShader on the CPU): its
   * times are the CPU's, never to be called a GPU's.
   */
  fallback: boolean;
  /** How `fallback` was decided: the adapter said so, or its name is SwiftShader's. */
  fallbackEvidence: 'isFallbackAdapter' | 'swiftshader-name' | 'none';
  /** Smallest and largest subgroup size, where the browser says (0 when unknown). */
  subgroupMinSize: number;
  subgroupMaxSize: number;
}

/** The device limits the kernels respect (the device's, raised to what the adapter allows). */
export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupsPerDimension: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupStorageSize: number;
}

/** A lost device, as an event a page can report. */
export interface GpuLost {
  kind: 'device-lost';
  /** 'destroyed': our own `destroy()` (the test hook, or `close`); 'unknown': the browser or driver took it. */
  reason: 'destroyed' | 'unknown';
  message: string;
  /** Lost on purpose through `forceLoss()` (the test hook). */
  forced: boolean;
}

export interface Gpu {
  readonly device: GPUDevice;
  readonly adapter: AdapterDescription;
  /** What this device was opened with (the adapter's offer, minus any `disableFeatures`). */
  readonly features: Readonly<Record<GpuFeature, boolean>>;
  readonly limits: GpuLimits;
  /** Settles once, when the device is lost for any reason. */
  readonly lost: Promise<GpuLost>;
  isLost(): boolean;
  /** Test hook: destroys the device and resolves with the loss event it causes. */
  forceLoss(): Promise<GpuLost>;
  /** Releases the device (reported as a loss with reason 'destroyed', not forced). */
  close(): void;
}

export type GpuUnavailableReason =
  /** No `navigator.gpu`: the browser has no WebGPU, or the page is not a secure context. */
  | 'no-webgpu'
  /** `requestAdapter()` gave null: WebGPU exists but is off or blocked (no flag, blocklisted driver). */
  | 'no-adapter'
  /** The adapter refused a device. */
  | 'device-failed';

export type GpuOpen =
  | { ok: true; gpu: Gpu }
  | { ok: false; reason: GpuUnavailableReason; message: string; detail: string };

export interface OpenGpuOptions {
  powerPreference?: 'low-power' | 'high-performance';
  /** Called once when the device is lost (also available as `gpu.lost`). */
  onLost?: (event: GpuLost) => void;
  /** Leave these features off even where offered: tests use it to run the fallback paths. */
  disableFeatures?: readonly GpuFeature[];
}

/** The sentence every page shows when there is no GPU to measure. */
export const NO_ADAPTER_MESSAGE = 'This browser exposes no WebGPU adapter.';

export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const info: Partial<GPUAdapterInfo> = adapter.info ?? {};
  const description = info.description ?? '';
  const architecture = info.architecture ?? '';
  const flagged = info.isFallbackAdapter ?? adapter.isFallbackAdapter;
  const swiftshaderName = /swiftshader/i.test(
    `${architecture} ${description} ${info.device ?? ''}`,
  );
  return {
    vendor: info.vendor ?? '',
    architecture,
    device: info.device ?? '',
    description,
    fallback: flagged === true || swiftshaderName,
    fallbackEvidence:
      flagged === true ? 'isFallbackAdapter' : swiftshaderName ? 'swiftshader-name' : 'none',
    subgroupMinSize: info.subgroupMinSize ?? 0,
    subgroupMaxSize: info.subgroupMaxSize ?? 0,
  };
}

/** "google swiftshader (software fallback)", "apple metal-3", "nvidia ampere": for labels. */
export function adapterLabel(a: AdapterDescription): string {
  const name =
    [a.vendor, a.architecture, a.device].filter(Boolean).join(' ') ||
    a.description ||
    'unnamed adapter';
  return a.fallback ? `${name} (software fallback, not a GPU)` : name;
}

/** The answer when WebGPU exists but finds no adapter: the same for opening and for a probe. */
export function noAdapter(): {
  ok: false;
  reason: 'no-adapter';
  message: string;
  detail: string;
} {
  return {
    ok: false,
    reason: 'no-adapter',
    message: NO_ADAPTER_MESSAGE,
    detail:
      'WebGPU is present but requestAdapter() found no adapter: it may be switched off, or the GPU driver is blocklisted.',
  };
}

/** requestAdapter(), or null where a browser throws instead of resolving null: the same answer for the reader. */
export async function requestAdapterOrNull(
  entry: GPU,
  options?: Parameters<GPU['requestAdapter']>[0],
): Promise<GPUAdapter | null> {
  try {
    return await entry.requestAdapter(options);
  } catch {
    return null;
  }
}

/**
 * Opens the reader's GPU: works on a page and in a dedicated worker (Chromium
 * exposes navigator.gpu in both). Never throws for a missing GPU: it says why.
 */
export async function openGpu(options: OpenGpuOptions = {}): Promise<GpuOpen> {
  const entry = navigatorGpu();
  if (!entry) {
    return {
      ok: false,
      reason: 'no-webgpu',
      message: NO_ADAPTER_MESSAGE,
      detail:
        'navigator.gpu is missing: the browser has no WebGPU, or the page is not a secure context (https or localhost).',
    };
  }
  const adapter = await requestAdapterOrNull(
    entry,
    options.powerPreference ? { powerPreference: options.powerPreference } : undefined,
  );
  if (!adapter) return noAdapter();
  const disabled = new Set(options.disableFeatures ?? []);
  const features = Object.fromEntries(
    GPU_FEATURES.map((f) => [f, adapter.features.has(f) && !disabled.has(f)]),
  ) as Record<GpuFeature, boolean>;
  // Ask for the adapter's own buffer limits: the defaults (128 MB binding, 256 MB buffer) are
  // lower than many adapters allow, and the problem is capped against what the device has.
  const requiredLimits = {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredFeatures: GPU_FEATURES.filter((f) => features[f]),
      requiredLimits,
      label: 'path-dependencies measuring device',
    });
  } catch (e) {
    return {
      ok: false,
      reason: 'device-failed',
      message: 'This browser has a WebGPU adapter but it would not open a device.',
      detail: e instanceof Error ? e.message : String(e),
    };
  }
  const l = device.limits;
  const limits: GpuLimits = {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
  };

  let forcing = false;
  // Set the moment we destroy the device, before `lost` settles, so errors from
  // work in flight are already recognised as the loss.
  let destroyed = false;
  let lostNow = false;
  const lost = device.lost.then((info): GpuLost => {
    lostNow = true;
    const event: GpuLost = {
      kind: 'device-lost',
      reason: info.reason === 'destroyed' ? 'destroyed' : 'unknown',
      message: info.message || 'The GPU device was lost.',
      forced: forcing,
    };
    options.onLost?.(event);
    return event;
  });
  const gpu: Gpu = {
    device,
    adapter: describeAdapter(adapter),
    features,
    limits,
    lost,
    isLost: () => lostNow || destroyed,
    forceLoss: () => {
      forcing = true;
      destroyed = true;
      device.destroy();
      return lost;
    },
    close: () => {
      destroyed = true;
      device.destroy();
    },
  };
  return { ok: true, gpu };
}
