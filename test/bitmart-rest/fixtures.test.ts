import { describe, expect, it } from 'vitest';
import { undoCcxtRecorderStringification } from '../../src/exchange/bitmart/fixtures/ccxtStaticRecording.ts';
import { listBitmartFixtures, readBitmartFixture } from '../../src/exchange/bitmart/fixtures/index.ts';
import { positionModeFromWire } from '../../src/exchange/bitmart/mapping/enums.ts';
import { balanceFromWire, positionFromWire } from '../../src/exchange/bitmart/mapping/restAccount.ts';
import { ledgerEntryFromWire } from '../../src/exchange/bitmart/mapping/restLedger.ts';
import { contractFromWire, klineFromWire, tickerFromWire } from '../../src/exchange/bitmart/mapping/restMarket.ts';
import { fillFromWire, orderFromWire } from '../../src/exchange/bitmart/mapping/restOrders.ts';
import { bitmartCodeInfo } from '../../src/exchange/bitmart/protocol/codes.ts';
import * as wire from '../../src/exchange/bitmart/protocol/wire/index.ts';
import { type ParseOutcome, parseBitmartResponse } from '../../src/exchange/bitmart/rest/parseResponse.ts';
import { InvalidRequestError } from '../../src/platform/errors/exchangeErrors.ts';

/** The REST path a fixture name implies: rest.contract.public.kline.BTCUSDT-5m.hummingbot.json → /contract/public/kline. */
function pathOf(name: string): string | undefined {
  const parts = name
    .replace(/\.json$/, '')
    .split('.')
    .slice(1, -1);
  for (let length = parts.length; length > 0; length -= 1) {
    const path = `/${parts.slice(0, length).join('/')}`;
    if (wire.bitmartRestResponseSchemaFor(path)) return path;
  }
  return undefined;
}

/** A fixture's body as our client would receive it, through the client's own envelope parsing. */
function receive(name: string, path = pathOf(name) ?? '/system/time'): ParseOutcome<unknown> {
  const raw = readBitmartFixture(name);
  const payload = name.endsWith('.ccxt-static.json') ? undoCcxtRecorderStringification(raw) : raw;
  const code = (payload as { code?: unknown }).code;
  const status = typeof code === 'number' && code !== 1000 ? (bitmartCodeInfo(code)?.httpStatus ?? 400) : 200;
  const schema = wire.bitmartRestResponseSchemaFor(path) ?? wire.BitmartErrorEnvelopeSchema;
  return parseBitmartResponse({ status, headers: {}, bodyText: JSON.stringify(payload) }, schema, {
    method: 'GET',
    path,
    clientOrderId: undefined,
  });
}

function dataOf<T>(name: string, schema: { parse: (value: unknown) => T }): T {
  const outcome = receive(name);
  if (!outcome.ok) throw outcome.error;
  return schema.parse((outcome.data as { data: unknown }).data);
}

