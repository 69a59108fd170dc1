import { afterEach, describe, expect, it } from 'vitest';
import { createOkxExchange } from '../../src/exchange/okx/createOkxExchange.ts';
import { OkxHeaders, verifyOkxSignature } from '../../src/exchange/okx/protocol/signing.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../src/platform/errors/exchangeErrors.ts';
import { type RecordedRequest, startRecordingServer } from '../bitmart-rest/faultyServers.ts';
import { okxFixtureText } from './okxRestKit.ts';

const CREDENTIALS = { apiKey: 'key-1', apiSecret: 'secret-1', passphrase: 'pass-1' };
/** okx-api's broker code, which it stamps on every private POST: it must never be on ours. */
const FOREIGN_BROKER_TAG = '159881cb7207BCDE';

const ok = (data: unknown[]) => ({ status: 200, body: JSON.stringify({ code: '0', msg: '', data }) });

/** Answers like OKX, from recorded payloads where there is one, in the given position mode. */
function venue(posMode: 'net_mode' | 'long_short_mode') {
  return (request: RecordedRequest): { status: number; body: string } => {
    const path = request.url.split('?', 1)[0];
    switch (path) {
      case '/api/v5/public/time':
        return ok([{ ts: String(Date.now()) }]);
      case '/api/v5/account/config':
        return ok([{ uid: '1', acctLv: '2', posMode }]);
      case '/api/v5/trade/order':
        if (request.method === 'GET')
          return { status: 200, body: JSON.stringify({ code: '51603', msg: 'Order does not exist', data: [] }) };
        return { status: 200, body: okxFixtureText('rest.trade.order.success.docs.jkorf.json') };
      case '/api/v5/trade/order-algo':
        return ok([{ algoId: '123', algoClOrdId: 'tp1', sCode: '0', sMsg: '' }]);
      case '/api/v5/trade/cancel-all-after':
        return { status: 200, body: okxFixtureText('rest.trade.cancel-all-after.docs.jkorf.json') };
      case '/api/v5/trade/close-position':
        return ok([{ instId: 'BTC-USDT-SWAP', posSide: 'net', clOrdId: '', tag: '' }]);
      default:
        return { status: 404, body: JSON.stringify({ code: 404, msg: 'Not Found', data: {} }) };
    }
  };
}

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

async function setUp(posMode: 'net_mode' | 'long_short_mode' = 'net_mode', demo = false) {
  const server = await startRecordingServer(venue(posMode));
  const exchange = createOkxExchange({
    config: { restUrl: server.url, credentials: CREDENTIALS, demo },
    clock: new ManualClock(Date.now()),
  });
  closeServer = async () => {
    await exchange.stop();
    await server.close();
  };
  const posts = (path: string) => server.requests.filter((row) => row.method === 'POST' && row.url === path);
  return { exchange, requests: server.requests, posts };
}

