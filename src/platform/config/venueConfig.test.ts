import { describe, expect, it } from 'vitest';
import { ConfigError } from './env.ts';
import { OKX_DEFAULT_URLS } from './okxConfig.ts';
import { loadVenueConfig } from './venueConfig.ts';

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadVenueConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('EXCHANGE and the OKX variables', () => {
  it('runs on BitMart unless EXCHANGE says otherwise', () => {
    expect(loadVenueConfig({}).venue).toBe('bitmart');
  });

  it("reads OKX's URLs, credentials and demo flag, OKX's production hosts by default", () => {
    const defaults = loadVenueConfig({ EXCHANGE: 'okx' });
    expect(defaults).toMatchObject({
      venue: 'okx',
      okx: { restUrl: OKX_DEFAULT_URLS.rest, businessWsUrl: OKX_DEFAULT_URLS.businessWs, demo: false },
    });
    const config = loadVenueConfig({
      EXCHANGE: 'okx',
      OKX_BASE_URL: 'http://127.0.0.1:8090/',
      OKX_WS_PUBLIC_URI: 'ws://127.0.0.1:8090/ws/v5/public',
      OKX_WS_PRIVATE_URI: 'ws://127.0.0.1:8090/ws/v5/private',
      OKX_WS_BUSINESS_URI: 'ws://127.0.0.1:8090/ws/v5/business',
      OKX_API_KEY: 'key',
      OKX_API_SECRET: 'secret',
      OKX_API_PASSPHRASE: 'phrase',
      OKX_DEMO: '1',
    });
    if (config.venue !== 'okx') throw new Error('expected OKX');
    expect(config.okx).toMatchObject({
      restUrl: 'http://127.0.0.1:8090',
      privateWsUrl: 'ws://127.0.0.1:8090/ws/v5/private',
      credentials: { apiKey: 'key', apiSecret: 'secret', passphrase: 'phrase' },
      demo: true,
    });
  });

  it.each([
    [{ EXCHANGE: 'kraken' }, 'EXCHANGE'],
    [{ EXCHANGE: 'okx', OKX_BASE_URL: 'ftp://example.com' }, 'OKX_BASE_URL'],
    [{ EXCHANGE: 'okx', OKX_WS_BUSINESS_URI: 'http://127.0.0.1:8090/ws/v5/business' }, 'OKX_WS_BUSINESS_URI'],
    [{ EXCHANGE: 'okx', OKX_DEMO: 'maybe' }, 'OKX_DEMO'],
    [{ EXCHANGE: 'okx', OKX_API_KEY: 'key', OKX_API_PASSPHRASE: 'phrase' }, 'OKX_API_SECRET'],
    [{ EXCHANGE: 'okx', OKX_API_KEY: 'key', OKX_API_SECRET: 'secret' }, 'OKX_API_PASSPHRASE'],
    [{ EXCHANGE: 'okx', OKX_ORDER_TAG: 'not-a-tag' }, 'OKX_ORDER_TAG'],
  ])('names the variable of a bad value: %o', (env, variable) => {
    const error = configErrorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
  });

  it('never echoes a secret in its errors', () => {
    const error = configErrorOf({ EXCHANGE: 'okx', OKX_API_KEY: 'key', OKX_API_SECRET: 'very-secret-value' });
    expect(error.message).not.toContain('very-secret-value');
  });
});
