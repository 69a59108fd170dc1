import { z } from 'zod';
import { BitmartDepthWaySchema, BitmartTradeWaySchema } from './enums.ts';
import {
  bitmartDecimal,
  bitmartEpochMillis,
  bitmartEpochSeconds,
  bitmartIdNumber,
  bitmartIdString,
  bitmartSymbol,
} from './primitives.ts';

/**
 * Pushes of the public futures V2 channels (docs/reference/bitmart-wire.md#push-envelope, #public-channels). Every push
 * is `{group, data}`; `group` is the subscribed topic, sometimes with a speed suffix ("@100ms").
 */

function groupOf(channel: RegExp) {
  return z.string().regex(channel, `expected a group matching ${channel}`);
}

/** One candle of a klineBin push: open time `ts` in seconds, `v` in contracts; the last one is still forming. */
export const BitmartWsKlineItemSchema = z.looseObject({
  o: bitmartDecimal,
  h: bitmartDecimal,
  l: bitmartDecimal,
  c: bitmartDecimal,
  v: bitmartDecimal,
  ts: bitmartEpochSeconds,
});
export type BitmartWsKlineItem = z.infer<typeof BitmartWsKlineItemSchema>;

/**
 * `futures/klineBin<step>:<SYMBOL>` (and `markPriceKlineBin…`). Real pushes wrap the candles in
 * `data.items[]` (ccxt, JKorf and hummingbot captures); the docs' flat `data:{o,h,…}` is outdated
 * and must be refused, since ccxt would yield no candles and hummingbot would throw on it.
 */
export const BitmartWsKlinePushSchema = z.looseObject({
  group: groupOf(/^futures\/(markPrice)?[kK]lineBin\w+:[A-Z0-9]+$/),
  data: z.looseObject({ symbol: bitmartSymbol, items: z.array(BitmartWsKlineItemSchema) }),
});
export type BitmartWsKlinePush = z.infer<typeof BitmartWsKlinePushSchema>;

/**
 * `futures/ticker:<SYMBOL>`, pushed as `futures/ticker:<SYMBOL>@100ms`, or the legacy all-symbol
 * `futures/ticker`. `range` is the 24 h change ratio, `volume_24` in contracts. A 2023 capture had
 * `fair_price` instead of `mark_price`, so neither is required.
 */
export const BitmartWsTickerPushSchema = z.looseObject({
  group: groupOf(/^futures\/ticker(:[A-Z0-9]+)?(@\d+ms)?$/),
  data: z.looseObject({
    symbol: bitmartSymbol,
    last_price: bitmartDecimal,
    volume_24: bitmartDecimal,
    range: bitmartDecimal,
    mark_price: bitmartDecimal.optional(),
    fair_price: bitmartDecimal.optional(),
    index_price: bitmartDecimal,
    ask_price: bitmartDecimal,
    ask_vol: bitmartDecimal,
    bid_price: bitmartDecimal,
    bid_vol: bitmartDecimal,
  }),
});
export type BitmartWsTickerPush = z.infer<typeof BitmartWsTickerPushSchema>;

/**
 * One public trade. `trade_id` was a JSON number in 2023 (ccxt sample 6798697637) and is a
 * string in 2025 ("3000000245258661"); both are real, so both pass. `m` true = buyer is maker;
 * `created_at` is ISO 8601 with nanoseconds.
 */
export const BitmartWsTradeItemSchema = z.looseObject({
  trade_id: z.union([bitmartIdString, bitmartIdNumber]),
  symbol: bitmartSymbol,
  deal_price: bitmartDecimal,
  deal_vol: bitmartDecimal,
  way: BitmartTradeWaySchema,
  m: z.boolean(),
  created_at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'expected an ISO 8601 UTC time'),
});
export type BitmartWsTradeItem = z.infer<typeof BitmartWsTradeItemSchema>;

/** `futures/trade:<SYMBOL>`: an array of trades, newest first. */
export const BitmartWsTradePushSchema = z.looseObject({
  group: groupOf(/^futures\/trade:[A-Z0-9]+$/),
  data: z.array(BitmartWsTradeItemSchema),
});
export type BitmartWsTradePush = z.infer<typeof BitmartWsTradePushSchema>;

