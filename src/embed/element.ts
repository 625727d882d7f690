/**
 * A registry widget as a custom element: `<pd-sparsity-lab sparsity="0.95">`.
 * Its attributes are the widget's params (read through the same schema, and
 * watched: changing one re-measures); it renders into its own shadow root, owns
 * its worker, and ends both when removed. It loads its code only when it nears
 * the screen. It never touches the host page's URL, history or storage.
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
    #loading: Promise<MountedWidget> | undefined;
    #watch: IntersectionObserver | undefined;

    connectedCallback(): void {
      if (this.#loading || this.#watch) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = `:host { display: block; } ${options.styles ?? ''}`;
      // Holds the widget's place while its code loads, so the host page does not jump.
      const holder = document.createElement('div');
      holder.style.minHeight = entry.height;
      root.replaceChildren(style, holder);
      this.#watch = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          this.#watch?.disconnect();
          this.#watch = undefined;
          this.#start(holder);
        },
        { rootMargin: '300px' },
      );
      this.#watch.observe(this);
    }

    #start(target: HTMLElement): void {
      this.#loading = mountWidget(entry, target, {
        source: attributeSource(this),
        worker: 'own',
      });
      this.#loading.then(
        (m) => {
          // Removed while its code was loading: end it at once.
          if (!this.isConnected) return m.destroy();
          this.#mounted = m;
          target.style.minHeight = '';
        },
        (e: unknown) => {
          target.textContent = `This widget could not load (${e instanceof Error ? e.message : String(e)}).`;
        },
      );
    }

    disconnectedCallback(): void {
      this.#watch?.disconnect();
      this.#watch = undefined;
      this.#mounted?.destroy();
      this.#mounted = undefined;
      this.#loading = undefined;
      this.shadowRoot?.replaceChildren();
    }
  };
}
