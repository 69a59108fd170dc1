import pg from 'pg';
import type { LeaseHolder, WorkerLease } from './WorkerLease.ts';

/** Serialises the creation of the lease table by several workers starting at once. */
const SCHEMA_LOCK_KEY = 727_037;

interface LeaseRow {
  readonly token: string;
  readonly holder: string;
  readonly control_url: string;
  readonly expires_at_ms: string;
}

/**
 * The lease as one row per account in `<schema>.worker_leases`. A take-over is one
 * `insert … on conflict do update … where expired`: PostgreSQL locks the row, so of two standbys
 * racing for an expired lease one updates it and the other finds it live and gets nothing. The
 * token is a column bumped by every take-over, never reused: it fences the previous holder.
 */
export class PostgresWorkerLease implements WorkerLease {
  readonly account: string;
  readonly #pool: pg.Pool;
  readonly #table: string;
  readonly #ttlMs: number;

  private constructor(pool: pg.Pool, schema: string, account: string, ttlMs: number) {
    this.#pool = pool;
    this.#table = `"${schema}".worker_leases`;
    this.account = account;
    this.#ttlMs = ttlMs;
  }

  /** Connects and creates the schema and table when missing. `schema` is a checked identifier. */
  static async open(options: {
    databaseUrl: string;
    schema: string;
    account: string;
    ttlMs: number;
  }): Promise<PostgresWorkerLease> {
    // Two connections: a heartbeat never waits behind a fencing check, nor the other way round.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2, connectionTimeoutMillis: 5_000 });
    // An idle connection the server dropped must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    const lease = new PostgresWorkerLease(pool, options.schema, options.account, options.ttlMs);
    try {
      await lease.#createTable(options.schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return lease;
  }

  async #createTable(schema: string): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
      await client.query(`create schema if not exists "${schema}"`);
      await client.query(
        `create table if not exists ${this.#table} (
           account text primary key,
           token bigint not null,
           holder text not null,
           control_url text not null,
           acquired_at_ms bigint not null,
           renewed_at_ms bigint not null,
           expires_at_ms bigint not null
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

  async tryAcquire(holder: string, controlUrl: string, now: number): Promise<number | undefined> {
    const result = await this.#pool.query<{ token: string }>(
      `insert into ${this.#table} as lease
         (account, token, holder, control_url, acquired_at_ms, renewed_at_ms, expires_at_ms)
       values ($1, 1, $2, $3, $4, $4, $5)
       on conflict (account) do update set
         token = lease.token + 1, holder = excluded.holder, control_url = excluded.control_url,
         acquired_at_ms = excluded.acquired_at_ms, renewed_at_ms = excluded.renewed_at_ms,
         expires_at_ms = excluded.expires_at_ms
       where lease.expires_at_ms <= $4
       returning token`,
      [this.account, holder, controlUrl, now, now + this.#ttlMs],
    );
    const row = result.rows[0];
    return row ? Number(row.token) : undefined;
  }

  async renew(token: number, now: number): Promise<boolean> {
    const result = await this.#pool.query(
      `update ${this.#table} set renewed_at_ms = $3, expires_at_ms = $4 where account = $1 and token = $2`,
      [this.account, token, now, now + this.#ttlMs],
    );
    return result.rowCount === 1;
  }

  async current(): Promise<LeaseHolder | undefined> {
    const result = await this.#pool.query<LeaseRow>(
      `select token, holder, control_url, expires_at_ms from ${this.#table} where account = $1`,
      [this.account],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      token: Number(row.token),
      holder: row.holder,
      controlUrl: row.control_url,
      expiresAt: Number(row.expires_at_ms),
    };
  }

  async release(token: number): Promise<void> {
    await this.#pool.query(`update ${this.#table} set expires_at_ms = 0 where account = $1 and token = $2`, [
      this.account,
      token,
    ]);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
