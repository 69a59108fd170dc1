import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/platform/config/env.ts';
import { loadWsWorkerConfig } from '../../src/platform/config/wsWorkerConfig.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';
const SECRET = 'a-real-shared-secret-0123456789';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadWsWorkerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadWsWorkerConfig', () => {
  it('defaults to loopback, signals disabled, and the seeds paths and numbers', () => {
    const config = loadWsWorkerConfig({});
    expect(config.control).toEqual({ host: '127.0.0.1', port: 8089, token: undefined, allowedHosts: [] });
    expect(config.tradingApp).toBeUndefined();
    expect(config.dataDirectory).toBe('var/ws-worker');
    expect(config.ordersConfigPath).toBe('config/orders.yaml');
    expect(config.bitmart.subscribeBatch).toBe(20);
  });

  it('joins the trading-app URLs as the original and reads the seeds defaults', () => {
    const config = loadWsWorkerConfig({
      TRADING_APP_BASE_URI: 'http://trading-app:8080/',
      TRADING_APP_SHARED_SECRET: SECRET,
      TRADING_APP_BALANCE_SIGNAL_PATH: 'api/balance',
    });
    expect(config.tradingApp).toMatchObject({
      orderSignalUrl: 'http://trading-app:8080/api/ws-worker/orders',
      balanceSignalUrl: 'http://trading-app:8080/api/balance',
      callbackUrl: 'http://trading-app:8080/api/orders/callback',
      requestTimeoutMs: 2000,
      maxRetries: 5,
      orderFailureLog: 'var/order-signal-failures.log',
      balanceFailureLog: 'var/balance-signal-failures.log',
      backoffSeconds: undefined,
    });
  });

  it('reads the signal retry delays, the first attempt staying immediate', () => {
    const base = { TRADING_APP_BASE_URI: 'http://app:8080', TRADING_APP_SHARED_SECRET: SECRET };
    const config = loadWsWorkerConfig({ ...base, TRADING_APP_SIGNAL_RETRY_DELAYS_S: '0.2, 1,30' });
    expect(config.tradingApp?.backoffSeconds).toEqual([0, 0.2, 1, 30]);
    for (const malformed of ['', '5,,15', '-1', 'five', '3601']) {
      expect(configError({ ...base, TRADING_APP_SIGNAL_RETRY_DELAYS_S: malformed }).variable, malformed).toBe(
        'TRADING_APP_SIGNAL_RETRY_DELAYS_S',
      );
    }
  });

  it('refuses a non-loopback CTRL_ADDR without CTRL_TOKEN, naming CTRL_TOKEN', () => {
    const error = configError({ CTRL_ADDR: '0.0.0.0:8089' });
    expect(error.variable).toBe('CTRL_TOKEN');
    expect(loadWsWorkerConfig({ CTRL_ADDR: '0.0.0.0:8089', CTRL_TOKEN: TOKEN }).control.token).toBe(TOKEN);
  });

  it('reads the extra Host names callers may use (a docker service name, a published port)', () => {
    const config = loadWsWorkerConfig({ CTRL_ALLOWED_HOSTS: ' ws-worker ,localhost:18089,' });
    expect(config.control.allowedHosts).toEqual(['ws-worker', 'localhost:18089']);
    expect(configError({ CTRL_ALLOWED_HOSTS: 'http://ws-worker' }).variable).toBe('CTRL_ALLOWED_HOSTS');
  });

  it('names each malformed or missing variable', () => {
    expect(configError({ TRADING_APP_REQUEST_TIMEOUT: 'two' }).variable).toBe('TRADING_APP_REQUEST_TIMEOUT');
    expect(configError({ TRADING_APP_SIGNAL_MAX_RETRIES: '-1' }).variable).toBe('TRADING_APP_SIGNAL_MAX_RETRIES');
    expect(configError({ CTRL_ADDR: 'nowhere' }).variable).toBe('CTRL_ADDR');
    expect(configError({ TRADING_APP_BASE_URI: 'http://app' }).variable).toBe('TRADING_APP_SHARED_SECRET');
    expect(configError({ TRADING_APP_BASE_URI: 'http://app', TRADING_APP_SHARED_SECRET: 'change-me' }).variable).toBe(
      'TRADING_APP_SHARED_SECRET',
    );
    expect(configError({ TRADING_APP_BASE_URI: 'not a url', TRADING_APP_SHARED_SECRET: SECRET }).variable).toBe(
      'TRADING_APP_BASE_URI',
    );
    expect(configError({ BITMART_API_KEY: 'key' }).variable).toBe('BITMART_API_SECRET');
  });
});
