/**
 * Where a widget's parameters come from. Every host reads them through one of
 * these and the same schema (params.ts): a chapter page's URL (prefixed with the
 * widget id), its own embed page's URL (unprefixed), a custom element's
 * attributes, or an assignment's preset. Only hosts that own their address
 * mirror settings back into it; a custom element never touches the page's URL,
 * history or storage.
 */
import { FAULTS, type Fault } from '../worker/context';
import {
  rawFromRecord,
  writeSearchParams,
  type RawParams,
  type Schema,
  type Values,
} from './params';

export interface ParamsSource {
  /** Which kind of host reads it: a chapter page, an embed page, a custom element, a preset. */
  readonly host: 'chapter' | 'embed' | 'element' | 'preset';
  /** How notes name a source's unknown names. */
  readonly where: 'address' | 'attribute' | 'preset';
  /** Names the host uses itself (not widget settings, not mistakes). */
  readonly reserved: ReadonlySet<string>;
  /** The raw parameters now. */
  read(): RawParams;
  /** Writes settings back where they came from: only hosts that own their URL have this. */
  mirror?<S extends Schema>(schema: S, values: Values<S>): void;
  /** Calls back when the parameters change from outside (the host page sets an attribute). */
  subscribe?(onChange: () => void): () => void;
  /** The fault a test build asked for (`?fault=` or a `fault` attribute); undefined in production. */
  fault(): Fault | undefined;
}

const asFault = (text: string | null): Fault | undefined =>
  import.meta.env.PD_TEST_HOOKS ? FAULTS.find((f) => f === text) : undefined;

/** Names an embed page reads for itself. */
const EMBED_RESERVED: ReadonlySet<string> = new Set(['theme', 'fault']);

/**
 * The page's address. On a chapter page `prefix` is `"<widget-id>."` and the
 * widget owns only the names under it; on an embed page it is empty and the
 * widget owns every name but `theme` and `fault`.
 */
export function urlSource(prefix: string): ParamsSource {
  const search = () => new URL(location.href).searchParams;
  return {
    host: prefix ? 'chapter' : 'embed',
    where: 'address',
    reserved: prefix ? new Set() : EMBED_RESERVED,
    read: () => {
      const s = search();
      return {
        getAll: (name) => s.getAll(prefix + name),
        names: () =>
          [...new Set(s.keys())]
            .filter((k) => (prefix ? k.startsWith(prefix) : true))
            .map((k) => k.slice(prefix.length)),
      };
    },
    mirror(schema, values) {
      const url = new URL(location.href);
      writeSearchParams(
        schema,
        values,
        url.searchParams,
        prefix ? { prefix } : { reserved: EMBED_RESERVED },
      );
      // replaceState: dragging a slider adds no history entries.
      if (url.href !== location.href) history.replaceState(history.state, '', url);
    },
    fault: () => asFault(search().get('fault')),
  };
}

/** Attributes every element may carry that are not widget settings. */
const GLOBAL_ATTRIBUTES = new Set([
  'class',
  'style',
  'id',
  'hidden',
  'title',
  'lang',
  'dir',
  'tabindex',
  'slot',
  'part',
  'theme',
  'fault',
]);

/** A custom element's attributes: read live, never written back. */
export function attributeSource(element: Element): ParamsSource {
  return {
    host: 'element',
    where: 'attribute',
    reserved: GLOBAL_ATTRIBUTES,
    read: () => ({
      getAll: (name) => {
        const v = element.getAttribute(name);
        return v === null ? [] : [v];
      },
      names: () =>
        element.getAttributeNames().filter((n) => !n.startsWith('data-') && !n.startsWith('aria-')),
    }),
    subscribe(onChange) {
      const observer = new MutationObserver(onChange);
      observer.observe(element, { attributes: true });
      return () => observer.disconnect();
    },
    fault: () => asFault(element.getAttribute('fault')),
  };
}

/** The fault a test build's page address asks for (`?fault=`); undefined in production. */
export const pageFault = (): Fault | undefined =>
  asFault(new URL(location.href).searchParams.get('fault'));

/** Fixed settings (an assignment's exercise, a test page). */
export function presetSource(
  preset: Readonly<Record<string, unknown>>,
  fault?: Fault,
): ParamsSource {
  return {
    host: 'preset',
    where: 'preset',
    reserved: new Set(),
    read: () => rawFromRecord(preset),
    fault: () => asFault(fault ?? null),
  };
}
