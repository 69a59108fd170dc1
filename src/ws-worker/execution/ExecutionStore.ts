import { FileSnapshotStorage, type SnapshotStorage } from '../state/SnapshotStorage.ts';
import { OrderRoleBook } from './orderRoles.ts';
import type { EntryRecord, PositionRecord } from './records.ts';
import { parseSnapshot, serializeSnapshot } from './snapshot.ts';

/** The snapshot's file name in the store directory, and its row name on PostgreSQL. */
export const EXECUTION_SNAPSHOT = 'execution.json';
/** Completed ids remembered for 409s; older ones are forgotten so the file stays small. */
const FINISHED_CAPACITY = 10_000;

/**
 * The durable state of the execution: one JSON snapshot, replaced atomically (a file: temp file,
 * fsync, rename, fsync of the directory; or a row on PostgreSQL), so a SIGKILL leaves either the
 * old or the new snapshot.
 * Records are mutated in place by the monitors; `save()` resolves once a snapshot containing every
 * change made before the call is on disk. Concurrent saves coalesce into one write.
 */
export class ExecutionStore {
  readonly entries = new Map<string, EntryRecord>();
  readonly positions = new Map<string, PositionRecord>();
  /** The roles of the orders of the requests, kept after the requests are finished (bounded). */
  readonly roles = new OrderRoleBook();
  readonly #finished = new Set<string>();
  readonly #storage: SnapshotStorage;
  #changes = 0;
  #written = 0;
  #chain: Promise<void> = Promise.resolve();

  /** A directory (the snapshot file goes in it), or the storage itself. */
  constructor(storage: string | SnapshotStorage) {
    this.#storage = typeof storage === 'string' ? new FileSnapshotStorage(storage, EXECUTION_SNAPSHOT) : storage;
  }

  async load(): Promise<void> {
    const text = await this.#storage.read();
    if (text === undefined) return;
    const snapshot = parseSnapshot(text);
    this.entries.clear();
    this.positions.clear();
    this.#finished.clear();
    for (const entry of snapshot.entries) this.entries.set(entry.id, entry);
    for (const position of snapshot.positions) this.positions.set(position.id, position);
    for (const id of snapshot.finished) this.#finished.add(id);
    this.roles.load(snapshot.roles);
  }

  /**
   * Known in any state, finished included: a new request with this id is a duplicate, and so is one
   * whose client order id base another request holds (its orders would carry the same ids).
   */
  knows(id: string, base = id): boolean {
    if (this.entries.has(id) || this.positions.has(id) || this.#finished.has(id) || this.#finished.has(base)) {
      return true;
    }
    for (const record of [...this.entries.values(), ...this.positions.values()]) {
      if (record.clientOrderIdBase === base) return true;
    }
    return false;
  }

  finish(record: { readonly id: string; readonly clientOrderIdBase: string }): void {
    this.entries.delete(record.id);
    this.positions.delete(record.id);
    for (const key of new Set([record.id, record.clientOrderIdBase])) {
      this.#finished.delete(key);
      this.#finished.add(key);
    }
    while (this.#finished.size > FINISHED_CAPACITY) {
      const oldest = this.#finished.values().next().value;
      if (oldest === undefined) break;
      this.#finished.delete(oldest);
    }
  }

  save(): Promise<void> {
    this.#changes++;
    const link = this.#chain.then(() => this.#flush());
    this.#chain = link.catch(() => undefined);
    return link;
  }

  async #flush(): Promise<void> {
    if (this.#written === this.#changes) return;
    const target = this.#changes;
    const text = serializeSnapshot({
      entries: this.entries.values(),
      positions: this.positions.values(),
      finished: this.#finished,
      roles: this.roles.entries(),
    });
    await this.#storage.write(text);
    this.#written = target;
  }
}
