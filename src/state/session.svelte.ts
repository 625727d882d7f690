/**
 * One widget's runtime, whatever hosts it: a chapter page, its embed page, a
 * custom element on someone else's site, or an assignment's exercise. A widget
 * component holds only its params, its view and its job specs; the session
 * owns everything else:
 *
 * - the typed parameter values, read from a params source through the schema,
 *   with a note for everything parsing changed (and the URL mirror, for hosts
 *   that own their URL);
 * - its tasks: the jobs it runs in the worker, in lanes of their own, debounced,
 *   paused while off screen, retried once after a worker restart, with the
 *   test build's fault hook on the first measurement;
 * - status, the `data-job` counter, and the metrics its registry entry declares;
 * - its worker (the page's shared one, or one of its own) and its cleanup.
 */
import { untrack } from 'svelte';
import type { Environment } from '../bench/environment';
import {
  JobCancelled,
  WorkerRestarted,
  WorkerUnavailable,
  type WorkerClient,
} from '../worker/client';
import type { Fault } from '../worker/context';
import { namedClient, ownClient, sharedClient } from '../worker/pool';
import type { JobKind, JobRequest, Progress, ResultOf } from '../worker/protocol';
import { publishMetrics, withdrawMetrics, type MetricValues, type Metrics } from './metrics';
import {
  applyRules,
  parseParams,
  rawFromRecord,
  type Note,
  type Rule,
  type Schema,
  type Values,
} from './params';
import type { ParamsSource } from './sources';

/** Where a widget's measurement stands; the e2e suite waits on it as `data-status`. */
export type WidgetStatus = 'idle' | 'measuring' | 'done' | 'error';

/** What a session needs to know about its widget (a registry entry is one). */
export interface WidgetSpec<S extends Schema = Schema, M extends Metrics = Metrics> {
  id: string;
  title: string;
  params: S;
  rules?: readonly Rule<S>[];
  metrics: M;
  /** Measures nothing (sourced data, arithmetic): no tasks, no worker, done at once. */
  pure?: boolean;
}

export interface SessionOptions {
  source: ParamsSource;
  /** The page's shared worker (default), or one of this session's own, terminated on dispose. */
  worker?: 'shared' | 'own';
}

export interface TaskSpec<K extends JobKind> {
  /** Unique within the widget; the worker lane is `<uid>:<name>`. */
  name: string;
  /** The job for the current settings, or null when none should run. Read reactively. */
  job: () => JobRequest<K> | null;
  /** Run by itself when the job changes while the widget is on screen (default true). */
  auto?: boolean;
  /** Wait this long after a change before running (default 120 ms; the very first run starts at once). */
  debounceMs?: number;
  /** Counts toward the widget's status and `data-job` (default: true for auto tasks). */
  counts?: boolean;
  /** Cancel when the widget scrolls away, resume when it returns (default: true for auto tasks). */
  pauseOffscreen?: boolean;
  /** Milliseconds without progress before the worker is presumed hung (default 60 s). */
  deadlineMs?: number;
  /** Runs only once this is true (e.g. after the first measurement). Read reactively. */
  after?: () => boolean;
  /**
   * Run in a named worker of the page instead of the session's (see `namedClient`):
   * for work that must not share a thread with the kernels.
   */
  worker?: string;
  /** Sees each progress report of the current run, with the job it belongs to. */
  onProgress?: (progress: Progress<K>, job: JobRequest<K>) => void;
  /** Sees each result, with the job it answers. */
  onResult?: (result: ResultOf<K>, job: JobRequest<K>) => void;
}

/** The `notes` a job's result carries (a list of results: each one's), for the session's note list. */
function resultNotes(result: unknown): string[] {
  if (Array.isArray(result)) return result.flatMap(resultNotes);
  const notes = (result as { notes?: unknown } | null)?.notes;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === 'string') : [];
}

/** What controls and the session see of a task, whatever its job kind. */
export interface TaskControl {
  readonly name: string;
  readonly counts: boolean;
  readonly running: boolean;
  readonly due: boolean;
  readonly slow: boolean;
  readonly stopped: boolean;
  readonly error: string;
  readonly note: string;
  readonly result: unknown;
  readonly progress: { done: number; total: number } | null;
  start(): void;
  cancel(): void;
  /** The widget is going: drop whatever runs, in whichever worker. */
  end(): void;
}

