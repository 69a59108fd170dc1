import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import {
  FatalExchangeError,
  InvalidRequestError,
  RejectedError,
  RetryableError,
  UnknownOutcomeError,
} from '../../src/platform/errors/exchangeErrors.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { exchangeAt, exchangeFor, startSimulatorWithExchange } from './bitmartRestKit.ts';
import { closedPortUrl, startRecordingServer, startSilentServer } from './faultyServers.ts';

const marketBuy = (clientOrderId: string, size = 1): OrderRequest => ({
  symbol: 'BTCUSDT',
  clientOrderId,
  side: 'open_long',
  type: 'market',
  size: new Dec(size),
  leverage: new Dec(10),
  marginMode: 'cross',
});

describe('BitMart REST adapter: venue errors as error kinds', () => {
  let ctx: Awaited<ReturnType<typeof startSimulatorWithExchange>>;
  beforeAll(async () => {
    ctx = await startSimulatorWithExchange();
  });
  afterAll(async () => ctx.stop());

  it('an unknown API key is fatal with code 30002, on a GET and on a POST', async () => {
    const stranger = exchangeFor(ctx.session, { apiKey: 'nobody' });
    await expect(stranger.balances()).rejects.toMatchObject({ name: 'FatalExchangeError', venueCode: 30002 });
    await expect(stranger.submitOrder(marketBuy('k1'))).rejects.toBeInstanceOf(FatalExchangeError);
    await stranger.stop();
  });

  it('a wrong secret is fatal with code 30005 and the message carries no secret', async () => {
    const impostor = exchangeFor(ctx.session, { apiSecret: 'not-the-secret' });
    const error = await impostor.submitOrder(marketBuy('s1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FatalExchangeError);
    expect(error).toMatchObject({ venueCode: 30005 });
    expect(String((error as Error).message)).not.toContain('not-the-secret');
    expect(String((error as Error).message)).not.toContain(ctx.session.simulator.account.apiKey);
    await impostor.stop();
  });

  it('an unknown symbol is an invalid request with code 40034', async () => {
    await expect(ctx.exchange.contracts('NOPEUSDT')).rejects.toMatchObject({
      name: 'InvalidRequestError',
      venueCode: 40034,
    });
    await expect(ctx.exchange.submitOrder({ ...marketBuy('u1'), symbol: 'NOPEUSDT' })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });

  it('an order beyond the balance is rejected with code 40027', async () => {
    const error = await ctx.exchange
      .submitOrder({ ...marketBuy('big1', 1_000), leverage: new Dec(1) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RejectedError);
    expect(error).toMatchObject({ venueCode: 40027 });
  });

  it('a cancel of an unknown order is rejected, and order() of an unknown id is undefined', async () => {
    await expect(ctx.exchange.cancelOrder({ symbol: 'BTCUSDT', orderId: '123456789' })).rejects.toBeInstanceOf(
      RejectedError,
    );
    expect(await ctx.exchange.order({ symbol: 'BTCUSDT', orderId: '123456789' })).toBeUndefined();
    expect(await ctx.exchange.order({ symbol: 'BTCUSDT', clientOrderId: 'neverPlaced' })).toBeUndefined();
  });
});

describe('BitMart REST adapter: local validation sends nothing', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => silent.close());

  it.each([
    ['a client order id with a dash', { ...marketBuy('has-dash') }],
    ['a client order id of 33 characters', { ...marketBuy('a'.repeat(33)) }],
    ['a fractional size', { ...marketBuy('frac1'), size: new Dec('1.5') }],
    ['a zero size', { ...marketBuy('zero1'), size: new Dec(0) }],
    ['a limit order without price', { ...marketBuy('lim1'), type: 'limit' as const }],
  ])('refuses %s', async (_what, request) => {
    const exchange = exchangeAt(silent.url, { requestTimeoutMs: 200 });
    await expect(exchange.submitOrder(request)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(silent.connections()).toBe(0);
    await exchange.stop();
  });
});

describe('BitMart REST adapter: network faults', () => {
  it('a POST that is sent and never answered is an unknown outcome carrying the client order id', async () => {
    const silent = await startSilentServer();
    const exchange = exchangeAt(silent.url, { requestTimeoutMs: 300 });
    const error = await exchange.submitOrder(marketBuy('lost1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).clientOrderId).toBe('lost1');
    expect(silent.connections()).toBeGreaterThan(0);
    // A GET to the same server is merely retryable.
    await expect(exchange.balances()).rejects.toBeInstanceOf(RetryableError);
    await exchange.stop();
    await silent.close();
  });

  it('a POST that cannot connect is retryable: nothing was sent', async () => {
    const exchange = exchangeAt(await closedPortUrl(), { requestTimeoutMs: 2_000 });
    const error = await exchange.submitOrder(marketBuy('refused1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBeGreaterThan(0);
    await exchange.stop();
  });

  it('a 502 without BitMart envelope is an unknown outcome on a POST and retryable on a GET', async () => {
    const proxy = await startRecordingServer(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    const exchange = exchangeAt(proxy.url);
    await expect(exchange.submitOrder(marketBuy('gw1'))).rejects.toMatchObject({
      name: 'UnknownOutcomeError',
      clientOrderId: 'gw1',
    });
    await expect(exchange.positions()).rejects.toBeInstanceOf(RetryableError);
    await exchange.stop();
    await proxy.close();
  });

  it('a success body that breaks the wire schema names the field, without zod internals', async () => {
    const broken = await startRecordingServer(() => ({
      status: 200,
      body: JSON.stringify({ code: 1000, message: 'Ok', data: [{ currency: 'USDT', available_balance: 12.5 }] }),
    }));
    const exchange = exchangeAt(broken.url);
    const error = await exchange.balances().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FatalExchangeError);
    expect((error as Error).message).toContain('data.0.available_balance');
    await exchange.stop();
    await broken.close();
  });
});

describe('BitMart REST adapter: the order-detail visibility window', () => {
  it('order() is undefined while BitMart still hides a new order, then finds it', async () => {
    const clock = new ManualClock(Date.now());
    const session = await startTestSimulator({ SIM_ORDER_VISIBILITY_MS: '400' }, clock);
    const exchange = exchangeFor(session);
    try {
      const ack = await exchange.submitOrder(marketBuy('young1'));
      expect(await exchange.order({ symbol: 'BTCUSDT', orderId: ack.orderId })).toBeUndefined();
      clock.advance(500);
      const order = await exchange.order({ symbol: 'BTCUSDT', orderId: ack.orderId });
      expect(order?.orderId).toBe(ack.orderId);
      expect(order?.clientOrderId).toBe('young1');
    } finally {
      await exchange.stop();
      await session.simulator.stop();
    }
  });
});
