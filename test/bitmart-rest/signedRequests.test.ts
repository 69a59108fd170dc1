import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBitmartSignature } from '../../src/exchange/bitmart/protocol/signing.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { exchangeAt, exchangeFor } from './bitmartRestKit.ts';
import { type RecordedRequest, startRecordingServer } from './faultyServers.ts';

// The test vectors of docs/reference/bitmart-wire.md#signing themselves are checked in
// src/exchange/bitmart/protocol/signing.test.ts.
const credentials = { apiKey: 'rec-key', apiSecret: 'rec-secret', apiMemo: 'rec-memo' };
const SERVER_AHEAD_MS = 30 * 60_000;

function answer(request: RecordedRequest): { status: number; body: string } {
  const path = request.url.split('?', 1)[0];
  const data =
    path === '/system/time'
      ? { server_time: Date.now() + SERVER_AHEAD_MS }
      : path === '/contract/private/position-v2'
        ? []
        : {};
  return { status: 200, body: JSON.stringify({ code: 1000, message: 'Ok', data }) };
}

describe('BitMart REST adapter: the headers of signed and keyed requests', () => {
  let recorder: Awaited<ReturnType<typeof startRecordingServer>>;
  beforeAll(async () => {
    recorder = await startRecordingServer(answer);
    const exchange = exchangeAt(recorder.url, {}, credentials);
    await exchange.positions('BTCUSDT');
    await exchange.cancelAllOrders('BTCUSDT');
    await exchange.stop();
  });
  afterAll(async () => recorder.close());

  const recorded = (path: string) => recorder.requests.find((request) => request.url.startsWith(path));
  const header = (request: RecordedRequest | undefined, name: string) => String(request?.headers[name] ?? '');

  it('measures the server time before the first signed request, without auth headers', () => {
    expect(recorder.requests[0]?.url).toBe('/system/time');
    expect(recorder.requests[0]?.headers['x-bm-key']).toBeUndefined();
  });

  it('signs a keyed GET over its query string without the question mark', () => {
    const get = recorded('/contract/private/position-v2');
    expect(get?.url).toBe('/contract/private/position-v2?symbol=BTCUSDT');
    expect(header(get, 'x-bm-key')).toBe('rec-key');
    const timestamp = header(get, 'x-bm-timestamp');
    expect(verifyBitmartSignature(credentials, timestamp, 'symbol=BTCUSDT', header(get, 'x-bm-sign'))).toBe(true);
  });

  it('signs a POST over the exact body bytes sent, with a JSON content type', () => {
    const post = recorded('/contract/private/cancel-orders');
    expect(post?.method).toBe('POST');
    expect(post?.body).toBe('{"symbol":"BTCUSDT"}');
    expect(header(post, 'content-type')).toBe('application/json');
    expect(header(post, 'x-bm-key')).toBe('rec-key');
    const timestamp = header(post, 'x-bm-timestamp');
    expect(timestamp).toMatch(/^\d{13}$/);
    expect(verifyBitmartSignature(credentials, timestamp, post?.body ?? '', header(post, 'x-bm-sign'))).toBe(true);
  });

  it('stamps requests with the server’s clock, not the local one', () => {
    const timestamp = Number(header(recorded('/contract/private/cancel-orders'), 'x-bm-timestamp'));
    expect(Math.abs(timestamp - (Date.now() + SERVER_AHEAD_MS))).toBeLessThan(5_000);
  });

  it('never puts the secret on the wire', () => {
    for (const request of recorder.requests) {
      expect(JSON.stringify(request.headers) + request.body).not.toContain('rec-secret');
    }
  });
});

describe('BitMart REST adapter: server-time offset against the simulator', () => {
  it('signs orders the simulator accepts although its clock is 5 minutes ahead, and resyncs after a jump', async () => {
    const serverClock = new ManualClock(Date.now() + 5 * 60_000);
    const session = await startTestSimulator({}, serverClock);
    const exchange = exchangeFor(session);
    try {
      await exchange.start();
      const order = {
        symbol: 'BTCUSDT',
        side: 'open_long' as const,
        type: 'market' as const,
        size: new Dec(1),
        leverage: new Dec(5),
        marginMode: 'cross' as const,
      };
      await expect(exchange.submitOrder({ ...order, clientOrderId: 'skew1' })).resolves.toMatchObject({
        clientOrderId: 'skew1',
      });
      // The venue's clock jumps two minutes: the first attempt gets 30007, the client measures
      // the offset again and the retry (safe: refused at authentication) goes through.
      serverClock.advance(2 * 60_000);
      await expect(exchange.submitOrder({ ...order, clientOrderId: 'skew2' })).resolves.toMatchObject({
        clientOrderId: 'skew2',
      });
      expect((await exchange.positions())[0]?.size.eq(2)).toBe(true);
    } finally {
      await exchange.stop();
      await session.simulator.stop();
    }
  });
});
