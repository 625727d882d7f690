/**
 * Citations inside widgets that show sourced data (the compute timeline, the
 * scale of cats): formatted from content/references.bib by the chapters' own
 * formatter into sources.json (scripts/widget-sources.mjs), so a widget
 * embedded elsewhere still names its sources in full without shipping the
 * whole bibliography. A unit test fails when that file is stale.
 */
import formatted from './sources.json';

export interface Source {
  key: string;
  /** "Hooker 2020", "Le et al. 2012": for a mark beside a value. */
  short: string;
  /** The full reference as escaped HTML with its links (safe for {@html}). */
  html: string;
  text: string;
}

const SOURCES: Readonly<Record<string, Omit<Source, 'key'>>> = formatted;

/** One citation key as a source; throws for a key the file lacks. */
export function source(key: string): Source {
  const s = SOURCES[key];
  if (!s)
    throw new Error(
      `No “${key}” in components/widgets/sources.json: run scripts/widget-sources.mjs.`,
    );
  return { key, ...s };
}

/** Several keys, each once, in the order given. */
export function sourcesOf(keys: readonly string[]): Source[] {
  return [...new Set(keys)].map(source);
}
