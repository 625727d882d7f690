/**
 * Share links: the address of a widget on its page of this site, with its
 * settings in the page's URL under the widget's prefix (`sparsity-lab.n=512`)
 * and the widget as the fragment, so the link scrolls to it and reproduces it.
 * Every setting is written, defaults too, so the link means the same thing
 * after a default changes.
 */
import { writeSearchParams, type Schema, type Values } from '../../src/state/params';
import { siteUrl } from '../../src/state/site';
import { widgetById, widgetRoute } from '../widgets/registry';

export function shareUrl<S extends Schema>(id: string, schema: S, values: Values<S>): string {
  const entry = widgetById(id);
  const path = entry ? widgetRoute(entry) : `/embed/${id}/`;
  const url = new URL(siteUrl(path));
  writeSearchParams(schema, values, url.searchParams, { prefix: `${id}.`, all: true });
  url.hash = `widget-${id}`;
  return url.href;
}
