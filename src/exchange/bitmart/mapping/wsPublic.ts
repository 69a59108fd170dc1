import { DecimalInterner } from '../../../platform/decimal/DecimalInterner.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import { type Kline, type MarketTrade, TIMEFRAME_MS, type Ticker, type Timeframe } from '../../port/types.ts';
import type {
  BitmartWsKlineItem,
  BitmartWsKlinePush,
  BitmartWsTickerPush,
  BitmartWsTradePush,
} from '../protocol/wire/index.ts';
import { timeframeFromWsInterval } from './enums.ts';

/** Public WS pushes (bitmart-api.md §4.6) → port values. Wire strings become `Dec` here. */

const DAY_MS = 86_400_000;

/** "futures/klineBin1H:BTCUSDT" → "1h"; undefined for the mark-price variant or an unknown interval. */
export function timeframeOfKlineGroup(group: string): Timeframe | undefined {
  const match = /^futures\/klineBin(\w+):[A-Z0-9]+$/.exec(group);
  return match?.[1] ? timeframeFromWsInterval(match[1]) : undefined;
}

/**
 * A candle's open time in ms on the timeframe's grid. Real pushes sometimes carry the boundary
 * plus one second (ccxt's 1m sample ts 1701617761, JKorf's 1D sample 1721030401), so the time is
 * floored to the grid; weeks are floored to the day only, since where BitMart starts its week is
 * not documented.
 */
export function alignOpenTime(openTimeMs: number, timeframe: Timeframe): number {
  const unit = Math.min(TIMEFRAME_MS[timeframe], DAY_MS);
  return Math.floor(openTimeMs / unit) * unit;
}

/**
 * Pushes repeat the same strings over and over (prices, sizes, 24 h volumes): they are parsed
 * through one interner, so the hot path mostly looks decimals up instead of parsing them.
 */
const decimals = new DecimalInterner();

export function klineFromWsItem(symbol: string, timeframe: Timeframe, item: BitmartWsKlineItem): Kline {
  return {
    symbol,
    timeframe,
    openTime: alignOpenTime(item.ts * 1000, timeframe),
    open: decimals.parse(item.o),
    high: decimals.parse(item.h),
    low: decimals.parse(item.l),
    close: decimals.parse(item.c),
    volume: decimals.parse(item.v),
  };
}

/** The candles of a kline push, oldest first (the last one is the forming candle). */
export function klinesFromWsPush(push: BitmartWsKlinePush, timeframe: Timeframe): Kline[] {
  return push.data.items
    .map((item) => klineFromWsItem(push.data.symbol, timeframe, item))
    .sort((a, b) => a.openTime - b.openTime);
}

/** The push has no time of its own, so the ticker is stamped with the time it was received. */
export function tickerFromWsPush(push: BitmartWsTickerPush, receivedAt: number): Ticker {
  const data = push.data;
  const mark = data.mark_price ?? data.fair_price;
  return {
    symbol: data.symbol,
    lastPrice: decimals.parse(data.last_price),
    markPrice: mark === undefined ? undefined : decimals.parse(mark),
    indexPrice: decimals.parse(data.index_price),
    bestBid: decimals.parse(data.bid_price),
    bestBidSize: decimals.parse(data.bid_vol),
    bestAsk: decimals.parse(data.ask_price),
    bestAskSize: decimals.parse(data.ask_vol),
    volume24h: decimals.parse(data.volume_24),
    change24h: decimals.parse(data.range),
    time: receivedAt,
  };
}

/**
 * The trades of a push, oldest first (BitMart sends newest first). `m` true means the buyer made
 * the book, so the taker sold (ccxt's reading). Nanoseconds of `created_at` are cut to ms.
 */
export function tradesFromWsPush(push: BitmartWsTradePush): MarketTrade[] {
  return push.data
    .map((item) => ({
      symbol: item.symbol,
      tradeId: String(item.trade_id),
      price: new Dec(item.deal_price),
      size: new Dec(item.deal_vol),
      takerSide: item.m ? ('sell' as const) : ('buy' as const),
      time: Date.parse(item.created_at),
    }))
    .reverse();
}