describe('recorded BitMart REST payloads through the client’s parsing and mappers', () => {
  const names = listBitmartFixtures().filter((name) => name.startsWith('rest.'));

  it.each(names.filter((name) => !name.includes('.error')))('%s parses as a success', (name) => {
    const outcome = receive(name);
    expect(outcome.ok, outcome.ok ? name : outcome.error.message).toBe(true);
  });

  it.each(names.filter((name) => name.includes('.error')))('%s becomes an invalid-request error', (name) => {
    const outcome = receive(name, '/contract/private/submit-leverage');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBeInstanceOf(InvalidRequestError);
  });

  it('details: contract size, tick, size step, one maximum for both order types, next funding', () => {
    const [btc] = dataOf(
      'rest.contract.public.details.ccxt-comment.json',
      wire.BitmartContractDetailsListSchema,
    ).symbols.map(contractFromWire);
    expect(btc?.contractSize.toString()).toBe('0.001');
    expect(btc?.tickSize.toString()).toBe('0.1');
    expect(btc?.sizeStep.toString()).toBe('1');
    expect(btc?.maxMarketSize.toString()).toBe('1000000');
    expect(btc?.lastPrice.toString()).toBe('63547.4');
    expect(btc?.fundingRate.toString()).toBe('0.0000801');
    expect(btc?.nextFundingTime).toBe(1726819200000);
    expect(btc?.status).toBe('trading');
  });

  it('depth and details make a ticker with the top of the book', () => {
    const [details] = dataOf(
      'rest.contract.public.details.ccxt-comment.json',
      wire.BitmartContractDetailsListSchema,
    ).symbols;
    const depth = dataOf('rest.contract.public.depth.ccxt-comment.json', wire.BitmartDepthSchema);
    const ticker = tickerFromWire(details!, depth);
    expect(ticker.bestBid?.toString()).toBe('26938.2');
    expect(ticker.bestAsk?.toString()).toBe('26938.3');
    expect(ticker.bestAskSize?.toString()).toBe('3499');
    expect(ticker.time).toBe(1695264383999);
  });

  it('klines: seconds become ms, and the 2022 one-second-late timestamp is put on the minute', () => {
    const [old] = dataOf('rest.contract.public.kline.ccxt-comment.json', wire.BitmartKlineListSchema);
    expect(klineFromWire('BTCUSDT', '1m', old!).openTime).toBe(1665002280000);
    const recent = dataOf('rest.contract.public.kline.BTCUSDT-5m.hummingbot.json', wire.BitmartKlineListSchema);
    const first = klineFromWire('BTCUSDT', '5m', recent[0]!);
    expect(first.openTime).toBe(1747267200000);
    expect(first.close.toString()).toBe('103504.3');
    expect(first.volume.toString()).toBe('147548');
  });

  it('order detail: the id stays a string, an unfilled limit order is open', () => {
    const order = orderFromWire(dataOf('rest.contract.private.order.ccxt-comment.json', wire.BitmartOrderSchema));
    expect(order.orderId).toBe('230927283405028');
    expect(order).toMatchObject({ status: 'open', side: 'open_long', type: 'limit', marginMode: 'isolated' });
    expect(order.price?.toString()).toBe('23000');
    expect(order.filledSize.isZero()).toBe(true);
    expect(order.averageFillPrice).toBeUndefined();
  });

  it('order history: a liquidation and an executed plan order', () => {
    const [liquidation] = dataOf(
      'rest.contract.private.order-history.liquidate.ccxt-comment.json',
      wire.BitmartHistoricOrderListSchema,
    ).map(orderFromWire);
    expect(liquidation).toMatchObject({ type: 'liquidation', status: 'filled', side: 'close_long' });
    expect(liquidation?.averageFillPrice?.toString()).toBe('27422.6');
    const [plan] = dataOf(
      'rest.contract.private.order-history.plan-executed.docs.json',
      wire.BitmartHistoricOrderListSchema,
    ).map(orderFromWire);
    expect(plan).toMatchObject({ orderId: '3000101684062644', clientOrderId: 'PLAN_3000097492004577' });
    expect(plan).toMatchObject({ type: 'market', status: 'filled', side: 'close_short', price: undefined });
    expect(plan?.filledSize.toString()).toBe('1');
    const [canceled] = dataOf(
      'rest.contract.private.order-history.ccxt-static.json',
      wire.BitmartHistoricOrderListSchema,
    ).map(orderFromWire);
    expect(canceled).toMatchObject({ status: 'canceled', side: 'open_short', symbol: 'LTCUSDT' });
  });

  it('open orders and submit-order: string ids, the numeric submit id converted at once', () => {
    const [open] = dataOf('rest.contract.private.get-open-orders.ccxt-comment.json', wire.BitmartOpenOrderListSchema);
    expect(orderFromWire(open!).orderId).toBe('230935812485489');
    const submitted = dataOf(
      'rest.contract.private.submit-order.market.ccxt-comment.json',
      wire.BitmartSubmitOrderResultSchema,
    );
    expect(String(submitted.order_id)).toBe('231116359426639');
  });

  it('trades: fee paid positive, realized PnL signed, taker role', () => {
    const [fill] = dataOf('rest.contract.private.trades.ccxt-comment.json', wire.BitmartFillListSchema).map(
      fillFromWire,
    );
    expect(fill).toMatchObject({
      tradeId: '6212604014',
      orderId: '230930336848609',
      side: 'close_long',
      role: 'taker',
    });
    expect(fill?.fee.toString()).toBe('0.01614624');
    expect(fill?.realizedPnl?.toString()).toBe('-0.0003');
    expect(fill?.size.toString()).toBe('1');
  });

  it('transaction-history: a funding fee paid, signed negative, its time a string of ms', () => {
    const rows = dataOf(
      'rest.contract.private.transaction-history.ccxt-comment.json',
      wire.BitmartTransactionListSchema,
    );
    const [entry] = rows.map(ledgerEntryFromWire);
    expect(entry).toMatchObject({ id: '1734422402121', symbol: 'LTCUSDT', kind: 'funding', currency: 'USDT' });
    expect(entry?.amount.toString()).toBe('-0.00008253');
    expect(entry?.time).toBe(1734422402121);
    // A row without flow_type still names its flow in `type`.
    const { flow_type: _flowType, ...untyped } = rows[0]!;
    expect(ledgerEntryFromWire(untyped).kind).toBe('funding');
    expect(ledgerEntryFromWire({ ...untyped, type: 'Something new' }).kind).toBe('other');
  });

  it('position-v2: the docs’ zero-filled rows are flat; a one-way short is read from the signed amount', () => {
    const oneWay = dataOf('rest.contract.private.position-v2.one-way.docs.json', wire.BitmartPositionV2ListSchema);
    const hedge = dataOf('rest.contract.private.position-v2.hedge.docs.json', wire.BitmartPositionV2ListSchema);
    expect(oneWay.map(positionFromWire)).toEqual([undefined]);
    expect(hedge.map(positionFromWire)).toEqual([undefined, undefined]);
    const short = positionFromWire({ ...oneWay[0]!, position_amount: '-5', current_amount: '5', entry_price: '98000' });
    expect(short).toMatchObject({ side: 'short', mode: 'one_way', marginMode: 'isolated' });
    expect(short?.size.toString()).toBe('5');
    expect(short?.leverage?.toString()).toBe('51');
    const long = positionFromWire({ ...hedge[0]!, current_amount: '3', entry_price: '98000' });
    expect(long).toMatchObject({ side: 'long', mode: 'hedge' });
  });

  it('assets and position mode', () => {
    const [usdt] = dataOf('rest.contract.private.assets-detail.ccxt-static.json', wire.BitmartAssetListSchema).map(
      balanceFromWire,
    );
    expect(usdt?.currency).toBe('USDT');
    expect(usdt?.equity.toString()).toBe('5');
    expect(usdt?.available.toString()).toBe('5');
    const mode = dataOf('rest.contract.private.get-position-mode.hummingbot.json', wire.BitmartPositionModeDataSchema);
    expect(positionModeFromWire(mode.position_mode)).toBe('hedge');
  });
});
