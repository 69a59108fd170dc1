import { describe, expect, it } from 'vitest';
import { listBitmartFixtures, readBitmartFixture } from '../../src/exchange/bitmart/fixtures/index.ts';
import {
  balanceFromWs,
  fillFromWs,
  orderFromWs,
  positionsFromWs,
} from '../../src/exchange/bitmart/mapping/wsPrivate.ts';
import {
  klinesFromWsPush,
  tickerFromWsPush,
  timeframeOfKlineGroup,
  tradesFromWsPush,
} from '../../src/exchange/bitmart/mapping/wsPublic.ts';
import {
  BitmartWsAssetPushSchema,
  BitmartWsKlinePushSchema,
  BitmartWsOrderEventSchema,
  BitmartWsOrderPushSchema,
  BitmartWsPositionPushSchema,
  BitmartWsTickerPushSchema,
  BitmartWsTradeItemSchema,
  BitmartWsTradePushSchema,
  bitmartWsPushSchemaFor,
} from '../../src/exchange/bitmart/protocol/wire/index.ts';
import { parseIncomingFrame } from '../../src/exchange/bitmart/ws/incomingFrame.ts';

/** The `{group, data}` pushes in a fixture, whichever way its source recorded them. */
function pushesOf(name: string): { group: string; data: unknown }[] {
  const json = readBitmartFixture(name) as Record<string, unknown> | unknown[];
  const candidates = Array.isArray(json) ? json : 'push' in json ? (json.push as unknown[]) : [json];
  return candidates.filter(
    (item): item is { group: string; data: unknown } =>
      typeof item === 'object' && item !== null && 'group' in item && 'data' in item,
  );
}

const text = (value: { toString(): string } | undefined) => value?.toString();