let instances = 0;
/** Widget ids with an instance on this page already (a plain record: nothing renders from it). */
const taken: Record<string, true> = {};
const environments = new WeakMap<WorkerClient, Promise<Environment>>();

/** A job run on a widget's behalf: its latest result, progress, error and controls. */
export class Task<K extends JobKind = JobKind> implements TaskControl {
  result: ResultOf<K> | null = $state.raw(null);
  progress: Progress<K> | null = $state.raw(null);
  error = $state('');
  running = $state(false);
  /** Running for more than a second: time to show progress and a cancel button. */
  slow = $state(false);
  /** What happened to the worker on the way (a restart), in words. */
  note = $state('');
  /** The reader cancelled; an auto task waits for new settings or `start()`. */
  stopped = $state(false);
  /** Due to run (its debounce is counting down): the widget counts as busy already. */
  due = $state(false);

  readonly name: string;
  readonly counts: boolean;
  readonly #session: WidgetSession<Schema, Metrics>;
  readonly #spec: TaskSpec<K>;
  readonly #lane: string;
  readonly #client: WorkerClient;
  #run = 0;
  #runKey = '';
  #resultKey = $state('');
  #stoppedKey = '';

  /** The result shown answers the current settings (not an earlier configuration's). */
  get fresh(): boolean {
    const job = this.#spec.job();
    return job !== null && this.result !== null && JSON.stringify(job) === this.#resultKey;
  }

