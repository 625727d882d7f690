/**
 * Where answer sheets live between visits: IndexedDB, through idb-keyval, one
 * entry per assignment. When the browser refuses storage (a private window, a
 * sandboxed frame, a full disk), the sheet stays in memory and the reason is
 * reported: the page keeps working, and the student is told to export.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { readSheet, SheetError, type Sheet } from './sheet';

/** The three calls the store makes (a Map stands in for IndexedDB in tests). */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export function indexedDbBackend(): KeyValue {
  let store: UseStore | undefined;
  const open = (): UseStore => (store ??= createStore('path-dependencies-classroom', 'sheets'));
  return {
    get: (key) => get(key, open()),
    set: (key, value) => set(key, value, open()),
    del: (key) => del(key, open()),
  };
}

export function memoryBackend(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
  };
}

export type Saved = { ok: true } | { ok: false; reason: string };

/** Words for a storage failure; `what` is "open" or "save". */
export function storageProblem(e: unknown, what: 'open' | 'save'): string {
  const name = e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') {
    return 'This browser’s storage for the site is full, so your answers are kept only in this tab. Export them (JSON) before you leave.';
  }
  return `This browser would not let the page ${what} your answers (${name || 'storage unavailable'}: perhaps a private window, or the page is inside another site's frame). They are kept only in this tab; export them (JSON) before you leave.`;
}

export class SheetStorage {
  constructor(private readonly backend: KeyValue = indexedDbBackend()) {}

  /** The saved sheet, or null; a stored sheet from an older version is migrated. */
  async load(assignment: string): Promise<{ sheet: Sheet | null; problem?: string }> {
    let raw: unknown;
    try {
      raw = await this.backend.get(assignment);
    } catch (e) {
      return { sheet: null, problem: storageProblem(e, 'open') };
    }
    if (raw === undefined) return { sheet: null };
    try {
      return { sheet: readSheet(raw, assignment) };
    } catch (e) {
      const why = e instanceof SheetError ? e.message : String(e);
      return {
        sheet: null,
        problem: `Your saved answers could not be read (${why}); they were left untouched in storage.`,
      };
    }
  }

  async save(sheet: Sheet): Promise<Saved> {
    try {
      // A plain copy: reactive proxies cannot be stored.
      await this.backend.set(sheet.assignment, JSON.parse(JSON.stringify(sheet)) as Sheet);
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: storageProblem(e, 'save') };
    }
  }

  async clear(assignment: string): Promise<Saved> {
    try {
      await this.backend.del(assignment);
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: storageProblem(e, 'save') };
    }
  }
}
