/**
 * A worker's one way to the GPU. Nothing here runs until a job asks: `probe`
 * looks for an adapter without opening a device, `open` opens the device on
 * first use and again after it was lost. Jobs that do not need the GPU never
 * call either, so a page that measures only the CPU never touches WebGPU.
 */
import {
  adapterLabel,
  describeAdapter,
  GPU_FEATURES,
  NO_ADAPTER_MESSAGE,
  noAdapter,
  openGpu,
  requestAdapterOrNull,
  type AdapterDescription,
  type Gpu,
  type GpuFeature,
  type GpuLost,
  type GpuOpen,
  type GpuUnavailableReason,
  type OpenGpuOptions,
} from './open';
import { navigatorGpu } from './webgpu-types';

/** Whether this browser exposes an adapter, and which, without opening a device. */
export type GpuProbe =
  | {
      ok: true;
      adapter: AdapterDescription;
      /** "nvidia ampere", or "google swiftshader (software fallback, not a GPU)". */
      label: string;
      features: Record<GpuFeature, boolean>;
    }
  | { ok: false; reason: GpuUnavailableReason; message: string; detail: string };

export interface GpuAccess {
  /** Looks for an adapter (cheap: no device is opened). */
  probe(): Promise<GpuProbe>;
  /** The worker's device: opened on first use, and opened again once lost. */
  open(): Promise<GpuOpen>;
  /** Losses since the last call, oldest first (a job reports them as notes). */
  takeLosses(): GpuLost[];
}

/** Stands in where no GPU can exist (Node tests, `npm run bench`): every answer is "no WebGPU". */
export const NO_GPU: GpuAccess = {
  probe: async () => ({
    ok: false,
    reason: 'no-webgpu',
    message: NO_ADAPTER_MESSAGE,
    detail: 'This runtime has no navigator.gpu.',
  }),
  open: async () => ({
    ok: false,
    reason: 'no-webgpu',
    message: NO_ADAPTER_MESSAGE,
    detail: 'This runtime has no navigator.gpu.',
  }),
  takeLosses: () => [],
};

export function gpuAccess(
  options: { open?: (o: OpenGpuOptions) => Promise<GpuOpen> } = {},
): GpuAccess {
  const openDevice = options.open ?? openGpu;
  let current: Gpu | undefined;
  let opening: Promise<GpuOpen> | undefined;
  let losses: GpuLost[] = [];

  return {
    async probe() {
      if (current && !current.isLost()) {
        return {
          ok: true,
          adapter: current.adapter,
          label: adapterLabel(current.adapter),
          features: { ...current.features },
        };
      }
      const entry = navigatorGpu();
      if (!entry) return NO_GPU.probe();
      const adapter = await requestAdapterOrNull(entry);
      if (!adapter) return noAdapter();
      const description = describeAdapter(adapter);
      const features = Object.fromEntries(
        GPU_FEATURES.map((f) => [f, adapter.features.has(f)]),
      ) as Record<GpuFeature, boolean>;
      return { ok: true, adapter: description, label: adapterLabel(description), features };
    },

    open() {
      if (current && !current.isLost()) return Promise.resolve({ ok: true, gpu: current });
      opening ??= openDevice({ onLost: (event) => losses.push(event) })
        .then((opened) => {
          current = opened.ok ? opened.gpu : undefined;
          return opened;
        })
        .finally(() => (opening = undefined));
      return opening;
    },

    takeLosses() {
      const taken = losses;
      losses = [];
      return taken;
    },
  };
}
