import { type Dec, toWire } from '../../../platform/decimal/index.ts';
import type {
  BookLevel,
  Candle,
  ContractSpec,
  FundingInfo,
  MarketTrade,
  OrderBook,
  Ticker,
} from '../../market/types.ts';

/**
 * Market domain objects → BitMart's public REST JSON (docs/reference/bitmart-wire.md#public-endpoints). Numbers go out
 * as strings, enums and timestamps as numbers, with BitMart's field names.
 */

/** Notional (quote) value of `contracts` at `price`. */
function notional(spec: ContractSpec, contracts: number, price: Dec): Dec {
  return spec.contractSize.mul(contracts).mul(price);
}

/** The largest position notional, used by leverage-bracket and position-v2 `max_notional_value`. */
export function maxNotionalValue(spec: ContractSpec, price: Dec): Dec {
  return notional(spec, spec.maxVolume, price).toDecimalPlaces(0);
}

/** One row of `contract/public/details`, with every field of the docs' sample (bitmart-wire.md#contract-details). */
export function contractDetailsWire(spec: ContractSpec, ticker: Ticker, funding: FundingInfo) {
  return {
    symbol: spec.symbol,
    product_type: 1,
    open_timestamp: spec.openTimestamp,
    expire_timestamp: 0,
    settle_timestamp: 0,
    base_currency: spec.baseCurrency,
    quote_currency: spec.quoteCurrency,
    last_price: toWire(ticker.lastPrice),
    volume_24h: String(ticker.volume24h),
    turnover_24h: toWire(ticker.turnover24h),
    index_price: toWire(ticker.indexPrice),
    index_name: spec.symbol,
    contract_size: toWire(spec.contractSize),
    min_leverage: String(spec.minLeverage),
    max_leverage: String(spec.maxLeverage),
    price_precision: toWire(spec.tickSize),
    vol_precision: toWire(spec.volumeStep),
    max_volume: String(spec.maxVolume),
    market_max_volume: String(spec.marketMaxVolume),
    min_volume: String(spec.minVolume),
    funding_rate: toWire(funding.rate),
    expected_funding_rate: toWire(funding.expectedRate),
    open_interest: String(ticker.openInterest),
    open_interest_value: toWire(notional(spec, ticker.openInterest, ticker.markPrice)),
    high_24h: toWire(ticker.high24h),
    low_24h: toWire(ticker.low24h),
    change_24h: toWire(ticker.change24h),
    funding_interval_hours: spec.fundingIntervalHours,
    funding_time: funding.nextFundingTime,
    status: 'Trading',
    delist_time: 0,
  };
}

/** `[price, size, cumulative size]`, sizes in contracts (bitmart-wire.md#depth). */
function levelsWire(levels: readonly BookLevel[]): [string, string, string][] {
  let cumulative = 0;
  return levels.map((level) => {
    cumulative += level.size;
    return [toWire(level.price), String(level.size), String(cumulative)];
  });
}

export function depthWire(book: OrderBook) {
  return { asks: levelsWire(book.asks), bids: levelsWire(book.bids), timestamp: book.time, symbol: book.symbol };
}

/** `timestamp` is the candle open time in seconds; volume in contracts. */
export function candleWire(candle: Candle) {
  return {
    timestamp: candle.openTime,
    open_price: toWire(candle.open),
    high_price: toWire(candle.high),
    low_price: toWire(candle.low),
    close_price: toWire(candle.close),
    volume: String(candle.volume),
  };
}

/** `qty` is in base coin (contracts × contract_size), `time` in seconds (bitmart-wire.md#market-trades). */
export function marketTradeWire(spec: ContractSpec, trade: MarketTrade) {
  const qty = spec.contractSize.mul(trade.size);
  return {
    symbol: trade.symbol,
    price: toWire(trade.price),
    qty: toWire(qty),
    quote_qty: toWire(qty.mul(trade.price)),
    time: Math.floor(trade.time / 1000),
    is_buyer_maker: trade.buyerIsMaker,
  };
}

export function fundingRateWire(funding: FundingInfo, nowMs: number) {
  return {
    symbol: funding.symbol,
    expected_rate: toWire(funding.expectedRate),
    rate_value: toWire(funding.rate),
    funding_time: funding.nextFundingTime,
    funding_upper_limit: toWire(funding.upperLimit),
    funding_lower_limit: toWire(funding.lowerLimit),
    timestamp: nowMs,
  };
}

/**
 * The market keeps only the current funding info, so history is synthesised: the settlements
 * before the next one, newest first, each at the previous period's rate, never before listing.
 */
export function fundingHistoryWire(spec: ContractSpec, funding: FundingInfo, limit: number) {
  const intervalMs = spec.fundingIntervalHours * 3_600_000;
  const list: { symbol: string; funding_rate: string; funding_time: string }[] = [];
  for (let period = 1; period <= limit; period += 1) {
    const time = funding.nextFundingTime - period * intervalMs;
    if (time < spec.openTimestamp) break;
    list.push({ symbol: spec.symbol, funding_rate: toWire(funding.rate), funding_time: String(time) });
  }
  return { list };
}

export function openInterestWire(spec: ContractSpec, ticker: Ticker, nowMs: number) {
  return {
    timestamp: nowMs,
    symbol: spec.symbol,
    open_interest: String(ticker.openInterest),
    open_interest_value: toWire(notional(spec, ticker.openInterest, ticker.markPrice)),
  };
}

/** One plausible bracket: the whole size range at the contract's maximum leverage. */
export function leverageBracketWire(spec: ContractSpec, lastPrice: Dec) {
  return {
    symbol: spec.symbol,
    brackets: [
      {
        bracket: 1,
        initial_leverage: spec.maxLeverage,
        notional_cap: toWire(maxNotionalValue(spec, lastPrice)),
        notional_floor: '0',
        maint_margin_ratio: toWire(spec.maintenanceMarginRate),
        cum: '0',
      },
    ],
  };
}
