import { FencedOffError } from '../../lease/FencedOffError.ts';
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

  /** Refused (`FencedOffError`, nothing written) once another worker took the lease. */
  async create(signal: StoredSignal): Promise<void> {
    const database = this.#database;
    const result = await database.pool.query(
      `insert into ${database.table('worker_signals')} (account, seq, body)
       select $1, $2, $3 where ${database.holdsLease(4)}`,
      [database.account, signal.seq, JSON.stringify(signal), database.token()],
    );
    if (result.rowCount !== 1)
      throw new FencedOffError('fenced off: another worker holds the lease; signal not stored');
  }

  async update(signal: StoredSignal): Promise<void> {
    const database = this.#database;
    await database.pool.query(
      `update ${database.table('worker_signals')} set body = $3
       where account = $1 and seq = $2 and ${database.holdsLease(4)}`,
      [database.account, signal.seq, JSON.stringify(signal), database.token()],
    );
  }

  async remove(signal: StoredSignal): Promise<void> {
    const database = this.#database;
    await database.pool.query(
      `delete from ${database.table('worker_signals')} where account = $1 and seq = $2 and ${database.holdsLease(3)}`,
      [database.account, signal.seq, database.token()],
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
