import { toWire } from '../../../platform/decimal/index.ts';
import type { BookLevel, Candle, FundingInfo, MarketTrade, OrderBook, Ticker } from '../../market/types.ts';

/**
 * Domain → BitMart public push data (docs/reference/bitmart-wire.md#public-channels; fixtures ws.futures.*). Numbers
 * that are money or sizes go out as strings; times as numbers, as BitMart sends them.
 */

export interface BitmartKlineItem {
  o: string;
  h: string;
  l: string;
  c: string;
  v: string;
  /** Candle open, Unix seconds. */
  ts: number;
}

export function klineData(symbol: string, candle: Candle): { symbol: string; items: BitmartKlineItem[] } {
  const item = {
    o: toWire(candle.open),
    h: toWire(candle.high),
    l: toWire(candle.low),
    c: toWire(candle.close),
    v: String(candle.volume),
    ts: candle.openTime,
  };
  return { symbol, items: [item] };
}

export function tickerData(ticker: Ticker) {
  return {
    symbol: ticker.symbol,
    last_price: toWire(ticker.lastPrice),
    volume_24: String(ticker.volume24h),
    range: toWire(ticker.change24h),
    mark_price: toWire(ticker.markPrice),
    index_price: toWire(ticker.indexPrice),
    ask_price: toWire(ticker.bestAsk.price),
    ask_vol: String(ticker.bestAsk.size),
    bid_price: toWire(ticker.bestBid.price),
    bid_vol: String(ticker.bestBid.size),
  };
}

export function bookTickerData(book: OrderBook) {
  const bid = book.bids[0];
  const ask = book.asks[0];
  return {
    symbol: book.symbol,
    best_bid_price: bid ? toWire(bid.price) : '0',
    best_bid_vol: bid ? String(bid.size) : '0',
    best_ask_price: ask ? toWire(ask.price) : '0',
    best_ask_vol: ask ? String(ask.size) : '0',
    ms_t: book.time,
  };
}

/**
 * `way` encodes the open/close combination of both sides (bitmart-wire.md#enums), which a crowd trade does not have;
 * the simulator reports both sides as opening: 1 when the taker bought, 5 when the taker sold.
 */
export function tradeData(trade: MarketTrade) {
  return [
    {
      trade_id: trade.tradeId,
      symbol: trade.symbol,
      deal_price: toWire(trade.price),
      deal_vol: String(trade.size),
      way: trade.buyerIsMaker ? 5 : 1,
      m: trade.buyerIsMaker,
      created_at: isoWithNanoseconds(trade.time),
    },
  ];
}

/** BitMart's trade time: `2025-02-23T13:59:59.646490751Z`. */
export function isoWithNanoseconds(timeMs: number): string {
  return `${new Date(timeMs).toISOString().slice(0, -1)}000000Z`;
}

export type DepthWay = 1 | 2;

/** One side of the book: way 1 = bids, 2 = asks. */
export function depthSideData(book: OrderBook, way: DepthWay, levels: number) {
  const side = way === 1 ? book.bids : book.asks;
  return { symbol: book.symbol, way, depths: depthLevels(side, levels), ms_t: book.time };
}

export function depthAllData(book: OrderBook, levels: number) {
  return {
    symbol: book.symbol,
    asks: depthLevels(book.asks, levels),
    bids: depthLevels(book.bids, levels),
    ms_t: book.time,
  };
}

function depthLevels(side: readonly BookLevel[], levels: number): { price: string; vol: string }[] {
  const count = Math.min(levels, side.length);
  const out = new Array<{ price: string; vol: string }>(count);
  for (let index = 0; index < count; index++) {
    const level = side[index]!;
    out[index] = { price: toWire(level.price), vol: String(level.size) };
  }
  return out;
}

/**
 * `fundingRate` is the rate that will settle at `nextFundingTime` (ccxt reads REST `expected_rate`
 * as the funding rate too); the market has no forecast beyond it, so `nextFundingRate` repeats it.
 * `fundingTime` is the computation time, to the second, as in the recorded sample.
 */
export function fundingData(funding: FundingInfo, nowMs: number) {
  return {
    symbol: funding.symbol,
    fundingRate: toWire(funding.expectedRate),
    fundingTime: Math.floor(nowMs / 1000) * 1000,
    nextFundingRate: toWire(funding.expectedRate),
    nextFundingTime: funding.nextFundingTime,
    funding_upper_limit: toWire(funding.upperLimit),
    funding_lower_limit: toWire(funding.lowerLimit),
    ts: nowMs,
  };
}

/** Serialises a push once, as bytes, so the same frame goes to every subscriber. */
export function encodePush(group: string, data: unknown): Buffer {
  return Buffer.from(JSON.stringify({ group, data }), 'utf8');
}