  constructor(session: WidgetSession<Schema, Metrics>, spec: TaskSpec<K>) {
    this.#session = session;
    this.#spec = spec;
    this.name = spec.name;
    const auto = spec.auto ?? true;
    this.counts = spec.counts ?? auto;
    this.#lane = `${session.uid}:${spec.name}`;
    this.#client = spec.worker ? namedClient(spec.worker) : session.client;
    const pauseOffscreen = spec.pauseOffscreen ?? auto;

    // Created while the widget's component initialises: it lives and dies with the component.
    $effect(() => {
      const job = spec.job();
      const key = job === null ? '' : JSON.stringify(job);
      const visible = session.visible;
      const ready = spec.after?.() ?? true;
      untrack(() => {
        if (!visible && pauseOffscreen && this.running) this.#pause();
      });
      if (!auto || !visible || !ready || job === null) return;
      if (key === untrack(() => this.#resultKey)) return;
      if (this.stopped && key === this.#stoppedKey) return;
      if (untrack(() => this.running) && key === this.#runKey) return;
      const first = untrack(() => session.job === 0 && this.result === null);
      this.due = true;
      const timer = setTimeout(
        () => {
          this.due = false;
          void this.#go(job, key);
        },
        first ? 0 : (spec.debounceMs ?? 120),
      );
      return () => {
        clearTimeout(timer);
        this.due = false;
      };
    });
  }

  /** Runs the current job now, even if its result is already shown. */
  start(): void {
    const job = this.#spec.job();
    if (job !== null) void this.#go(job, JSON.stringify(job));
  }

  /** The reader stops it; the result so far stays. */
  cancel(): void {
    this.#stoppedKey = this.#runKey;
    this.stopped = true;
    this.#pause();
  }

  end(): void {
    this.#pause();
  }

  /** Stops without the reader asking (scrolled away, widget removed): it resumes by itself. */
  #pause(): void {
    this.#run++;
    this.#client.cancelLane(this.#lane);
    this.running = false;
    this.slow = false;
    this.progress = null;
  }

  async #go(job: JobRequest<K>, key: string, retry = true): Promise<void> {
    const session = this.#session;
    const id = ++this.#run;
    this.#runKey = key;
    this.stopped = false;
    this.running = true;
    this.error = '';
    this.progress = null;
    this.slow = false;
    const slowTimer = setTimeout(() => {
      if (id === this.#run) this.slow = true;
    }, 1000);
    const fault = this.counts ? session.takeFault() : undefined;
    try {
      const result = await this.#client.run(job, {
        lane: this.#lane,
        ...(this.#spec.deadlineMs === undefined ? {} : { deadlineMs: this.#spec.deadlineMs }),
        ...(fault ? { fault } : {}),
        onProgress: (p) => {
          if (id !== this.#run) return;
          this.progress = p;
          this.#spec.onProgress?.(p, job);
        },
      });
      if (id !== this.#run) return;
      this.result = result;
      this.#resultKey = key;
      this.#spec.onResult?.(result, job);
      if (this.note.endsWith('Measuring again…')) {
        this.note = this.note.replace('Measuring again…', 'The measurement was repeated in it.');
      }
      if (this.counts) session.job++;
    } catch (e) {
      if (id !== this.#run || e instanceof JobCancelled) return;
      if (e instanceof WorkerRestarted && retry) {
        this.note = `${e.message} Measuring again…`;
        return this.#go(job, key, false); // without the fault: it was consumed
      }
      if (e instanceof WorkerUnavailable) {
        session.unavailable = e.message;
        return;
      }
      this.error = e instanceof Error ? e.message : String(e);
      this.#resultKey = '';
    } finally {
      clearTimeout(slowTimer);
      if (id === this.#run) {
        this.running = false;
        this.slow = false;
        this.progress = null;
      }
    }
  }
}

export class WidgetSession<S extends Schema = Schema, M extends Metrics = Metrics> {
  readonly spec: WidgetSpec<S, M>;
  readonly id: string;
  /** Unique on the page: the id itself for the first instance, then `<id>-2`, … (DOM ids derive from it). */
  readonly uid: string;
  readonly source: ParamsSource;
  readonly client: WorkerClient;

  /** The settings, typed and clamped. Controls bind to these. */
  values: Values<S> = $state() as Values<S>;
  /** On screen (or nearly): auto tasks only run while this holds. */
  visible = $state(false);
  /** Finished measurements: the widget root's `data-job`. */
  job = $state(0);
  /** Where the measurements run (clock step, isolation, cores), once known. */
  env: Environment | null = $state.raw(null);
  /** Set when no worker can run here: the one message the reader needs. */
  unavailable = $state('');

  #tasks: TaskControl[] = $state([]);
  #notes: Note[] = $state([]);
  /** The values the notes describe: a note goes when the reader changes its setting. */
  #described: Record<string, unknown> = $state({});
  #metricsOf: () => MetricValues<keyof M & string> = $state(() => ({}));
  #fault: Fault | undefined;
  #cleanups: (() => void)[] = [];
  #owned: boolean;

  readonly metrics: MetricValues<keyof M & string> = $derived(this.#metricsOf());
  readonly busy: boolean = $derived(this.#tasks.some((t) => t.running || t.due));
  readonly status: WidgetStatus = $derived.by(() => {
    if (this.unavailable) return 'error';
    // A pure widget (sourced data, arithmetic) has nothing to wait for: done once drawn.
    if (this.spec.pure) return 'done';
    const counting = this.#tasks.filter((t) => t.counts);
    if (counting.some((t) => t.running)) return 'measuring';
    const primary = counting[0];
    if (primary?.error) return 'error';
    return primary?.result ? 'done' : 'idle';
  });
  /** Everything the reader should be told: what parsing changed, what the worker capped, restarts. */
  readonly notes: string[] = $derived.by(() => {
    const described = this.#described;
    const values = this.values as Record<string, unknown>;
    const fromParams = this.#notes.filter(
      (n) => n.param === undefined || values[n.param] === described[n.param],
    );
    const fromTasks = this.#tasks.flatMap((t) => [
      ...resultNotes(t.result),
      ...(t.note ? [t.note] : []),
    ]);
    const all = [...fromParams.map((n) => n.text), ...fromTasks];
    return all.filter((note, i) => all.indexOf(note) === i);
  });

  constructor(spec: WidgetSpec<S, M>, options: SessionOptions) {
    this.spec = spec;
    this.id = spec.id;
    this.uid = taken[spec.id] ? `${spec.id}-${++instances + 1}` : spec.id;
    taken[spec.id] = true;
    this.source = options.source;
    this.#owned = options.worker === 'own';
    this.client = this.#owned ? ownClient() : sharedClient();
    this.#fault = options.source.fault();
    this.#read();
    if (this.client.unavailable) this.unavailable = this.client.unavailable.message;

    this.#cleanups.push(
      $effect.root(() => {
        // Hosts that own their URL keep it shareable: it carries every non-default setting.
        $effect(() => {
          const values = $state.snapshot(this.values) as Values<S>;
          untrack(() => this.source.mirror?.(this.spec.params, values));
        });
        // Settings that contradict each other are made consistent, with a note.
        $effect(() => {
          const fixed = applyRules(
            $state.snapshot(this.values) as Values<S>,
            this.spec.rules ?? [],
          );
          if (fixed.notes.length === 0) return;
          untrack(() => {
            Object.assign(this.values, fixed.values);
            this.#noteAll(fixed.notes, fixed.values);
          });
        });
        $effect(() =>
          publishMetrics(this.id, this.uid, $state.snapshot(this.metrics) as MetricValues),
        );
        // Each widget says which clock it had: fetch the environment once it is on screen.
        $effect(() => {
          if (!this.visible || this.env || this.unavailable || this.spec.pure) return;
          untrack(() => this.#loadEnvironment());
        });
      }),
    );
    const unsubscribe = this.source.subscribe?.(() => this.#read());
    if (unsubscribe) this.#cleanups.push(unsubscribe);
  }

  /** Declares a job the widget runs (call during the component's initialisation). */
  task<K extends JobKind>(spec: TaskSpec<K>): Task<K> {
    const task = new Task<K>(this as unknown as WidgetSession<Schema, Metrics>, spec);
    this.#tasks.push(task);
    return task;
  }

  /** Declares how the widget's metrics follow from its results (read reactively). */
  measures(metricsOf: () => MetricValues<keyof M & string>): void {
    this.#metricsOf = metricsOf;
  }

  /** A control's raw input (a typed number): parsed like a URL value, its note shown. */
  setFromControl(name: keyof S & string, raw: string): void {
    const parsed = parseParams({ [name]: this.spec.params[name]! }, rawFromRecord({ [name]: raw }));
    const value = (parsed.values as Record<string, unknown>)[name];
    (this.values as Record<string, unknown>)[name] = value;
    this.#notes = [...this.#notes.filter((n) => n.param !== name), ...parsed.notes];
    this.#described = { ...this.#described, [name]: value };
  }

  /** The test build's fault, handed to the first measurement only. */
  takeFault(): Fault | undefined {
    const f = this.#fault;
    this.#fault = undefined;
    return f;
  }

  /** After "worker unavailable": try a fresh worker and measure again. */
  retryWorker(): void {
    this.client.reset();
    this.unavailable = '';
    for (const t of this.#tasks) if (t.counts) t.start();
  }

  /**
   * Tracks whether `node` is on screen (or within 200 px of it). Besides the
   * observer, it checks the node's box once laid out and again shortly after,
   * so a widget already in view when the page settles always starts.
   */
  observe(node: Element): () => void {
    const check = () => {
      const r = node.getBoundingClientRect();
      if (r.bottom > -200 && r.top < innerHeight + 200 && r.width > 0) this.visible = true;
    };
    const observer = new IntersectionObserver(
      (entries) => (this.visible = entries.some((e) => e.isIntersecting)),
      { rootMargin: '200px' },
    );
    observer.observe(node);
    const frame = requestAnimationFrame(check);
    const later = [setTimeout(check, 500), setTimeout(check, 2000)];
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      later.forEach(clearTimeout);
    };
  }

  /** The host element is gone: stop its jobs, withdraw its metrics, and end an owned worker. */
  dispose(): void {
    for (const t of this.#tasks) t.end();
    withdrawMetrics(this.id, this.uid);
    for (const c of this.#cleanups) c();
    this.#cleanups = [];
    if (this.#owned) this.client.dispose();
  }

  #read(): void {
    const parsed = parseParams(this.spec.params, this.source.read(), {
      reserved: this.source.reserved,
      where: this.source.where,
    });
    const fixed = applyRules(parsed.values, this.spec.rules ?? []);
    // Keep one object: components hold on to `session.values` and bind to its fields.
    if (this.values) Object.assign(this.values, fixed.values);
    else this.values = fixed.values;
    this.#notes = [];
    this.#described = {};
    this.#noteAll([...parsed.notes, ...fixed.notes], fixed.values);
  }

  #noteAll(notes: Note[], values: Values<S>): void {
    this.#notes = [...this.#notes, ...notes];
    this.#described = { ...this.#described, ...(values as Record<string, unknown>) };
  }

  #loadEnvironment(): void {
    let env = environments.get(this.client);
    if (!env) {
      env = this.client.run({ kind: 'environment', params: {} }, { deadlineMs: 15_000 });
      environments.set(this.client, env);
      env.catch(() => environments.delete(this.client));
    }
    env.then(
      (e) => (this.env = e),
      (e: unknown) => {
        if (e instanceof WorkerUnavailable) this.unavailable = e.message;
      },
    );
  }
}
