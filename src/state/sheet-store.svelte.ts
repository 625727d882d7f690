/**
 * The answer sheet an assignment page shares between its exercises: reactive,
 * saved to the browser a moment after each change, and honest about where it
 * lives (saved, saving, or only in this tab, with the reason). Classmates'
 * sheets imported for comparison are held beside it, never mixed in.
 */
import { emptySheet, nowIso, type Answer, type Recording, type Sheet } from './sheet';
import { SheetStorage } from './sheet-storage';

export type SheetStatus = 'loading' | 'saved' | 'saving' | 'memory';

export class SheetStore {
  readonly assignment: string;
  sheet: Sheet = $state() as Sheet;
  status: SheetStatus = $state('loading');
  /** Why the sheet is only in memory, when it is. */
  problem = $state('');
  /** Classmates' sheets, for comparison only. */
  compare: Sheet[] = $state([]);

  #storage: SheetStorage;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: ((s: Sheet) => void)[] = [];

  constructor(assignment: string, storage = new SheetStorage()) {
    this.assignment = assignment;
    this.sheet = emptySheet(assignment);
    this.#storage = storage;
    void this.#load();
  }

  async #load(): Promise<void> {
    const { sheet, problem } = await this.#storage.load(this.assignment);
    if (sheet) this.sheet = sheet;
    // Changes made while the saved sheet was loading land on top of it.
    const pending = this.#pending;
    this.#pending = [];
    for (const fn of pending) fn(this.sheet);
    if (problem) {
      this.problem = problem;
      this.status = 'memory';
    } else {
      this.status = 'saved';
    }
    if (pending.length > 0) this.#schedule();
  }

  /** Changes the sheet and saves it a moment later. */
  change(fn: (sheet: Sheet) => void): void {
    if (this.status === 'loading') {
      this.#pending.push(fn);
      return;
    }
    fn(this.sheet);
    this.sheet.updated = nowIso();
    this.#schedule();
  }

  answer(exercise: string, patch: Partial<Omit<Answer, 'updated'>>): void {
    this.change((s) => {
      s.answers[exercise] = { ...s.answers[exercise], ...patch, updated: nowIso() };
    });
  }

  record(recording: Omit<Recording, 'id' | 'at'>): void {
    const at = nowIso();
    this.change((s) => {
      s.recordings.push({
        ...recording,
        id: `${recording.exercise}-${s.recordings.length + 1}`,
        at,
      });
    });
  }

  /** Replaces this sheet with one opened from a file (the student's own, on another machine). */
  replace(sheet: Sheet): void {
    this.sheet = sheet;
    this.#schedule();
  }

  /** Starts over: an empty sheet, and the saved one deleted. */
  async reset(): Promise<void> {
    clearTimeout(this.#timer);
    this.sheet = emptySheet(this.assignment);
    this.compare = [];
    const cleared = await this.#storage.clear(this.assignment);
    if (!cleared.ok) this.#memoryOnly(cleared.reason);
  }

  #schedule(): void {
    if (this.status !== 'memory') this.status = 'saving';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#save(), 300);
  }

  async #save(): Promise<void> {
    const saved = await this.#storage.save($state.snapshot(this.sheet) as Sheet);
    if (saved.ok) {
      this.status = 'saved';
      this.problem = '';
    } else {
      this.#memoryOnly(saved.reason);
    }
  }

  #memoryOnly(reason: string): void {
    this.status = 'memory';
    this.problem = reason;
  }
}

// A lookup of the page's stores, not state anything renders from.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const stores = new Map<string, SheetStore>();

/** The page's one sheet for an assignment, shared by its exercises and toolbar. */
export function sheetStore(assignment: string): SheetStore {
  let store = stores.get(assignment);
  if (!store) {
    store = new SheetStore(assignment);
    stores.set(assignment, store);
  }
  return store;
}
