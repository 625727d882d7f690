/** The WebGPU tier's first question, shared by the lab and the atlas. */
import type { Metrics } from '../../src/state/metrics';
import type { Schema } from '../../src/state/params';
import type { Task, WidgetSession } from '../../src/state/session.svelte';

/** Whether this browser exposes a WebGPU adapter: asked once per widget, without opening a device. */
export function adapterTask<S extends Schema, M extends Metrics>(
  session: WidgetSession<S, M>,
): Task<'gpu-adapter'> {
  return session.task({
    name: 'gpu-adapter',
    job: () => ({ kind: 'gpu-adapter', params: {} }),
    counts: false,
    debounceMs: 0,
  });
}
