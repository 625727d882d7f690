/**
 * embed.js: every registry widget as a custom element, for anyone's page.
 *
 *   <script type="module" src="https://<site>/embed.js"></script>
 *   <pd-sparsity-lab sparsity="0.95"></pd-sparsity-lab>
 *
 * Each element's code loads only when it nears the screen; each owns a worker,
 * started from a script fetched from this site (a foreign page may not start
 * our worker by URL), and ends it when removed. Styles, including the design
 * tokens, live in each element's shadow root.
 */
import { widgets } from '../../components/widgets/registry';
import tokens from '../styles/tokens.css?raw';
import workerScript from '../worker/kernel.worker.ts?worker&url';
import { fetchedWorker, setWorkerFactory } from '../worker/pool';
import { widgetElement } from './element';

setWorkerFactory(fetchedWorker(new URL(workerScript, import.meta.url)));

for (const entry of widgets) {
  const tag = `pd-${entry.id}`;
  if (!customElements.get(tag))
    customElements.define(tag, widgetElement(entry, { styles: tokens }));
}
