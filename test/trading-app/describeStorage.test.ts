import { describe, expect, it } from 'vitest';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';
import { describeStorage } from '../../src/trading-app/main.ts';

describe('describeStorage (printed by app:serve)', () => {
  const secret = { WS_WORKER_SHARED_SECRET: '4f1c0a9e8b7d6c5b4a39281706f5e4d3' };

  it('names the PGlite directory by default', () => {
    expect(describeStorage(loadTradingAppConfig({ ...secret, DATA_DIR: '/srv/app' }))).toBe('PGlite in /srv/app');
  });

  it('names the PostgreSQL server without its password', () => {
    const config = loadTradingAppConfig({ ...secret, DATABASE_URL: 'postgres://trading:s3cret@db:5432/trading' });
    expect(describeStorage(config)).toBe('PostgreSQL at postgres://trading:***@db:5432/trading');
  });
});
