import { z } from 'zod';
import {
  bitmartDecimal,
  bitmartEpochMillis,
  bitmartEpochMillisString,
  bitmartEpochSeconds,
  bitmartSymbol,
} from './primitives.ts';

/**
 * One book level of `GET /contract/public/depth` (docs/reference/bitmart-wire.md#depth):
 * `[price, size in contracts, cumulative size]`, all strings.
 */
export const BitmartDepthLevelSchema = z.tuple([bitmartDecimal, bitmartDecimal, bitmartDecimal]);
export type BitmartDepthLevel = z.infer<typeof BitmartDepthLevelSchema>;

/** Data of `GET /contract/public/depth`: at most 50 levels a side, asks ascending, bids descending. */
export const BitmartDepthSchema = z.looseObject({
  asks: z.array(BitmartDepthLevelSchema),
  bids: z.array(BitmartDepthLevelSchema),
  timestamp: bitmartEpochMillis,
  symbol: bitmartSymbol,
});
export type BitmartDepth = z.infer<typeof BitmartDepthSchema>;

/**
 * One candle of `GET /contract/public/kline` (and `markprice-kline`), bitmart-wire.md#klines. `timestamp` is the
 * open time in **seconds**; captures from 2022–2024 sit one second past the boundary
 * (1665002281 in the ccxt fixture), 2025 ones exactly on it, so no alignment is enforced here.
 * `volume` is in contracts.
 */
export const BitmartKlineSchema = z.looseObject({
  timestamp: bitmartEpochSeconds,
  open_price: bitmartDecimal,
  high_price: bitmartDecimal,
  low_price: bitmartDecimal,
  close_price: bitmartDecimal,
  volume: bitmartDecimal,
});
export type BitmartKline = z.infer<typeof BitmartKlineSchema>;

export const BitmartKlineListSchema = z.array(BitmartKlineSchema);
export type BitmartKlineList = z.infer<typeof BitmartKlineListSchema>;

/** One public trade of `GET /contract/public/market-trade`: `qty` in base coin, `time` in seconds. */
export const BitmartMarketTradeSchema = z.looseObject({
  symbol: bitmartSymbol,
  price: bitmartDecimal,
  qty: bitmartDecimal,
  quote_qty: bitmartDecimal,
  time: bitmartEpochSeconds,
  is_buyer_maker: z.boolean(),
});
export type BitmartMarketTrade = z.infer<typeof BitmartMarketTradeSchema>;

export const BitmartMarketTradeListSchema = z.array(BitmartMarketTradeSchema);
export type BitmartMarketTradeList = z.infer<typeof BitmartMarketTradeListSchema>;

/**
 * Data of `GET /contract/public/funding-rate` (bitmart-wire.md#funding-rate): `rate_value` is the previous period's
 * rate, `expected_rate` the next one's, `funding_time` the next settlement.
 */
export const BitmartFundingRateSchema = z.looseObject({
  symbol: bitmartSymbol,
  expected_rate: bitmartDecimal,
  rate_value: bitmartDecimal,
  funding_time: bitmartEpochMillis,
  funding_upper_limit: bitmartDecimal,
  funding_lower_limit: bitmartDecimal,
  timestamp: bitmartEpochMillis,
});
export type BitmartFundingRate = z.infer<typeof BitmartFundingRateSchema>;

/** Data of `GET /contract/public/funding-rate-v2` (`symbol` optional): the same rows in a list. */
export const BitmartFundingRateListSchema = z.looseObject({ list: z.array(BitmartFundingRateSchema) });
export type BitmartFundingRateList = z.infer<typeof BitmartFundingRateListSchema>;

/**
 * One settled rate of `GET /contract/public/funding-rate-history`. `funding_time` is in ms; real
 * samples (ccxt) send it as a string, the docs as a number, so both are accepted.
 */
export const BitmartFundingRateHistoryEntrySchema = z.looseObject({
  symbol: bitmartSymbol,
  funding_rate: bitmartDecimal,
  funding_time: z.union([bitmartEpochMillisString, bitmartEpochMillis]),
});
export type BitmartFundingRateHistoryEntry = z.infer<typeof BitmartFundingRateHistoryEntrySchema>;

export const BitmartFundingRateHistorySchema = z.looseObject({ list: z.array(BitmartFundingRateHistoryEntrySchema) });
export type BitmartFundingRateHistory = z.infer<typeof BitmartFundingRateHistorySchema>;
