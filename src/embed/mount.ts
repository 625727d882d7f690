/**
 * Mounts a registry widget anywhere a host can give it an element: a shadow
 * root inside a custom element, or a plain element on a test page. The host
 * chooses the params source and whether the widget owns its worker; `destroy`
 * unmounts it, cancels its jobs and ends an owned worker.
 */
import { mount, unmount } from 'svelte';
import type { WidgetEntry } from '../../components/widgets/registry';
import { WidgetSession, type SessionOptions } from '../state/session.svelte';

export interface MountedWidget {
  session: WidgetSession;
  destroy(): void;
}

export async function mountWidget(
  entry: WidgetEntry,
  target: Element | ShadowRoot,
  options: SessionOptions,
): Promise<MountedWidget> {
  const session = new WidgetSession(entry, options);
  const { default: Widget } = await entry.load();
  const app = mount(Widget, { target, props: { session } });
  return {
    session,
    destroy() {
      void unmount(app);
      session.dispose();
    },
  };
}
