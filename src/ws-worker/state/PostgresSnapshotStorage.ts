import type { SnapshotStorage } from './SnapshotStorage.ts';
import type { WorkerStateDatabase } from './WorkerStateDatabase.ts';

/** The snapshot as one row of `worker_snapshots` (account, name): each write one upsert, committed before it resolves. */
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

  async write(text: string): Promise<void> {
    await this.#database.pool.query(
      `insert into ${this.#database.table('worker_snapshots')} (account, name, body) values ($1, $2, $3)
       on conflict (account, name) do update set body = excluded.body`,
      [this.#database.account, this.#name, text],
    );
  }
}
