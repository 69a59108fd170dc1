import { FencedOffError } from '../lease/FencedOffError.ts';
import type { SnapshotStorage } from './SnapshotStorage.ts';
import type { WorkerStateDatabase } from './WorkerStateDatabase.ts';

/**
 * The snapshot as one row of `worker_snapshots` (account, name): each write one upsert, committed
 * before it resolves, and only while our token is the lease's current one.
 */
export class PostgresSnapshotStorage implements SnapshotStorage {
  readonly #database: WorkerStateDatabase;
  readonly #name: string;

  constructor(database: WorkerStateDatabase, name: string) {
    this.#database = database;
    this.#name = name;
  }

  async read(): Promise<string | undefined> {
    const result = await this.#database.pool.query<{ body: string }>(
      `select body from ${this.#database.table('worker_snapshots')} where account = $1 and name = $2`,
      [this.#database.account, this.#name],
    );
    return result.rows[0]?.body;
  }

  /** Refused (`FencedOffError`, nothing written) once another worker took the lease. */
  async write(text: string): Promise<void> {
    const database = this.#database;
    const result = await database.pool.query(
      `insert into ${database.table('worker_snapshots')} (account, name, body)
       select $1, $2, $3 where ${database.holdsLease(4)}
       on conflict (account, name) do update set body = excluded.body`,
      [database.account, this.#name, text, database.token()],
    );
    if (result.rowCount !== 1)
      throw new FencedOffError('fenced off: another worker holds the lease; state not written');
  }
}