describe('OKX signed requests: the bytes sent', () => {
  it('signs timestamp + method + the exact target and body with the key, passphrase and ISO timestamp', async () => {
    const { exchange, requests } = await setUp();
    await exchange.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: 'entry42',
      side: 'open_long',
      type: 'limit',
      size: new Dec('0.5'),
      price: new Dec('60000.1'),
    });
    const signed = requests.filter((row) => row.headers[OkxHeaders.sign] !== undefined);
    expect(signed.length).toBeGreaterThanOrEqual(2);
    for (const row of signed) {
      const timestamp = String(row.headers[OkxHeaders.timestamp]);
      expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(row.headers[OkxHeaders.key]).toBe('key-1');
      expect(row.headers[OkxHeaders.passphrase]).toBe('pass-1');
      expect(row.headers[OkxHeaders.demo]).toBeUndefined();
      const valid = verifyOkxSignature(
        'secret-1',
        String(row.headers[OkxHeaders.sign]),
        timestamp,
        row.method,
        row.url,
        row.body,
      );
      expect(valid, `${row.method} ${row.url}`).toBe(true);
    }
  });

  it('an order carries our tag only: no broker code, no referral, nothing we did not put there', async () => {
    const { exchange, posts } = await setUp();
    await exchange.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: 'entry42',
      side: 'open_long',
      type: 'limit',
      size: new Dec('0.5'),
      price: new Dec('60000.1'),
      timeInForce: 'post_only',
    });
    const [sent] = posts('/api/v5/trade/order');
    expect(sent?.body).toBe(
      '{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"buy","ordType":"post_only","sz":"0.5","px":"60000.1","clOrdId":"entry42","tag":"tradingplatform"}',
    );
    expect(sent?.body).not.toContain(FOREIGN_BROKER_TAG);
    expect(sent?.url).not.toContain('broker');
  });

  it('net mode: a close is a reduce-only order without posSide; a market entry attaches its SL/TP', async () => {
    const { exchange, posts } = await setUp('net_mode');
    await exchange.submitOrder({
      symbol: 'ETHUSDT',
      clientOrderId: 'entry43',
      side: 'open_short',
      type: 'market',
      size: new Dec('2'),
      stopLoss: { triggerPrice: new Dec('4100'), priceSource: 'mark' },
      takeProfit: { triggerPrice: new Dec('3500'), priceSource: 'last' },
    });
    await exchange.submitOrder({
      symbol: 'ETHUSDT',
      clientOrderId: 'close43',
      side: 'close_short',
      type: 'market',
      size: new Dec('2'),
    });
    const [entry, close] = posts('/api/v5/trade/order').map((row) => JSON.parse(row.body) as Record<string, unknown>);
    expect(entry).toMatchObject({ instId: 'ETH-USDT-SWAP', side: 'sell', ordType: 'market', sz: '2' });
    expect(entry).not.toHaveProperty('posSide');
    expect(entry?.['attachAlgoOrds']).toEqual([
      {
        tpTriggerPx: '3500',
        tpOrdPx: '-1',
        tpTriggerPxType: 'last',
        slTriggerPx: '4100',
        slOrdPx: '-1',
        slTriggerPxType: 'mark',
      },
    ]);
    expect(close).toMatchObject({ side: 'buy', reduceOnly: true });
    expect(close).not.toHaveProperty('posSide');
  });

  it('long/short mode: every order names its posSide and none is reduce-only', async () => {
    const { exchange, posts } = await setUp('long_short_mode');
    await exchange.submitOrder({
      symbol: 'BTCUSDT',
      clientOrderId: 'a1',
      side: 'close_long',
      type: 'market',
      size: new Dec('1'),
    });
    const [close] = posts('/api/v5/trade/order').map((row) => JSON.parse(row.body) as Record<string, unknown>);
    expect(close).toMatchObject({ side: 'sell', posSide: 'long' });
    expect(close).not.toHaveProperty('reduceOnly');
  });

  it('a stand-alone stop loss closes the whole position at market, with our tag', async () => {
    const { exchange, posts } = await setUp('net_mode');
    await exchange.submitPositionTpSl({
      symbol: 'BTCUSDT',
      kind: 'stop_loss',
      positionSide: 'long',
      triggerPrice: new Dec('55000'),
      priceSource: 'mark',
      clientOrderId: 'sl1',
    });
    const [sent] = posts('/api/v5/trade/order-algo').map((row) => JSON.parse(row.body) as Record<string, unknown>);
    expect(sent).toEqual({
      instId: 'BTC-USDT-SWAP',
      tdMode: 'cross',
      side: 'sell',
      ordType: 'conditional',
      closeFraction: '1',
      reduceOnly: true,
      slTriggerPx: '55000',
      slOrdPx: '-1',
      slTriggerPxType: 'mark',
      algoClOrdId: 'sl1',
      tag: 'tradingplatform',
    });
  });

  it('the dead-man switch is armed for our tag, and its answer (seconds) becomes ms', async () => {
    const { exchange, posts } = await setUp();
    const { cancelAt } = await exchange.cancelAllAfter('BTCUSDT', 60);
    expect(posts('/api/v5/trade/cancel-all-after').map((row) => row.body)).toEqual([
      '{"timeOut":"60","tag":"tradingplatform"}',
    ]);
    expect(cancelAt).toBe(1587971460_000);
    await expect(exchange.cancelAllAfter('BTCUSDT', 5)).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('refuses a client order id OKX would refuse, before sending anything', async () => {
    const { exchange, posts } = await setUp();
    await expect(
      exchange.submitOrder({
        symbol: 'BTCUSDT',
        clientOrderId: 'has-dash_and_underscore',
        side: 'open_long',
        type: 'market',
        size: new Dec(1),
      }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(posts('/api/v5/trade/order')).toEqual([]);
  });

  it('an order OKX does not know (51603) is undefined, not an error', async () => {
    const { exchange } = await setUp();
    expect(await exchange.order({ symbol: 'BTCUSDT', clientOrderId: 'nope1' })).toBeUndefined();
  });

  it('demo trading adds x-simulated-trading: 1 to every request', async () => {
    const { exchange, requests } = await setUp('net_mode', true);
    await exchange.positionMode();
    expect(requests.length).toBeGreaterThan(0);
    for (const row of requests) expect(row.headers[OkxHeaders.demo]).toBe('1');
  });

  it('an unknown path (the gateway’s 404) is a rejected or invalid request, never retried', async () => {
    const { exchange } = await setUp();
    await expect(exchange.balances()).rejects.toSatisfy(
      (error) => error instanceof InvalidRequestError || error instanceof RejectedError,
    );
  });
});
