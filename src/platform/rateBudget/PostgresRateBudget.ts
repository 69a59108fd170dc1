import pg from 'pg';
import type { RateBudget } from './RateBudget.ts';

const ANSWER_WITHIN_MS = 1_000;

/**
 * The shared budget on PostgreSQL, in a schema of the queue's namespace: a row per send, a row per
 * blocked bucket. Each take is one transaction under a transaction-scoped advisory lock on the
 * bucket, so two processes never both take the last send of a window; rows older than the window
 * go in the same transaction.
 */
export class PostgresRateBudget implements RateBudget {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  #ready: Promise<void> | undefined;

  /** `url` is the server; `schema` the namespace shared by the processes of one account (a plain identifier). */
  constructor(url: string, schema: string) {
    if (!/^[a-z][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
    // An answer within a second or none: a limiter that gets none counts alone rather than hold a close.
    this.#pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: ANSWER_WITHIN_MS,
      query_timeout: ANSWER_WITHIN_MS,
    });
    this.#schema = schema;
  }

  async take(bucket: string, limit: number, windowMs: number, now: number): Promise<number> {
    return this.#transaction(bucket, async (client) => {
      const blocked = await client.query<{ until: string }>(
        `select until from ${this.#schema}.rate_budget_blocks where bucket = $1`,
        [bucket],
      );
      const until = Number(blocked.rows[0]?.until ?? 0);
      if (until > now) return until - now;
      await client.query(`delete from ${this.#schema}.rate_budget_sends where bucket = $1 and sent_at <= $2`, [
        bucket,
        now - windowMs,
      ]);
      const sends = await client.query<{ sent_at: string }>(
        `select sent_at from ${this.#schema}.rate_budget_sends where bucket = $1 order by sent_at desc limit $2`,
        [bucket, limit],
      );
      if (sends.rows.length < limit) {
        await client.query(`insert into ${this.#schema}.rate_budget_sends (bucket, sent_at) values ($1, $2)`, [
          bucket,
          now,
        ]);
        return 0;
      }
      // The limit-th newest send leaves the window first among those that keep it full.
      return Math.max(1, Number(sends.rows[limit - 1]?.sent_at) + windowMs - now);
    });
  }

  async block(bucket: string, until: number): Promise<void> {
    await this.#transaction(bucket, (client) =>
      client.query(
        `insert into ${this.#schema}.rate_budget_blocks (bucket, until) values ($1, $2)
         on conflict (bucket) do update set until = greatest(${this.#schema}.rate_budget_blocks.until, excluded.until)`,
        [bucket, until],
      ),
    );
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #transaction<T>(bucket: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.#ready ??= this.#createTables();
    await this.#ready;
    const client = await this.#pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`rate-budget:${bucket}`]);
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async #createTables(): Promise<void> {
    // Several processes may start at once: the advisory lock makes the first create and the others see it.
    const client = await this.#pool.connect();
    try {
      await client.query('begin');
      await client.query("select pg_advisory_xact_lock(hashtextextended('rate-budget:schema', 0))");
      await client.query(`create schema if not exists ${this.#schema}`);
      await client.query(
        `create table if not exists ${this.#schema}.rate_budget_sends (bucket text not null, sent_at bigint not null)`,
      );
      await client.query(
        `create index if not exists rate_budget_sends_bucket on ${this.#schema}.rate_budget_sends (bucket, sent_at)`,
      );
      await client.query(
        `create table if not exists ${this.#schema}.rate_budget_blocks (bucket text primary key, until bigint not null)`,
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      this.#ready = undefined;
      throw error;
    } finally {
      client.release();
    }
  }
}