/** A level of a WS depth push: an object, unlike the REST tuple. */
export const BitmartWsDepthLevelSchema = z.looseObject({ price: bitmartDecimal, vol: bitmartDecimal });
export type BitmartWsDepthLevel = z.infer<typeof BitmartWsDepthLevelSchema>;

/** `futures/depth{5,20,50}:<SYMBOL>[@speed]`: each push replaces one side (`way` 1 bids, 2 asks). */
export const BitmartWsDepthPushSchema = z.looseObject({
  group: groupOf(/^futures\/depth\d+:[A-Z0-9]+(@\d+ms)?$/),
  data: z.looseObject({
    symbol: bitmartSymbol,
    way: BitmartDepthWaySchema,
    depths: z.array(BitmartWsDepthLevelSchema),
    ms_t: bitmartEpochMillis,
  }),
});
export type BitmartWsDepthPush = z.infer<typeof BitmartWsDepthPushSchema>;

/** `futures/depthAll{5,20,50}:<SYMBOL>@speed`: both sides in every push. */
export const BitmartWsDepthAllPushSchema = z.looseObject({
  group: groupOf(/^futures\/depthAll\d+:[A-Z0-9]+(@\d+ms)?$/),
  data: z.looseObject({
    symbol: bitmartSymbol,
    asks: z.array(BitmartWsDepthLevelSchema),
    bids: z.array(BitmartWsDepthLevelSchema),
    ms_t: bitmartEpochMillis,
  }),
});
export type BitmartWsDepthAllPush = z.infer<typeof BitmartWsDepthAllPushSchema>;

/**
 * `futures/depthIncrease{5,20,50}:<SYMBOL>@speed`: a snapshot, then updates to apply when
 * `version` is the local one plus 1; `vol` is absolute and "0" deletes the level.
 */
export const BitmartWsDepthIncreasePushSchema = z.looseObject({
  group: groupOf(/^futures\/depthIncrease\d+:[A-Z0-9]+(@\d+ms)?$/),
  data: z.looseObject({
    symbol: bitmartSymbol,
    asks: z.array(BitmartWsDepthLevelSchema),
    bids: z.array(BitmartWsDepthLevelSchema),
    ms_t: bitmartEpochMillis,
    version: z.number().int().nonnegative(),
    type: z.enum(['snapshot', 'update']),
  }),
});
export type BitmartWsDepthIncreasePush = z.infer<typeof BitmartWsDepthIncreasePushSchema>;

/** `futures/bookticker:<SYMBOL>`: best bid and ask. */
export const BitmartWsBookTickerPushSchema = z.looseObject({
  group: groupOf(/^futures\/bookticker:[A-Z0-9]+(@\d+ms)?$/),
  data: z.looseObject({
    symbol: bitmartSymbol,
    best_bid_price: bitmartDecimal,
    best_bid_vol: bitmartDecimal,
    best_ask_price: bitmartDecimal,
    best_ask_vol: bitmartDecimal,
    ms_t: bitmartEpochMillis,
  }),
});
export type BitmartWsBookTickerPush = z.infer<typeof BitmartWsBookTickerPushSchema>;

/** `futures/fundingRate:<SYMBOL>`: camelCase fields, unlike the REST endpoint, beside snake_case limits. */
export const BitmartWsFundingRatePushSchema = z.looseObject({
  group: groupOf(/^futures\/fundingRate:[A-Z0-9]+$/),
  data: z.looseObject({
    symbol: bitmartSymbol,
    fundingRate: bitmartDecimal,
    fundingTime: bitmartEpochMillis,
    nextFundingRate: bitmartDecimal,
    nextFundingTime: bitmartEpochMillis,
    funding_upper_limit: bitmartDecimal,
    funding_lower_limit: bitmartDecimal,
    ts: bitmartEpochMillis,
  }),
});
export type BitmartWsFundingRatePush = z.infer<typeof BitmartWsFundingRatePushSchema>;
