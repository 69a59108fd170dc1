import { describe, expect, it } from 'vitest';
import { ConfigError } from './env.ts';
import { loadVenueConfig } from './venueConfig.ts';
import { loadWorkerLeaseConfig } from './workerLeaseConfig.ts';

const KEYS = { BITMART_API_KEY: 'key-one', BITMART_API_SECRET: 'secret', BITMART_API_MEMO: 'memo' };
const load = (env: Record<string, string>) => loadWorkerLeaseConfig(env, loadVenueConfig(env));

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('WORKER_LEASE and its variables', () => {
  it('leaves a single worker without a lease unless asked, even with DATABASE_URL', () => {
    expect(load({ DATABASE_URL: 'postgres://db/trading' })).toBeUndefined();
  });

  it("takes DATABASE_URL's server, a 10 s lease and one account per venue and API key by default", () => {
    const lease = load({ ...KEYS, WORKER_LEASE: 'postgres', DATABASE_URL: 'postgres://db/trading' });
    expect(lease).toMatchObject({ databaseUrl: 'postgres://db/trading', ttlMs: 10_000, schema: 'ws_worker' });
    expect(lease?.account).toMatch(/^bitmart:[0-9a-f]{12}$/);
    expect(lease?.account).not.toContain('key-one');
    const other = load({
      ...KEYS,
      BITMART_API_KEY: 'key-two',
      WORKER_LEASE: 'postgres',
      DATABASE_URL: 'postgres://x/y',
    });
    expect(other?.account).not.toBe(lease?.account);
  });

  it('prefers WORKER_LEASE_DATABASE_URL and reads the account, lease life, schema and advertised URL', () => {
    const lease = load({
      WORKER_LEASE: 'postgres',
      DATABASE_URL: 'postgres://db/trading',
      WORKER_LEASE_DATABASE_URL: 'postgresql://lease-db/leases',
      WORKER_LEASE_ACCOUNT: 'main-account',
      WORKER_LEASE_TTL_S: '4',
      WORKER_LEASE_SCHEMA: 'leases',
      WORKER_ADVERTISED_URL: 'http://10.0.0.5:8089',
    });
    expect(lease).toEqual({
      databaseUrl: 'postgresql://lease-db/leases',
      account: 'main-account',
      ttlMs: 4_000,
      schema: 'leases',
      advertisedUrl: 'http://10.0.0.5:8089',
      state: 'files',
    });
  });

  it.each([
    [{ WORKER_LEASE: 'postgres' }, 'WORKER_LEASE'],
    [{ WORKER_STATE: 'postgres', DATABASE_URL: 'postgres://db/t' }, 'WORKER_STATE'],
    [{ WORKER_LEASE: 'postgres', DATABASE_URL: 'postgres://db/t', WORKER_STATE: 'redis' }, 'WORKER_STATE'],
    [{ WORKER_LEASE: 'redis', DATABASE_URL: 'postgres://db/t' }, 'WORKER_LEASE'],
    [{ WORKER_LEASE: 'postgres', WORKER_LEASE_DATABASE_URL: 'mysql://db/t' }, 'WORKER_LEASE_DATABASE_URL'],
    [{ WORKER_LEASE: 'postgres', DATABASE_URL: 'postgres://db/t', WORKER_LEASE_TTL_S: '1' }, 'WORKER_LEASE_TTL_S'],
    [
      { WORKER_LEASE: 'postgres', DATABASE_URL: 'postgres://db/t', WORKER_LEASE_SCHEMA: 'Drop;' },
      'WORKER_LEASE_SCHEMA',
    ],
    [
      { WORKER_LEASE: 'postgres', DATABASE_URL: 'postgres://db/t', WORKER_LEASE_ACCOUNT: 'a b' },
      'WORKER_LEASE_ACCOUNT',
    ],
  ])('refuses %o naming %s', (env, variable) => {
    expect(configErrorOf(env).message).toContain(variable);
  });
});
