/**
 * A registry widget as a custom element: `<pd-sparsity-lab sparsity="0.95">`.
 * Its attributes are the widget's params (read through the same schema, and
 * watched: changing one re-measures); it renders into its own shadow root, owns
 * its worker, and ends both when removed. It never touches the host page's
 * URL, history or storage.
 */
import type { WidgetEntry } from '../../components/widgets/registry';
import { attributeSource } from '../state/sources';
import { mountWidget, type MountedWidget } from './mount';

export interface ElementOptions {
  /** Styles every shadow root needs (the design tokens on a foreign page). */
  styles?: string;
}

export function widgetElement(
  entry: WidgetEntry,
  options: ElementOptions = {},
): CustomElementConstructor {
  return class WidgetElement extends HTMLElement {
    #mounted: MountedWidget | undefined;
    #pending: Promise<MountedWidget> | undefined;

    connectedCallback(): void {
      if (this.#pending) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (options.styles && !root.querySelector('style[data-pd-tokens]')) {
        const style = document.createElement('style');
        style.dataset['pdTokens'] = '';
        style.textContent = options.styles;
        root.append(style);
      }
      const target = document.createElement('div');
      root.append(target);
      this.#pending = mountWidget(entry, target, { source: attributeSource(this), worker: 'own' });
      this.#pending.then(
        (m) => {
          // Removed while its code was loading: end it at once.
          if (!this.isConnected) m.destroy();
          else this.#mounted = m;
        },
        (e: unknown) => {
          target.textContent = `This widget could not load (${e instanceof Error ? e.message : String(e)}).`;
        },
      );
    }

    disconnectedCallback(): void {
      this.#mounted?.destroy();
      this.#mounted = undefined;
      this.#pending = undefined;
      this.shadowRoot?.replaceChildren();
    }
  };
}
