import pg from 'pg';
import { FencedOffError } from '../lease/FencedOffError.ts';

/** Serialises the creation of the tables by several workers starting at once: the lease's key, as both create its table. */
const SCHEMA_LOCK_KEY = 727_037;

/**
 * The worker's durable state on PostgreSQL (`WORKER_STATE=postgres`, decision 0037): the outbox's
 * signals and the execution's snapshot, keyed by the lease's account, so a standby on another
 * machine continues where the active worker stopped. Tables in the lease's schema.
 */
export class WorkerStateDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly account: string;
  readonly #token: () => number | null;

  private constructor(pool: pg.Pool, schema: string, account: string, token: () => number | null) {
    this.pool = pool;
    this.schema = schema;
    this.account = account;
    this.#token = token;
  }

  /**
   * `schema` is a checked identifier (the config's pattern), the lease's: `token` is this worker's
   * fencing token (null while standing by), which every write must still find current there.
   */
  static async open(options: {
    databaseUrl: string;
    schema: string;
    account: string;
    token: () => number | null;
  }): Promise<WorkerStateDatabase> {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
    // An idle connection the server dropped must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    const database = new WorkerStateDatabase(pool, options.schema, options.account, options.token);
    try {
      await database.#createTables();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return database;
  }

  table(name: 'worker_signals' | 'worker_snapshots'): string {
    return `"${this.schema}".${name}`;
  }

  /**
   * A condition for a write's `where`: the lease row of our account still carries our token, checked
   * by the server in the write's own statement, so a worker that was replaced while paused cannot
   * overwrite its successor's state. `$1` must be the account; `parameter` is the token's number.
   */
  holdsLease(parameter: number): string {
    return `exists (select 1 from "${this.schema}".worker_leases where account = $1 and token = $${parameter})`;
  }

  /** Our fencing token for a write; a standby (no token) writes nothing. */
  token(): number {
    const token = this.#token();
    if (token === null) throw new FencedOffError('fenced off: this worker holds no lease; its state was not written');
    return token;
  }

  async #createTables(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
      await client.query(`create schema if not exists "${this.schema}"`);
      await client.query(
        `create table if not exists ${this.table('worker_signals')} (
           account text not null,
           seq bigint not null,
           body text not null,
           quarantined boolean not null default false,
           primary key (account, seq)
         )`,
      );
      // The lease's table, when no lease ran on this schema yet: the writes' condition reads it.
      await client.query(
        `create table if not exists "${this.schema}".worker_leases (
           account text primary key, token bigint not null, holder text not null, control_url text not null,
           acquired_at_ms bigint not null, renewed_at_ms bigint not null, expires_at_ms bigint not null
         )`,
      );
      await client.query(
        `create table if not exists ${this.table('worker_snapshots')} (
           account text not null,
           name text not null,
           body text not null,
           primary key (account, name)
         )`,
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
