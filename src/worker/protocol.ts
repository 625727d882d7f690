/**
 * The one language spoken between pages and the measuring worker, derived from
 * the job table (jobs/index.ts): a job's kind fixes the types of its params,
 * result and progress, end to end. Jobs carry ids; progress streams; a newer
 * job can cancel an older one (see client.ts).
 */
import type { Fault, JobDef } from './context';
import type { JOBS } from './jobs';

type Table = typeof JOBS;
export type JobKind = keyof Table;

export type ParamsOf<K extends JobKind> =
  Table[K] extends JobDef<infer P, unknown, unknown> ? P : never;
export type ResultOf<K extends JobKind> =
  Table[K] extends JobDef<never, infer R, unknown> ? R : never;
export type ProgressOf<K extends JobKind> =
  Table[K] extends JobDef<never, unknown, infer G> ? G : never;

/** A job as a page asks for it: its kind and its params. */
export type JobRequest<K extends JobKind = JobKind> = {
  [X in K]: { kind: X; params: ParamsOf<X> };
}[K];

export interface Progress<K extends JobKind> {
  done: number;
  total: number;
  detail: ProgressOf<K>;
}

export type ToWorker =
  { type: 'run'; id: number; job: JobRequest; fault?: Fault } | { type: 'cancel'; id: number };

export type FromWorker =
  /** The worker's script loaded and it listens (a worker that errors before this never started). */
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number; detail: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'cancelled'; id: number };
