/**
 * The part of the WebGPU API this folder uses, typed by hand: TypeScript 5.9's
 * lib.dom has no WebGPU declarations and `@webgpu/types` is not installed.
 * Names follow the spec's IDL so that swapping in `@webgpu/types` later means
 * deleting this file and the imports of it. Only what we call is declared.
 */

/** GPUBufferUsage flags (spec values). */
export const BufferUsage = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
  QUERY_RESOLVE: 0x0200,
} as const;

/** GPUMapMode flags (spec values). */
export const MapMode = { READ: 0x0001, WRITE: 0x0002 } as const;

export interface GPU {
  requestAdapter(options?: {
    powerPreference?: 'low-power' | 'high-performance';
  }): Promise<GPUAdapter | null>;
}

export interface GPUAdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** Newer browsers only (Chromium 131+): true for a software or otherwise degraded adapter. */
  readonly isFallbackAdapter?: boolean;
  readonly subgroupMinSize?: number;
  readonly subgroupMaxSize?: number;
}

/** The limits we read; the object has many more. */
export interface GPUSupportedLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupSizeX: number;
  readonly maxComputeWorkgroupSizeY: number;
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

export interface GPUAdapter {
  readonly features: ReadonlySet<string>;
  readonly limits: GPUSupportedLimits;
  /** Chromium 114+ (older ones had `requestAdapterInfo()`); absent before. */
  readonly info?: GPUAdapterInfo;
  /** Older spec drafts; Chromium < 131 exposed it here. */
  readonly isFallbackAdapter?: boolean;
  requestDevice(descriptor?: {
    requiredFeatures?: string[];
    requiredLimits?: Record<string, number>;
    label?: string;
  }): Promise<GPUDevice>;
}

export interface GPUDeviceLostInfo {
  readonly reason: 'unknown' | 'destroyed';
  readonly message: string;
}

export interface GPUErrorLike {
  readonly message: string;
}

export interface GPUBuffer {
  readonly size: number;
  mapAsync(mode: number, offset?: number, size?: number): Promise<void>;
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

export type GPUBindingResource = { buffer: GPUBuffer; offset?: number; size?: number };

export interface GPUBindGroup {
  readonly label: string;
}

export interface GPUBindGroupLayout {
  readonly label: string;
}

export interface GPUComputePipeline {
  getBindGroupLayout(index: number): GPUBindGroupLayout;
}

export interface GPUShaderModule {
  getCompilationInfo(): Promise<{
    messages: ReadonlyArray<{
      type: 'error' | 'warning' | 'info';
      message: string;
      lineNum: number;
    }>;
  }>;
}

export interface GPUQuerySet {
  destroy(): void;
}

export interface GPUComputePassEncoder {
  setPipeline(pipeline: GPUComputePipeline): void;
  setBindGroup(index: number, group: GPUBindGroup): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface GPUCommandBuffer {
  readonly label: string;
}

export interface GPUCommandEncoder {
  beginComputePass(descriptor?: {
    timestampWrites?: {
      querySet: GPUQuerySet;
      beginningOfPassWriteIndex?: number;
      endOfPassWriteIndex?: number;
    };
  }): GPUComputePassEncoder;
  copyBufferToBuffer(
    source: GPUBuffer,
    sourceOffset: number,
    destination: GPUBuffer,
    destinationOffset: number,
    size: number,
  ): void;
  resolveQuerySet(
    querySet: GPUQuerySet,
    firstQuery: number,
    queryCount: number,
    destination: GPUBuffer,
    destinationOffset: number,
  ): void;
  finish(): GPUCommandBuffer;
}

export interface GPUQueue {
  submit(commandBuffers: GPUCommandBuffer[]): void;
  writeBuffer(
    buffer: GPUBuffer,
    bufferOffset: number,
    data: ArrayBufferView | ArrayBufferLike,
    dataOffset?: number,
    size?: number,
  ): void;
  onSubmittedWorkDone(): Promise<void>;
}

export interface GPUDevice {
  readonly features: ReadonlySet<string>;
  readonly limits: GPUSupportedLimits;
  readonly queue: GPUQueue;
  readonly lost: Promise<GPUDeviceLostInfo>;
  destroy(): void;
  createBuffer(descriptor: {
    size: number;
    usage: number;
    mappedAtCreation?: boolean;
    label?: string;
  }): GPUBuffer;
  createShaderModule(descriptor: { code: string; label?: string }): GPUShaderModule;
  createComputePipelineAsync(descriptor: {
    layout: 'auto';
    compute: { module: GPUShaderModule; entryPoint: string };
    label?: string;
  }): Promise<GPUComputePipeline>;
  createBindGroup(descriptor: {
    layout: GPUBindGroupLayout;
    entries: Array<{ binding: number; resource: GPUBindingResource }>;
    label?: string;
  }): GPUBindGroup;
  createCommandEncoder(): GPUCommandEncoder;
  createQuerySet(descriptor: { type: 'timestamp'; count: number }): GPUQuerySet;
  pushErrorScope(filter: 'validation' | 'out-of-memory' | 'internal'): void;
  popErrorScope(): Promise<GPUErrorLike | null>;
}

/** `navigator.gpu` where it exists (window or worker), else undefined. */
export function navigatorGpu(): GPU | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu;
}
