import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/platform/config/env.ts';
import { loadTradingAppConfig } from '../../src/platform/config/tradingAppConfig.ts';

const SECRET = { WS_WORKER_SHARED_SECRET: '4f1c0a9e8b7d6c5b4a39281706f5e4d3' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadTradingAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadTradingAppConfig', () => {
  it('applies the safe defaults: loopback, PGlite in ./var/data, alerts at 80 % frozen', () => {
    expect(loadTradingAppConfig(SECRET)).toEqual({
      host: '127.0.0.1',
      port: 8080,
      allowedHosts: [],
      sharedSecret: SECRET.WS_WORKER_SHARED_SECRET,
      wsWorker: { baseUrls: ['http://127.0.0.1:8089'], controlToken: undefined },
      databaseUrl: undefined,
      dataDirectory: './var/data',
      alerts: { minAvailable: undefined, maxFrozenPercent: '80' },
      appBaseUrl: undefined,
      // The original scheduler's schedules, in process; dry unless told otherwise.
      schedules: {
        mtfRun: { cron: '5 * * * * *', workers: 1, dryRun: true, profile: 'scalper_micro' },
        contractSync: { cron: '0 9 * * *' },
        cleanup: { cron: '0 30 3 * * *', dryRun: false },
      },
      // On one machine the schedules stay in process (decision 0030).
      queue: { backend: 'inprocess' },
      mtfEvaluation: 'inprocess',
      liveTradingConfirmed: false,
    });
  });

  it('puts the schedules on BullMQ when asked, with the shared store: PostgreSQL (its own schema) or Redis', () => {
    const shared = { ...SECRET, DATABASE_URL: 'postgres://trading@db:5432/trading' };
    expect(loadTradingAppConfig({ ...shared, QUEUE: 'postgres' }).queue).toEqual({
      backend: 'postgres',
      url: 'postgres://trading@db:5432/trading',
      prefix: 'bullmq_trading',
    });
    expect(
      loadTradingAppConfig({ ...shared, QUEUE: 'redis', REDIS_URL: 'redis://cache:6379', QUEUE_PREFIX: 'desk_two' })
        .queue,
    ).toEqual({ backend: 'redis', url: 'redis://cache:6379', prefix: 'desk_two' });
    expect(configError({ ...SECRET, QUEUE: 'postgres' }).message).toMatch(/^QUEUE: .*set DATABASE_URL/);
    expect(configError({ ...shared, QUEUE: 'redis' }).variable).toBe('REDIS_URL');
    expect(configError({ ...shared, QUEUE: 'rabbit' }).message).toBe('QUEUE: expected inprocess, postgres or redis');
    expect(configError({ ...shared, QUEUE: 'redis', REDIS_URL: 'cache:6379' }).variable).toBe('REDIS_URL');
    expect(configError({ ...shared, QUEUE: 'postgres', QUEUE_PREFIX: 'Bad-Name' }).variable).toBe('QUEUE_PREFIX');
    expect(loadTradingAppConfig({ ...shared, QUEUE: 'postgres', MTF_EVALUATION: 'queue' }).mtfEvaluation).toBe('queue');
    expect(configError({ ...shared, MTF_EVALUATION: 'queue' }).message).toMatch(/^MTF_EVALUATION: queue needs QUEUE=/);
  });

  it('reads every variable, trimming trailing slashes and treating blank as unset', () => {
    const config = loadTradingAppConfig({
      ...SECRET,
      APP_ADDR: '0.0.0.0:9000',
      WS_WORKER_BASE_URL: 'http://ws-worker:8089/',
      WS_WORKER_CTRL_TOKEN: 'ctrl-token-0123456789',
      DATABASE_URL: 'postgres://trading:pw@db:5432/trading',
      DATA_DIR: '/srv/data',
      BALANCE_ALERT_MIN: '250.5',
      BALANCE_ALERT_FROZEN_PCT: '90',
      APP_BASE_URL: 'http://trading-app:8080/',
      APP_ALLOWED_HOSTS: 'app.internal, localhost:18080',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      allowedHosts: ['app.internal', 'localhost:18080', 'trading-app:8080'],
      wsWorker: { baseUrls: ['http://ws-worker:8089'], controlToken: 'ctrl-token-0123456789' },
      databaseUrl: 'postgres://trading:pw@db:5432/trading',
      dataDirectory: '/srv/data',
      alerts: { minAvailable: '250.5', maxFrozenPercent: '90' },
      appBaseUrl: 'http://trading-app:8080',
    });
    expect(loadTradingAppConfig({ ...SECRET, DATABASE_URL: '', BALANCE_ALERT_MIN: ' ' })).toMatchObject({
      databaseUrl: undefined,
      alerts: { minAvailable: undefined },
    });
  });

  it('fails closed without WS_WORKER_SHARED_SECRET, or with a placeholder from the docs', () => {
    expect(configError({}).variable).toBe('WS_WORKER_SHARED_SECRET');
    expect(configError({ WS_WORKER_SHARED_SECRET: '   ' }).variable).toBe('WS_WORKER_SHARED_SECRET');
    expect(configError({ WS_WORKER_SHARED_SECRET: 'your-secure-secret-here' }).message).toContain('placeholder');
  });

  it('names the malformed variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ APP_ADDR: 'localhost' }, 'APP_ADDR'],
      [{ APP_ALLOWED_HOSTS: 'http://evil.example' }, 'APP_ALLOWED_HOSTS'],
      [{ WS_WORKER_BASE_URL: 'ws-worker:8089' }, 'WS_WORKER_BASE_URL'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ BALANCE_ALERT_MIN: '-5' }, 'BALANCE_ALERT_MIN'],
      [{ BALANCE_ALERT_FROZEN_PCT: '101' }, 'BALANCE_ALERT_FROZEN_PCT'],
      [{ APP_BASE_URL: 'trading-app' }, 'APP_BASE_URL'],
    ];
    for (const [env, variable] of cases) {
      const error = configError({ ...SECRET, ...env });
      expect(error.variable, JSON.stringify(env)).toBe(variable);
      expect(error.message.startsWith(`${variable}: `)).toBe(true);
    }
  });
});
