import pg from 'pg';

/** Serialises the creation of the state tables by several workers starting at once. */
const SCHEMA_LOCK_KEY = 727_038;

/**
 * The worker's durable state on PostgreSQL (`WORKER_STATE=postgres`, decision 0037): the outbox's
 * signals and the execution's snapshot, keyed by the lease's account, so a standby on another
 * machine continues where the active worker stopped. Tables in the lease's schema.
 */
export class WorkerStateDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly account: string;

  private constructor(pool: pg.Pool, schema: string, account: string) {
    this.pool = pool;
    this.schema = schema;
    this.account = account;
  }

  /** `schema` is a checked identifier (the config's pattern). */
  static async open(options: { databaseUrl: string; schema: string; account: string }): Promise<WorkerStateDatabase> {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
    // An idle connection the server dropped must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    const database = new WorkerStateDatabase(pool, options.schema, options.account);
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