describe('recorded WebSocket pushes map to port values', () => {
  it.each(listBitmartFixtures().filter((name) => name.startsWith('ws.')))(
    '%s is recognised by the frame parser',
    (name) => {
      for (const push of pushesOf(name)) {
        const frame = parseIncomingFrame(JSON.stringify(push));
        expect(frame.kind === 'push' || frame.kind === 'pong').toBe(true);
        expect(bitmartWsPushSchemaFor(push.group)?.safeParse(push).success).toBe(true);
      }
    },
  );

  it('klines: open time on the minute grid, decimals from the strings, timeframe from the group', () => {
    const [push] = pushesOf('ws.futures.klineBin1m.BTCUSDT.ccxt-comment.json');
    const parsed = BitmartWsKlinePushSchema.parse(push);
    expect(timeframeOfKlineGroup(parsed.group)).toBe('1m');
    const [kline] = klinesFromWsPush(parsed, '1m');
    // ts 1701617761 is the boundary plus one second, as BitMart sometimes sends it.
    expect(kline?.openTime).toBe(1_701_617_760_000);
    expect([kline?.open, kline?.high, kline?.low, kline?.close, kline?.volume].map(text)).toEqual([
      '39635.8',
      '39636',
      '39614.4',
      '39629.7',
      '31852',
    ]);
    const daily = BitmartWsKlinePushSchema.parse(pushesOf('ws.futures.klineBin1D.ETHUSDT.jkorf.json')[0]);
    expect(timeframeOfKlineGroup(daily.group)).toBe('1d');
    expect(klinesFromWsPush(daily, '1d')[0]?.openTime).toBe(1_721_001_600_000);
    const fiveMinutes = pushesOf('ws.futures.klineBin5m.WLDUSDT.hummingbot.json').map(
      (item) => klinesFromWsPush(BitmartWsKlinePushSchema.parse(item), '5m')[0]?.openTime,
    );
    expect(fiveMinutes).toEqual([1_747_425_900_000, 1_747_426_200_000]);
  });

  it('tickers: the @100ms group, mark price, best bid and ask, 24 h change', () => {
    const ticker = tickerFromWsPush(
      BitmartWsTickerPushSchema.parse(pushesOf('ws.futures.ticker.AXONUSDT@100ms.jkorf.json')[0]),
      1_700_000_000_000,
    );
    expect(ticker.symbol).toBe('AXONUSDT');
    expect([ticker.lastPrice, ticker.markPrice, ticker.indexPrice].map(text)).toEqual([
      '566.92',
      '567.02',
      '566.445020726126944',
    ]);
    expect([ticker.bestBid, ticker.bestBidSize, ticker.bestAsk, ticker.bestAskSize].map(text)).toEqual([
      '565.22',
      '1',
      '568.75',
      '1',
    ]);
    expect([ticker.volume24h, ticker.change24h].map(text)).toEqual(['246128', '-0.0117663465058309']);
    expect(ticker.time).toBe(1_700_000_000_000);
  });

  it('trades: the 2023 numeric id and the 2025 string id, taker side from m, time in ms', () => {
    const [old] = tradesFromWsPush(
      BitmartWsTradePushSchema.parse(pushesOf('ws.futures.trade.BTCUSDT.2023.ccxt-comment.json')[0]),
    );
    expect(old).toMatchObject({
      symbol: 'BTCUSDT',
      tradeId: '6798697637',
      takerSide: 'sell',
      time: Date.UTC(2023, 11, 3, 15, 48, 23, 517),
    });
    expect([old?.price, old?.size].map(text)).toEqual(['39735.8', '2']);
    const item = BitmartWsTradeItemSchema.parse(
      readBitmartFixture('ws.futures.trade.item.ETHUSDT.2025.ccxt-comment.json'),
    );
    const [recent] = tradesFromWsPush({ group: 'futures/trade:ETHUSDT', data: [item] });
    expect(recent).toMatchObject({
      tradeId: '3000000245258661',
      takerSide: 'sell',
      time: Date.UTC(2025, 1, 23, 13, 59, 59, 646),
    });
  });

  it('orders: a submitted market order is pending, has no price of its own and no fill', () => {
    const push = BitmartWsOrderPushSchema.parse(pushesOf('ws.futures.order.ccxt-comment.json')[0]);
    const event = push.data[0]!;
    expect(orderFromWs(event)).toMatchObject({
      orderId: '2312045036986775',
      clientOrderId: '',
      symbol: 'LTCUSDT',
      side: 'open_short',
      type: 'market',
      status: 'pending',
      price: undefined,
      averageFillPrice: undefined,
      marginMode: 'cross',
      createdAt: 1_701_625_324_646,
      updatedAt: 1_701_625_324_640,
    });
    expect(fillFromWs(event)).toBeUndefined();
    const item = BitmartWsOrderEventSchema.parse(
      readBitmartFixture('ws.futures.order.item.market-open.ccxt-pr20217.json'),
    );
    expect(orderFromWs(item)).toMatchObject({ orderId: '2312118452580276', side: 'open_long', status: 'pending' });
  });

  it("orders: a match push carries its fill from last_trade (the docs' sample)", () => {
    const event = BitmartWsOrderEventSchema.parse({
      action: 1,
      order: {
        order_id: '220906179895578',
        client_order_id: 'BM1234',
        price: '1',
        size: '1000',
        symbol: 'BTCUSDT',
        state: 2,
        side: 1,
        type: 'limit',
        leverage: '5',
        open_type: 'isolated',
        deal_avg_price: '25667.2',
        deal_size: '1',
        create_time: 1662368173000,
        update_time: 1662368173000,
        last_trade: { lastTradeID: 1247592391, fillQty: '1', fillPrice: '25667.2', fee: '-0.00027', feeCcy: 'USDT' },
      },
    });
    expect(orderFromWs(event)).toMatchObject({ status: 'partially_filled', marginMode: 'isolated', type: 'limit' });
    const fill = fillFromWs(event);
    expect(fill).toMatchObject({
      tradeId: '1247592391',
      orderId: '220906179895578',
      side: 'open_long',
      time: 1662368173000,
    });
    expect([fill?.price, fill?.size, fill?.fee].map(text)).toEqual(['25667.2', '1', '-0.00027']);
    expect(fillFromWs({ ...event, action: 3 })).toBeUndefined();
  });

  it('orders: a push names what the venue placed by itself: a TP/SL or plan trigger, a liquidation', () => {
    const push = (action: number, type: string) =>
      BitmartWsOrderEventSchema.safeParse({
        action,
        order: {
          order_id: '220906179895579',
          client_order_id: '',
          price: '0',
          size: '5',
          symbol: 'BTCUSDT',
          state: 4,
          side: 3,
          type,
          leverage: '5',
          open_type: 'isolated',
          deal_avg_price: '25000',
          deal_size: '5',
          create_time: 1662368173000,
          update_time: 1662368173000,
          last_trade: null,
          plan_order_id: '220901412155341',
        },
      });
    const mapped = (action: number, type: string) => {
      const parsed = push(action, type);
      expect(parsed.success, `${type} must parse`).toBe(true);
      return parsed.success ? orderFromWs(parsed.data) : undefined;
    };
    expect(mapped(1, 'stop_loss')).toMatchObject({ type: 'other', trigger: 'stop_loss', clientOrderId: '' });
    expect(mapped(1, 'take_profit')).toMatchObject({ type: 'other', trigger: 'take_profit' });
    expect(mapped(1, 'plan_order')).toMatchObject({ type: 'other', trigger: 'plan' });
    expect(mapped(1, 'trailing_order')).toMatchObject({ type: 'other', trigger: 'trailing' });
    // The simulator pushes its forced close as `liquidate` (action 4); BitMart documents actions 6 and 7.
    expect(mapped(4, 'liquidate')).toMatchObject({ type: 'liquidation', status: 'filled' });
    expect(mapped(7, 'market')).toMatchObject({ type: 'liquidation' });
    expect(mapped(1, 'market')?.trigger).toBeUndefined();
  });

  it('positions: hedge rows per side, int open_type 2 = cross, leverage from the latest order', () => {
    const push = BitmartWsPositionPushSchema.parse(pushesOf('ws.futures.position.ccxt-comment.json')[0]);
    const positions = positionsFromWs(push, (symbol) =>
      symbol === 'LTCUSDT'
        ? orderFromWs(BitmartWsOrderPushSchema.parse(pushesOf('ws.futures.order.ccxt-comment.json')[0]).data[0]!)
            .leverage
        : undefined,
    );
    expect(positions.map((position) => [position.side, text(position.size), text(position.entryPrice)])).toEqual([
      ['short', '5', '71.582'],
      ['long', '6', '71.681666666666666667'],
    ]);
    expect(positions[0]).toMatchObject({
      symbol: 'LTCUSDT',
      mode: 'hedge',
      marginMode: 'cross',
      liquidationPrice: undefined,
      updatedAt: 1_701_627_620_439,
    });
    expect(text(positions[0]?.leverage)).toBe('1');
  });

  it('balance: available, frozen and position margin; equity summed when the push has none', () => {
    const balance = balanceFromWs(
      BitmartWsAssetPushSchema.parse(pushesOf('ws.futures.asset.USDT.ccxt-comment.json')[0]),
    );
    expect(balance.currency).toBe('USDT');
    expect(
      [balance.available, balance.frozen, balance.positionMargin, balance.unrealizedPnl, balance.equity].map(text),
    ).toEqual(['37.19688649135', '0', '0.788687546', '0', '37.98557403735']);
  });

  it('replies: acks, login replies, errors and the pong are told apart', () => {
    expect(parseIncomingFrame(JSON.stringify(readBitmartFixture('ws.ack.subscribe.ccxt-comment.json'))).kind).toBe(
      'ack',
    );
    expect(
      parseIncomingFrame(JSON.stringify(readBitmartFixture('ws.error.invalid-action.ccxt-comment.json'))).kind,
    ).toBe('error');
    expect(parseIncomingFrame(JSON.stringify(readBitmartFixture('ws.pong.json'))).kind).toBe('pong');
    expect(parseIncomingFrame('{"action":"access","success":true}')).toEqual({
      kind: 'login',
      reply: { action: 'access', success: true },
    });
  });
});
