import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server of this machine (and of CI); `TEST_DATABASE_URL` points elsewhere. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own per test, so test files running in parallel never share a lease. */
export function uniqueLeaseSchema(): { readonly name: string; drop(): Promise<void> } {
  const name = `lease_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    name,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${name}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
