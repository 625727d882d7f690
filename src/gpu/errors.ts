import type { Gpu, GpuLost } from './open';

/** The device went away mid-measurement; `lost` says how. */
export class GpuDeviceLostError extends Error {
  readonly lost: GpuLost;
  constructor(lost: GpuLost) {
    super(`The GPU device was lost (${lost.reason}): ${lost.message}`);
    this.name = 'GpuDeviceLostError';
    this.lost = lost;
  }
}

/** A buffer the device could not allocate, with what was asked for. */
export class GpuOutOfMemoryError extends Error {
  readonly bytes: number;
  constructor(label: string, bytes: number, message: string) {
    super(
      `The GPU could not allocate ${label} (${Math.round(bytes / 2 ** 20)} MB): ${message}. ` +
        'Try a smaller matrix.',
    );
    this.name = 'GpuOutOfMemoryError';
    this.bytes = bytes;
  }
}

/** A request beyond this device's limits (a buffer or a dispatch too large), said in the limit's name. */
export class GpuLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GpuLimitError';
  }
}

/** A shader or pipeline the device rejected (a bug on our side, reported as such). */
export class GpuPipelineError extends Error {
  constructor(kernel: string, message: string) {
    super(`The GPU rejected the ${kernel} kernel: ${message}`);
    this.name = 'GpuPipelineError';
  }
}

/**
 * Awaits `work`, but a lost device wins the race: a destroyed device's pending
 * mapAsync rejects and onSubmittedWorkDone may never settle, so without this a
 * measurement could hang or fail with a message that names the wrong cause.
 */
export async function unlessLost<T>(gpu: Gpu, work: Promise<T>): Promise<T> {
  const lostFirst = gpu.lost.then((lost) => {
    throw new GpuDeviceLostError(lost);
  });
  try {
    return await Promise.race([work, lostFirst]);
  } catch (e) {
    if (gpu.isLost()) throw new GpuDeviceLostError(await gpu.lost);
    throw e;
  } finally {
    lostFirst.catch(() => {}); // the loser of the race must not surface as unhandled
  }
}
