import { Dec } from '../../../platform/decimal/index.ts';
import type { Contract, Kline, Ticker, Timeframe } from '../../port/types.ts';
import type { BitmartContractDetails, BitmartDepth, BitmartKline } from '../protocol/wire/index.ts';
import { klineOpenTimeMs } from '../rest/klinePaging.ts';

/** Public REST payloads (docs/reference/bitmart-wire.md#public-endpoints) → port types. */

/** Delivery contracts and paused markets are not in the wire enum; "Delisted" is the only other status. */
export function contractFromWire(details: BitmartContractDetails): Contract {
  return {
    symbol: details.symbol,
    baseCurrency: details.base_currency,
    quoteCurrency: details.quote_currency,
    contractSize: new Dec(details.contract_size),
    tickSize: new Dec(details.price_precision),
    sizeStep: new Dec(details.vol_precision),
    minSize: new Dec(details.min_volume),
    maxSize: new Dec(details.max_volume),
    // Older payloads have one maximum for both order types.
    maxMarketSize: new Dec(details.market_max_volume ?? details.max_volume),
    minLeverage: new Dec(details.min_leverage),
    maxLeverage: new Dec(details.max_leverage),
    // Payloads older than the `status` field only listed trading contracts.
    status: details.status === 'Delisted' ? 'delisted' : 'trading',
    lastPrice: new Dec(details.last_price),
    indexPrice: new Dec(details.index_price),
    volume24h: new Dec(details.volume_24h),
    turnover24h: new Dec(details.turnover_24h),
    fundingRate: new Dec(details.funding_rate),
    // BitMart's default period before the field existed.
    fundingIntervalHours: details.funding_interval_hours ?? 8,
    nextFundingTime: details.funding_time ? details.funding_time : undefined,
    openTime: epochAnyUnitToMs(details.open_timestamp),
    expireTime: epochAnyUnitToMs(details.expire_timestamp),
    // `delist_time` is in seconds; 0 means none is scheduled.
    delistTime: details.delist_time ? details.delist_time * 1000 : undefined,
  };
}

/** 1e11 ms is 1973 and 1e11 s the year 5138, so any real time below it is in seconds. */
const SECONDS_BELOW = 100_000_000_000;

/** `open_timestamp`/`expire_timestamp` were seconds in older payloads, ms today; 0 means none. */
function epochAnyUnitToMs(value: number): number | undefined {
  if (value === 0) return undefined;
  return value < SECONDS_BELOW ? value * 1000 : value;
}

/**
 * `timestamp` is the open time in seconds. Captures from 2022–2024 sit one second past the
 * boundary (bitmart-wire.md#klines): flooring to the minute removes that without assuming how
 * BitMart aligns weeks, since every timeframe is a whole number of minutes.
 */
export function klineFromWire(symbol: string, timeframe: Timeframe, candle: BitmartKline): Kline {
  return {
    symbol,
    timeframe,
    openTime: klineOpenTimeMs(candle),
    open: new Dec(candle.open_price),
    high: new Dec(candle.high_price),
    low: new Dec(candle.low_price),
    close: new Dec(candle.close_price),
    volume: new Dec(candle.volume),
  };
}

/**
 * A ticker from the contract details (last, index, 24 h volume and change) and the top of the
 * book. Details carry no mark price, so it stays undefined; the time is the book's.
 */
export function tickerFromWire(details: BitmartContractDetails, depth: BitmartDepth): Ticker {
  const bid = depth.bids[0];
  const ask = depth.asks[0];
  return {
    symbol: details.symbol,
    lastPrice: new Dec(details.last_price),
    markPrice: undefined,
    indexPrice: new Dec(details.index_price),
    bestBid: bid ? new Dec(bid[0]) : undefined,
    bestBidSize: bid ? new Dec(bid[1]) : undefined,
    bestAsk: ask ? new Dec(ask[0]) : undefined,
    bestAskSize: ask ? new Dec(ask[1]) : undefined,
    volume24h: new Dec(details.volume_24h),
    change24h: new Dec(details.change_24h),
    time: depth.timestamp,
  };
}
