import { describe, expect, it } from 'vitest';
import { loadBitmartConfig } from './bitmartConfig.ts';
import { appEnvironment, loadPlatformConfig, workerEnvironment } from './platformConfig.ts';
import { loadVenueConfig } from './venueConfig.ts';

describe('the paper-trading group of bin/console up', () => {
  const userEnv = { BITMART_BASE_URL: 'https://api-cloud-v2.bitmart.com', BITMART_API_KEY: 'a-real-key' };
  const config = loadPlatformConfig(userEnv);
  const simulator = 'http://127.0.0.1:8090';

  it('points the worker and the app at the simulator, whatever BITMART_* the user exported', () => {
    const worker = loadBitmartConfig(
      workerEnvironment(config, { simulator, app: 'http://127.0.0.1:8080', control: config.control }),
    );
    const app = loadBitmartConfig(
      appEnvironment(config, { app: config.app, worker: 'http://127.0.0.1:8089', simulator }),
    );
    for (const bitmart of [worker, app]) {
      expect(bitmart.restUrl).toBe(simulator);
      expect(bitmart.publicWsUrl).toBe('ws://127.0.0.1:8090/api?protocol=1.1');
      expect(bitmart.privateWsUrl).toBe('ws://127.0.0.1:8090/user?protocol=1.1');
      expect(bitmart.credentials?.apiKey).toBe(config.simulator.apiKey);
    }
  });

  it('generates one shared secret for both sides unless one is given', () => {
    expect(config.sharedSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(loadPlatformConfig({}).sharedSecret).not.toBe(config.sharedSecret);
    expect(loadPlatformConfig({ WS_WORKER_SHARED_SECRET: 'given-secret-0123456789' }).sharedSecret).toBe(
      'given-secret-0123456789',
    );
  });

  it('names a malformed UP_SYMBOLS', () => {
    expect(() => loadPlatformConfig({ UP_SYMBOLS: 'btc usdt' })).toThrow(/UP_SYMBOLS/);
  });

  it("on OKX, points both at the simulator's OKX face in net mode, whatever OKX_* the user exported", () => {
    const okx = loadPlatformConfig({ EXCHANGE: 'okx', OKX_BASE_URL: 'https://www.okx.com', OKX_API_KEY: 'real' });
    expect(okx.simulator.venue).toBe('okx');
    for (const env of [
      workerEnvironment(okx, { simulator, app: 'http://127.0.0.1:8080', control: okx.control }),
      appEnvironment(okx, { app: okx.app, worker: 'http://127.0.0.1:8089', simulator }),
    ]) {
      const venue = loadVenueConfig(env);
      if (venue.venue !== 'okx') throw new Error('expected OKX');
      expect(venue.okx.restUrl).toBe(simulator);
      expect(venue.okx.businessWsUrl).toBe('ws://127.0.0.1:8090/ws/v5/business');
      expect(venue.okx.credentials).toEqual({
        apiKey: okx.simulator.apiKey,
        apiSecret: okx.simulator.apiSecret,
        passphrase: okx.simulator.apiMemo,
      });
    }
  });
});
