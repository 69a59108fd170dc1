import { DecimalInternerSlots } from '../../../platform/decimal/DecimalInternerSlots.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import { type Kline, type MarketTrade, TIMEFRAME_MS, type Ticker, type Timeframe } from '../../port/types.ts';
import { parseKlineTopic } from '../protocol/klineIntervals.ts';
import type {
  BitmartWsKlineItem,
  BitmartWsKlinePush,
  BitmartWsTickerPush,
  BitmartWsTradePush,
} from '../protocol/wire/index.ts';

/** Public WS pushes (docs/reference/bitmart-wire.md#public-channels) → port values. Wire strings become `Dec` here. */

const DAY_MS = 86_400_000;

/** "futures/klineBin1H:BTCUSDT" → "1h"; undefined for the mark-price variant or an unknown interval. */
export function timeframeOfKlineGroup(group: string): Timeframe | undefined {
  return parseKlineTopic(group)?.timeframe;
}

/** Beyond this many distinct groups the memo starts over: groups come from the server. */
const MAX_GROUPS = 1_024;

/** `timeframeOfKlineGroup` remembered per group: every kline push of a topic repeats its group. */
export class KlineGroupTimeframes {
  readonly #timeframes = new Map<string, Timeframe | undefined>();

  of(group: string): Timeframe | undefined {
    const known = this.#timeframes.get(group);
    if (known !== undefined || this.#timeframes.has(group)) return known;
    if (this.#timeframes.size >= MAX_GROUPS) this.#timeframes.clear();
    const timeframe = timeframeOfKlineGroup(group);
    this.#timeframes.set(group, timeframe);
    return timeframe;
  }
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
 * Pushes repeat the same strings over and over (prices, sizes), field by field: each group (one
 * per subscribed topic) parses its decimals through its own slots, so the hot path mostly
 * compares strings instead of parsing them. Bounded: groups come from the server.
 */
const MAX_DECIMAL_GROUPS = 4_096;
const KLINE_SLOTS = 5;
const TICKER_SLOTS = 9;
const decimalsByGroup = new Map<string, DecimalInternerSlots>();

function decimalsOf(group: string, slots: number): DecimalInternerSlots {
  let decimals = decimalsByGroup.get(group);
  if (decimals === undefined) {
    if (decimalsByGroup.size >= MAX_DECIMAL_GROUPS) decimalsByGroup.clear();
    decimals = new DecimalInternerSlots(slots);
    decimalsByGroup.set(group, decimals);
  }
  return decimals;
}

function klineFromWsItem(
  symbol: string,
  timeframe: Timeframe,
  item: BitmartWsKlineItem,
  decimals: DecimalInternerSlots,
): Kline {
  return wsKline(symbol, timeframe, item.ts, {
    open: decimals.parse(0, item.o),
    high: decimals.parse(1, item.h),
    low: decimals.parse(2, item.l),
    close: decimals.parse(3, item.c),
    volume: decimals.parse(4, item.v),
  });
}

/** A pushed candle from its parsed values; the one shape of both the general and the hot path. */
export function wsKline(
  symbol: string,
  timeframe: Timeframe,
  tsSeconds: number,
  prices: Pick<Kline, 'open' | 'high' | 'low' | 'close' | 'volume'>,
): Kline {
  const { open, high, low, close, volume } = prices;
  return { symbol, timeframe, openTime: alignOpenTime(tsSeconds * 1000, timeframe), open, high, low, close, volume };
}

/** The candles of a kline push, oldest first (the last one is the forming candle). */
export function klinesFromWsPush(push: BitmartWsKlinePush, timeframe: Timeframe): Kline[] {
  const { symbol, items } = push.data;
  const decimals = decimalsOf(push.group, KLINE_SLOTS);
  // The usual push carries one candle: no sort, no intermediate array.
  if (items.length === 1) return [klineFromWsItem(symbol, timeframe, items[0]!, decimals)];
  return items
    .map((item) => klineFromWsItem(symbol, timeframe, item, decimals))
    .sort((a, b) => a.openTime - b.openTime);
}

/** The push has no time of its own, so the ticker is stamped with the time it was received. */
export function tickerFromWsPush(push: BitmartWsTickerPush, receivedAt: number): Ticker {
  const data = push.data;
  const decimals = decimalsOf(push.group, TICKER_SLOTS);
  const mark = data.mark_price ?? data.fair_price;
  return wsTicker(data.symbol, receivedAt, {
    lastPrice: decimals.parse(0, data.last_price),
    markPrice: mark === undefined ? undefined : decimals.parse(1, mark),
    indexPrice: decimals.parse(2, data.index_price),
    bestBid: decimals.parse(3, data.bid_price),
    bestBidSize: decimals.parse(4, data.bid_vol),
    bestAsk: decimals.parse(5, data.ask_price),
    bestAskSize: decimals.parse(6, data.ask_vol),
    volume24h: decimals.parse(7, data.volume_24),
    change24h: decimals.parse(8, data.range),
  });
}

/** A ticker from its parsed values; the one shape of both the general and the hot path. */
export function wsTicker(symbol: string, receivedAt: number, values: Omit<Ticker, 'symbol' | 'time'>): Ticker {
  const { lastPrice, markPrice, indexPrice, bestBid, bestBidSize, bestAsk, bestAskSize, volume24h, change24h } = values;
  return {
    symbol,
    lastPrice,
    markPrice,
    indexPrice,
    bestBid,
    bestBidSize,
    bestAsk,
    bestAskSize,
    volume24h,
    change24h,
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
