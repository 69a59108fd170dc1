import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { balanceFromWire, positionFromWire } from '../../src/exchange/okx/mapping/restAccount.ts';
import { candleClosed, contractFromWire, klineFromWire } from '../../src/exchange/okx/mapping/restMarket.ts';
import { fillFromWire, orderFromWire, planOrdersFromWire } from '../../src/exchange/okx/mapping/restOrders.ts';
import {
  OkxAlgoOrderSchema,
  OkxBalanceSchema,
  OkxCandleSchema,
  OkxFillSchema,
  OkxInstrumentSchema,
  OkxOrderSchema,
  OkxPositionSchema,
} from '../../src/exchange/okx/protocol/wire/index.ts';
import { parseOkxResponse } from '../../src/exchange/okx/rest/parseResponse.ts';
import { FatalExchangeError, InvalidRequestError, RetryableError } from '../../src/platform/errors/exchangeErrors.ts';
import { okxFixtureText, rowsOf } from './okxRestKit.ts';

describe('recorded OKX REST payloads through the client’s parsing and mappers', () => {
  it('instruments: a USDT swap keeps OKX contracts, with ctVal × ctMult base units each', () => {
    const rows = rowsOf('rest.public.instruments.SWAP.nautilus.json', OkxInstrumentSchema);
    const btc = rows.find((row) => row.instId === 'BTC-USDT-SWAP');
    expect(btc).toBeDefined();
    const contract = contractFromWire(btc as (typeof rows)[number], {});
    expect(contract.symbol).toBe('BTCUSDT');
    expect(contract.baseCurrency).toBe('BTC');
    expect(contract.quoteCurrency).toBe('USDT');
    expect(contract.contractSize.toString()).toBe('0.01');
    expect(contract.sizeStep.toString()).toBe('0.01');
    expect(contract.minSize.toString()).toBe('0.01');
    expect(contract.tickSize.toString()).toBe('0.1');
    expect(contract.maxMarketSize.toString()).toBe('12000');
    expect(contract.maxLeverage.toString()).toBe('100');
    expect(contract.status).toBe('trading');
    expect(contract.openTime).toBe(1573557408000);
  });

  it('candles: newest first on the wire, volume in contracts, confirm says closed', () => {
    const rows = rowsOf('rest.market.candles.BTC-USDT-SWAP-1m.nautilus.json', OkxCandleSchema);
    const [newest] = rows;
    const kline = klineFromWire('BTCUSDT', '1m', newest as (typeof rows)[number]);
    expect(kline.openTime).toBe(1747094040000);
    expect(kline.close.toString()).toBe('102820.4');
    expect(kline.volume.toString()).toBe('1040.37');
    expect(candleClosed(newest as (typeof rows)[number])).toBe(true);
  });

  it('balance: available, order-frozen and equity of USDT', () => {
    const [account] = rowsOf('rest.account.balance.USDT-isolated.nautilus.json', OkxBalanceSchema);
    const usdt = account?.details.map(balanceFromWire).find((row) => row.currency === 'USDT');
    expect(usdt?.available.toString()).toBe('94.42612990333333');
    expect(usdt?.equity.isPositive()).toBe(true);
  });

  it('positions: a long/short-mode long in cross margin takes imr as its margin', () => {
    const [row] = rowsOf('rest.account.positions.LTC-USDT-SWAP-long-cross.ccxt-static.json', OkxPositionSchema);
    const position = positionFromWire(row as NonNullable<typeof row>);
    expect(position).toMatchObject({ symbol: 'LTCUSDT', side: 'long', mode: 'hedge', marginMode: 'cross' });
    expect(position?.size.toString()).toBe('2');
    expect(position?.entryPrice.toString()).toBe('82.675');
    expect(position?.margin?.toString()).toBe(row?.imr);
  });

  it('a flat position row (OKX lists it with pos "0") is no position', () => {
    const [row] = rowsOf('rest.account.positions.LTC-USDT-SWAP-long-cross.ccxt-static.json', OkxPositionSchema);
    expect(positionFromWire({ ...(row as NonNullable<typeof row>), pos: '0' })).toBeUndefined();
  });

  it('a net-mode position is short when pos is negative', () => {
    const [row] = rowsOf('rest.account.positions.LTC-USDT-SWAP-long-cross.ccxt-static.json', OkxPositionSchema);
    const position = positionFromWire({ ...(row as NonNullable<typeof row>), posSide: 'net', pos: '-3' });
    expect(position).toMatchObject({ side: 'short', mode: 'one_way' });
    expect(position?.size.toString()).toBe('3');
  });

  it('pending order: a post-only buy on the long side is an open limit open_long', () => {
    const [row] = rowsOf('rest.trade.orders-pending.ADA-USDT-SWAP-post_only-long.ccxt-static.json', OkxOrderSchema);
    const order = orderFromWire(row as NonNullable<typeof row>);
    expect(order).toMatchObject({
      orderId: '645348448086081536',
      clientOrderId: 'e847386590ce4dBC28d905b5946bad5a',
      symbol: 'ADAUSDT',
      side: 'open_long',
      type: 'limit',
      status: 'open',
      marginMode: 'cross',
      averageFillPrice: undefined,
    });
    expect(order.size.toString()).toBe('50');
    expect(order.price?.toString()).toBe('0.2');
  });

  it('pending conditional algo: a stop loss at market on the last price', () => {
    const [row] = rowsOf(
      'rest.trade.orders-algo-pending.LTC-USDT-SWAP-conditional-sl.ccxt-static.json',
      OkxAlgoOrderSchema,
    );
    const plans = planOrdersFromWire(row as NonNullable<typeof row>);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      orderId: '2017146754403004416',
      kind: 'stop_loss',
      priceSource: 'last',
      executionPrice: undefined,
      symbol: 'LTCUSDT',
    });
    expect(plans[0]?.triggerPrice.toString()).toBe('100');
  });

  it('fill: OKX’s negative fee is a positive fee paid', () => {
    const [row] = rowsOf('rest.trade.fills-history.LTC-USDT-spot.ccxt-static.json', OkxFillSchema);
    const fill = fillFromWire(row as NonNullable<typeof row>);
    expect(fill.fee.toString()).toBe('0.0001');
    expect(fill).toMatchObject({ side: 'open_long', role: 'taker', tradeId: '56181695' });
  });
});

