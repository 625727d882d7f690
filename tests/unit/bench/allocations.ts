/**
 * Counts the bytes a piece of code allocates in typed arrays, ArrayBuffers and
 * WebAssembly memories, by swapping the global constructors for counting
 * subclasses while it runs. Views onto an existing buffer are free; copies
 * (`slice`, `from`) go through the subclass and count. The total is an upper
 * bound on what the code holds at its peak.
 */
type Ctor = new (...args: never[]) => ArrayBufferView;

const TYPED = [
  'Float64Array',
  'Float32Array',
  'Int32Array',
  'Uint32Array',
  'Int16Array',
  'Uint16Array',
  'Int8Array',
  'Uint8Array',
] as const;

export async function countAllocations<T>(
  run: () => Promise<T>,
): Promise<{ bytes: number; result: T }> {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  // The real class: buffers made inside typed-array constructors are its instances, not the counting subclass's.
  const RealBuffer = ArrayBuffer;
  let bytes = 0;
  for (const name of TYPED) {
    const Base = g[name] as Ctor;
    saved.set(name, Base);
    g[name] = class extends (Base as unknown as new (...args: unknown[]) => ArrayBufferView) {
      constructor(...args: unknown[]) {
        super(...args);
        if (!(args[0] instanceof RealBuffer)) bytes += this.byteLength;
      }
    };
  }
  const Memory = WebAssembly.Memory;
  saved.set('Memory', Memory);
  (WebAssembly as unknown as Record<string, unknown>)['Memory'] = class extends Memory {
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      super(descriptor);
      bytes += descriptor.initial * 65536;
    }
    override grow(delta: number): number {
      bytes += delta * 65536;
      return super.grow(delta);
    }
  };
  const Buffer = ArrayBuffer;
  saved.set('ArrayBuffer', Buffer);
  g['ArrayBuffer'] = class extends Buffer {
    constructor(length: number) {
      super(length);
      bytes += length;
    }
  };
  try {
    const result = await run();
    return { bytes, result };
  } finally {
    for (const name of TYPED) g[name] = saved.get(name);
    g['ArrayBuffer'] = saved.get('ArrayBuffer');
    (WebAssembly as unknown as Record<string, unknown>)['Memory'] = saved.get('Memory');
  }
}
