import type { WorkerStateDatabase } from '../../state/WorkerStateDatabase.ts';
import type { SignalStorage } from './SignalStorage.ts';
import { type LoadResult, type StoredSignal, StoredSignalSchema } from './SignalStore.ts';

/**
 * The outbox's signals as rows of `worker_signals`, one per signal, keyed by account and sequence.
 * Each call is one statement, committed before it resolves: a signal `create` returned is on the
 * server, whichever machine the next worker runs on. Rows that no longer parse are marked
 * `quarantined` (kept for an operator) and named `seq:<n>`.
 */
export class PostgresSignalStore implements SignalStorage {
  readonly #database: WorkerStateDatabase;

  constructor(database: WorkerStateDatabase) {
    this.#database = database;
  }

  async load(): Promise<LoadResult> {
    const table = this.#database.table('worker_signals');
    const result = await this.#database.pool.query<{ seq: string; body: string }>(
      `select seq, body from ${table} where account = $1 and not quarantined order by seq`,
      [this.#database.account],
    );
    const signals: StoredSignal[] = [];
    const quarantined: string[] = [];
    for (const row of result.rows) {
      const parsed = parseSignal(row.body);
      if (parsed) {
        signals.push(parsed);
        continue;
      }
      await this.#database.pool.query(`update ${table} set quarantined = true where account = $1 and seq = $2`, [
        this.#database.account,
        row.seq,
      ]);
      quarantined.push(`seq:${row.seq}`);
    }
    return { signals, removedTemporaries: 0, quarantined };
  }

  async create(signal: StoredSignal): Promise<void> {
    await this.#database.pool.query(
      `insert into ${this.#database.table('worker_signals')} (account, seq, body) values ($1, $2, $3)`,
      [this.#database.account, signal.seq, JSON.stringify(signal)],
    );
  }

  async update(signal: StoredSignal): Promise<void> {
    await this.#database.pool.query(
      `update ${this.#database.table('worker_signals')} set body = $3 where account = $1 and seq = $2`,
      [this.#database.account, signal.seq, JSON.stringify(signal)],
    );
  }

  async remove(signal: StoredSignal): Promise<void> {
    await this.#database.pool.query(
      `delete from ${this.#database.table('worker_signals')} where account = $1 and seq = $2`,
      [this.#database.account, signal.seq],
    );
  }
}

function parseSignal(body: string): StoredSignal | undefined {
  try {
    const parsed = StoredSignalSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
