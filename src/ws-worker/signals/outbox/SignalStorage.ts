import type { LoadResult, StoredSignal } from './SignalStore.ts';

/**
 * Where the outbox keeps the signals waiting for delivery: files (`SignalStore`, the default) or
 * PostgreSQL (`PostgresSignalStore`). `create` is durable once resolved; `update` and `remove`
 * may be lost in a crash (a retry restarts a step earlier, a delivered signal is sent once more and
 * the app deduplicates it on `trace_id`).
 */
export interface SignalStorage {
  /** What a previous run left, in enqueue order; unreadable entries are set aside and named. */
  load(): Promise<LoadResult>;
  create(signal: StoredSignal): Promise<void>;
  update(signal: StoredSignal): Promise<void>;
  remove(signal: StoredSignal): Promise<void>;
}
