import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawHttpExchange, stalledBodyRequest, statusOf } from '../../../test/support/rawHttp.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import { silentLogger } from '../../platform/logging/logger.ts';
import { createEngine } from '../engine/index.ts';
import { createMarket } from '../market/index.ts';
import { type RunningSimulatorServer, startSimulatorServer } from './SimulatorServer.ts';
import { createServerTestKit, type ServerTestKit } from './serverTestKit.ts';
import { createWsGateway } from './ws/index.ts';

const TRACE = /^[0-9a-f]{32}\.\d+\.\d+$/;

describe('SimulatorServer envelope', () => {
  let kit: ServerTestKit;
  afterEach(async () => kit.close());

  it('answers system time with code 1000, message "OK", a trace and the rate-limit headers', async () => {
    kit = await createServerTestKit({ rateLimits: true });
    const response = await kit.publicGet('/system/time');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      code: 1000,
      message: 'OK',
      data: { server_time: kit.clock.now() },
      trace: expect.any(String),
    });
    expect(body.trace).toMatch(TRACE);
    expect(response.headers['x-bm-ratelimit-remaining']).toBe('1');
    expect(response.headers['x-bm-ratelimit-limit']).toBe('10');
    expect(response.headers['x-bm-ratelimit-reset']).toBe('1');
  });

  it('answers contract endpoints with message "Ok"', async () => {
    kit = await createServerTestKit();
    const body = (await kit.publicGet('/contract/public/funding-rate?symbol=BTCUSDT')).json();
    expect(body.code).toBe(1000);
    expect(body.message).toBe('Ok');
  });

  it('serves the ccxt loadMarkets stubs for spot currencies and symbols', async () => {
    kit = await createServerTestKit();
    expect((await kit.publicGet('/account/v1/currencies')).json()).toMatchObject({
      code: 1000,
      message: 'OK',
      data: { currencies: [] },
    });
    expect((await kit.publicGet('/spot/v1/symbols/details')).json()).toMatchObject({ data: { symbols: [] } });
  });

  it('answers an unknown path with 404 and code 30000, with the headers', async () => {
    kit = await createServerTestKit({ rateLimits: true });
    const response = await kit.publicGet('/contract/public/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 30000, message: 'Not found', trace: expect.any(String), data: {} });
    expect(response.headers['x-bm-ratelimit-limit']).toBeDefined();
  });

  it('answers a POST body that is not JSON with 30018', async () => {
    kit = await createServerTestKit();
    const response = await kit.signedPost('/contract/private/cancel-orders', undefined, { rawBody: 'symbol=BTCUSDT' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 30018 });
  });

  it('accepts a signed POST without content type or body as "{}"', async () => {
    kit = await createServerTestKit();
    const response = await kit.signedPost('/account/v1/transfer-contract-list', undefined, {
      rawBody: '',
      headers: { 'content-type': null },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: 1000, message: 'OK', data: { records: [] } });
  });
});

describe('SimulatorServer rate limits', () => {
  let kit: ServerTestKit;
  afterEach(async () => kit.close());

  it('refuses the 13th public market request in 2 s with HTTP 429 and code 30013, then recovers', async () => {
    kit = await createServerTestKit({ rateLimits: true });
    for (let i = 1; i <= 12; i += 1) {
      const ok = await kit.publicGet('/contract/public/depth?symbol=BTCUSDT');
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-bm-ratelimit-remaining']).toBe(String(i));
    }
    const refused = await kit.publicGet('/contract/public/depth?symbol=BTCUSDT');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 30013 });
    expect(refused.headers['x-bm-ratelimit-remaining']).toBe('12');
    expect(refused.headers['x-bm-ratelimit-limit']).toBe('12');
    kit.clock.advance(2_000);
    expect((await kit.publicGet('/contract/public/depth?symbol=BTCUSDT')).statusCode).toBe(200);
  });

  it('does not execute a rate-limited private request', async () => {
    kit = await createServerTestKit({ rateLimits: true });
    const body = {
      symbol: 'BTCUSDT',
      side: 1,
      type: 'limit',
      price: '50000',
      size: 1,
      leverage: '10',
      open_type: 'cross',
    };
    for (let i = 0; i < 24; i += 1) {
      expect((await kit.signedPost('/contract/private/submit-order', body)).statusCode).toBe(200);
    }
    const refused = await kit.signedPost('/contract/private/submit-order', body);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe(30013);
    expect(kit.engine.openOrders(kit.account.accountId, { symbol: 'BTCUSDT' })).toHaveLength(24);
  });

  it('never refuses, and reports no limit, when rate limits are disabled', async () => {
    kit = await createServerTestKit({ rateLimits: false });
    for (let i = 0; i < 3; i += 1) await kit.publicGet('/contract/public/open-interest?symbol=BTCUSDT');
    const fourth = await kit.publicGet('/contract/public/open-interest?symbol=BTCUSDT');
    expect(fourth.statusCode).toBe(200);
    expect(fourth.headers).not.toHaveProperty('x-bm-ratelimit-limit');
    expect(fourth.headers).not.toHaveProperty('x-bm-ratelimit-remaining');
  });
});

describe('startSimulatorServer over loopback', () => {
  let server: RunningSimulatorServer | undefined;
  let closeAll: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await closeAll?.();
  });

  async function start(http: { requestTimeoutMs?: number } = {}): Promise<RunningSimulatorServer> {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const logger = silentLogger();
    const market = createMarket({ seed: 1, clock });
    const engine = createEngine({ market, clock, seed: 1 });
    engine.start();
    const wsGateway = createWsGateway({ market, engine, clock, logger, lifelessCloseMs: 0 });
    server = await startSimulatorServer(
      { market, engine, clock, logger, wsGateway, rateLimits: false, http },
      { host: '127.0.0.1', port: 0 },
    );
    const running = server;
    closeAll = async () => {
      await wsGateway.close();
      await running.close();
    };
    return running;
  }

  function connect(url: string): Promise<'open' | 'refused'> {
    return new Promise((resolve) => {
      const socket = new WebSocket(url);
      socket.once('open', () => {
        socket.close();
        resolve('open');
      });
      socket.once('error', () => resolve('refused'));
    });
  }

  it('listens on an ephemeral port and serves REST', async () => {
    const running = await start();
    expect(running.port).toBeGreaterThan(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    const response = await fetch(`${running.url}/system/time`);
    expect(((await response.json()) as { code: number }).code).toBe(1000);
  });

  it('hands WebSocket upgrades on /api and /user to the gateway and refuses other paths', async () => {
    const running = await start();
    const ws = running.url.replace('http', 'ws');
    expect(await connect(`${ws}/api?protocol=1.1`)).toBe('open');
    expect(await connect(`${ws}/user?protocol=1.1`)).toBe('open');
    expect(await connect(`${ws}/elsewhere`)).toBe('refused');
  });

  it('answers 408 and closes a connection whose body never arrives, within the request timeout', async () => {
    const running = await start({ requestTimeoutMs: 300 });
    for (const path of ['/contract/private/submit-order', '/sim/price']) {
      const exchange = await rawHttpExchange(running.port, stalledBodyRequest(running.port, path));
      expect(statusOf(exchange.received)).toBe(408);
      // The bound plus Node's check interval (75 ms here), with room for a busy machine.
      expect(exchange.elapsedMs).toBeLessThan(1_500);
    }
  });
});
