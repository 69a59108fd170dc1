import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { RetentionCleanup } from '../../src/trading-app/maintenance/RetentionCleanup.ts';
import type { MtfService } from '../../src/trading-app/mtf-runner/index.ts';
import { mtfApiServer } from '../mtf-runner/support/mtfApiServer.ts';
import { type MtfHarness, openMtfHarness } from '../mtf-runner/support/mtfHarness.ts';
import { rawHttpExchange, stalledBodyRequest, statusOf } from '../support/rawHttp.ts';
import { balanceSignal, signedHeaders } from './support/signing.ts';

// Decision 0013: what a web page in the operator's browser could send is refused before any route.
let harness: MtfHarness;
let mtf: MtfService;
let app: FastifyInstance;
beforeAll(async () => {
  harness = await openMtfHarness();
  mtf = harness.service();
  app = mtfApiServer(harness, mtf, {
    maintenance: new RetentionCleanup(harness.database.drizzle, harness.clock, silentLogger()),
    http: { requestTimeoutMs: 300 },
  });
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
});

/** What a refused request must leave as it was: switches, locks, audits, klines. */
async function observableState(): Promise<unknown> {
  const read = async (url: string) => (await app.inject({ method: 'GET', url })).json().data;
  const klines = await harness.database.drizzle.execute('select count(*)::int as count from klines');
  return {
    switches: await read('/api/mtf/switches'),
    locks: (await read('/api/mtf/lock/status')).all_active_locks,
    audits: (await read('/api/mtf/audit?limit=500')).length,
    klines: (klines as unknown as { rows: unknown[] }).rows,
  };
}

const STATE_CHANGING: readonly [string, object][] = [
  ['/api/mtf/run', { dry_run: true, symbols: ['BTCUSDT'] }],
  ['/api/mtf/switches', { key: 'GLOBAL', is_on: false }],
  ['/api/mtf/switches/1/toggle', {}],
  ['/api/mtf/lock/force-release', { lock_key: 'mtf_execution:BTCUSDT' }],
  ['/api/mtf/lock/cleanup', {}],
  ['/api/maintenance/cleanup', { dry_run: false, klines_limit: 250 }],
  ['/api/mtf/sync-contracts', {}],
];

describe('trading-app: cross-site requests', () => {
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example', 'content-type': 'application/json' }, 403, 'foreign_origin'],
    [
      'Sec-Fetch-Site: cross-site',
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      403,
      'cross_site_request',
    ],
    [
      'a rebinding Host',
      { host: 'rebound.evil.example:8080', 'content-type': 'application/json' },
      403,
      'foreign_host',
    ],
    ['a text/plain body', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
  ])(
    'refuses %s on every state-changing route, in the app error shape, changing nothing',
    async (_what, headers, status, code) => {
      const before = await observableState();
      for (const [url, body] of STATE_CHANGING) {
        const response = await app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
        expect([url, response.statusCode, response.json().code]).toEqual([url, status, code]);
        expect(response.json()).toMatchObject({ status: 'error', message: expect.any(String) });
      }
      expect(await observableState()).toEqual(before);
    },
  );

  it('refuses a signed signal sent cross-site, however valid its signature', async () => {
    const body = JSON.stringify(balanceSignal());
    const response = await app.inject({
      method: 'POST',
      url: '/api/ws-worker/balance',
      headers: { ...signedHeaders(body, harness.clock.now(), 'test-secret'), origin: 'https://evil.example' },
      payload: body,
    });
    expect(response.statusCode).toBe(403);
  });

  it("takes a form on the original's form routes from a non-browser caller only", async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const post = (url: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers, payload: 'lock_key=mtf_execution%3ANOPEUSDT' });
    expect((await post('/api/mtf/lock/force-release', form)).statusCode).toBe(404);
    expect((await post('/api/mtf/lock/force-release', { ...form, origin: 'http://attacker.example' })).statusCode).toBe(
      403,
    );
    expect((await post('/api/mtf/lock/force-release', { ...form, 'sec-fetch-site': 'same-site' })).statusCode).toBe(
      403,
    );
    const switches = await post('/api/mtf/switches', form);
    expect([switches.statusCode, switches.json().code]).toEqual([415, 'unsupported_media_type']);
  });

  it('keeps reads open to non-browser callers and refuses a rebinding Host on them too', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/mtf/status' })).statusCode).toBe(200);
    const rebound = await app.inject({ method: 'GET', url: '/api/orders', headers: { host: 'rebound.evil.example' } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json()).toEqual({
      status: 'error',
      code: 'foreign_host',
      message: 'Host "rebound.evil.example" is not an address of this server',
    });
  });

  it('answers 408 and closes a connection whose body never arrives, within the request timeout', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const exchange = await rawHttpExchange(port, stalledBodyRequest(port, '/api/mtf/switches'));
    expect(statusOf(exchange.received)).toBe(408);
    // The bound plus Node's check interval (75 ms here), with room for a busy machine.
    expect(exchange.elapsedMs).toBeLessThan(1_500);
  });
});