describe('recorded OKX refusals become error kinds', () => {
  const parse = (name: string, status: number, method: 'GET' | 'POST' = 'POST') =>
    parseOkxResponse({ status, headers: {}, bodyText: okxFixtureText(name) }, z.unknown(), {
      method,
      path: '/api/v5/trade/order',
      clientOrderId: 'abc',
    });

  it('code "1" with the item’s 51000 (posSide in long/short mode) is an invalid request naming it', () => {
    const outcome = parse('rest.trade.order.error-51000-posSide.code1.issue-huojichuanqi-ds-4.json', 200);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(InvalidRequestError);
    expect(outcome.error.venueCode).toBe(51000);
    expect(outcome.error.message).toContain('posSide');
  });

  it('50011 on HTTP 429 is retryable and marks the bucket rate-limited', () => {
    const outcome = parse('rest.error.50011-rate-limit.http429.nautilus.json', 429);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(RetryableError);
    expect(outcome.rateLimited).toBe(true);
  });

  it('50102 (timestamp expired) is retryable after a clock resync', () => {
    const outcome = parse('rest.error.50102-timestamp-expired.http401.ccxt-issue-24005.json', 401);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(RetryableError);
    expect(outcome.resyncClock).toBe(true);
  });

  it('50111 (invalid key) is fatal', () => {
    const outcome = parse('rest.error.50111-invalid-key.http401.nautilus.json', 401);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBeInstanceOf(FatalExchangeError);
  });

  it('the gateway’s 404 with a numeric code is an invalid request (a wrong path is our bug)', () => {
    const outcome = parse('rest.error.404-unknown-path.numeric-code.nautilus.json', 404, 'GET');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBeInstanceOf(InvalidRequestError);
  });
});
