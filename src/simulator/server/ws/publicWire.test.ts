import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../platform/decimal/index.ts';
import type { OrderBook } from '../../market/types.ts';
import {
  depthAllData,
  depthSideData,
  fundingData,
  isoWithNanoseconds,
  klineData,
  tickerData,
  tradeData,
} from './publicWire.ts';

function fixture(name: string): Record<string, unknown> {
  const url = new URL(`../../../exchange/bitmart/fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** Key → JSON type, so a mapper is compared with a recorded payload field by field. */
function shapeOf(value: unknown): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    shape[key] = field === null ? 'null' : Array.isArray(field) ? 'array' : typeof field;
  }
  return shape;
}

const book: OrderBook = {
  symbol: 'BTCUSDT',
  bids: [
    { price: new Dec('39509.8'), size: 2379 },
    { price: new Dec('39509.6'), size: 6815 },
  ],
  asks: [{ price: new Dec('39510.1'), size: 12 }],
  time: 1701566021194,
};

describe('public push mappers', () => {
  it('wraps the candle in items with string prices and ts in seconds, as recorded', () => {
    const recorded = fixture('ws.futures.klineBin1m.BTCUSDT.ccxt-comment.json') as {
      data: { items: Record<string, unknown>[] };
    };
    const candle = {
      openTime: 1701617761,
      open: new Dec('39635.8'),
      high: new Dec('39636'),
      low: new Dec('39614.4'),
      close: new Dec('39629.7'),
      volume: 31852,
    };
    expect(klineData('BTCUSDT', candle)).toEqual(recorded.data);
  });

  it('maps a ticker to the recorded ticker fields', () => {
    const recorded = fixture('ws.futures.ticker.ETHUSDT@100ms.ccxt-comment.json') as { data: Record<string, unknown> };
    const data = tickerData({
      symbol: 'ETHUSDT',
      lastPrice: new Dec('2807.73'),
      markPrice: new Dec('2807.5'),
      indexPrice: new Dec('2808.71047619'),
      bestBid: { price: new Dec('2807.28'), size: 3561 },
      bestAsk: { price: new Dec('2808.04'), size: 7371 },
      high24h: new Dec('2900'),
      low24h: new Dec('2700'),
      volume24h: 2227011952,
      turnover24h: new Dec('1'),
      change24h: new Dec('0.0273398194664491'),
      openInterest: 1,
    });
    expect(data).toEqual(recorded.data);
  });

  it('pushes one side per depth message, bids as way 1 and asks as way 2', () => {
    const recorded = fixture('ws.futures.depth50.BTCUSDT.ccxt-comment.json') as { data: Record<string, unknown> };
    expect(depthSideData(book, 1, 50)).toEqual(recorded.data);
    expect(depthSideData(book, 2, 50)).toMatchObject({ way: 2, depths: [{ price: '39510.1', vol: '12' }] });
    expect(depthSideData(book, 1, 1).depths).toHaveLength(1);
    expect(depthAllData(book, 5)).toMatchObject({ bids: [{ vol: '2379' }, { vol: '6815' }], asks: [{ vol: '12' }] });
  });

  it('maps a crowd trade to the 2025 trade item, with a string id and nanosecond time', () => {
    const recorded = fixture('ws.futures.trade.item.ETHUSDT.2025.ccxt-comment.json');
    const [item] = tradeData({
      tradeId: '3000000245258661',
      symbol: 'ETHUSDT',
      price: new Dec('2811.1'),
      size: 1858,
      buyerIsMaker: true,
      time: Date.UTC(2025, 1, 23, 13, 59, 59, 646),
    });
    expect(shapeOf(item)).toEqual(shapeOf(recorded));
    expect(item?.created_at).toBe('2025-02-23T13:59:59.646000000Z');
    expect(isoWithNanoseconds(0)).toBe('1970-01-01T00:00:00.000000000Z');
  });

  it('maps funding to the recorded funding-rate fields', () => {
    const recorded = fixture('ws.futures.fundingRate.BTCUSDT.ccxt-comment.json') as { data: Record<string, unknown> };
    const data = fundingData(
      {
        symbol: 'BTCUSDT',
        rate: new Dec('0.0001'),
        expectedRate: new Dec('0.0000561'),
        nextFundingTime: 1770998400000,
        upperLimit: new Dec('0.0375'),
        lowerLimit: new Dec('-0.0375'),
      },
      1770978448970,
    );
    expect(shapeOf(data)).toEqual(shapeOf(recorded.data));
    expect(data).toMatchObject({ fundingRate: '0.0000561', fundingTime: 1770978448000, ts: 1770978448970 });
  });
});
