import { z } from 'zod';
import { okxDecimal, okxDecimalOrEmpty, okxMillis } from './primitives.ts';

/** `GET /api/v5/market/*` (https://www.okx.com/docs-v5/en/#order-book-trading-market-data). */

/** `market/ticker(s)` and the WS `tickers` push; for swaps `vol24h` is contracts, `volCcy24h` base. */
export const OkxTickerSchema = z.looseObject({
  instType: z.string(),
  instId: z.string(),
  last: okxDecimal,
  lastSz: okxDecimalOrEmpty,
  askPx: okxDecimalOrEmpty,
  askSz: okxDecimalOrEmpty,
  bidPx: okxDecimalOrEmpty,
  bidSz: okxDecimalOrEmpty,
  open24h: okxDecimal,
  high24h: okxDecimal,
  low24h: okxDecimal,
  volCcy24h: okxDecimal,
  vol24h: okxDecimal,
  sodUtc0: okxDecimalOrEmpty.optional(),
  sodUtc8: okxDecimalOrEmpty.optional(),
  ts: okxMillis,
});
export type OkxTicker = z.infer<typeof OkxTickerSchema>;

/** A book level: `[px, sz (contracts), "0" (deprecated), numOrders]`. */
export const OkxBookLevelSchema = z.tuple([okxDecimal, okxDecimal, z.string(), z.string()]);
export type OkxBookLevel = z.infer<typeof OkxBookLevelSchema>;

/** `market/books` and the WS `books5` push (which adds `instId`). */
export const OkxBookSchema = z.looseObject({
  asks: z.array(OkxBookLevelSchema),
  bids: z.array(OkxBookLevelSchema),
  ts: okxMillis,
});
export type OkxBook = z.infer<typeof OkxBookSchema>;

/**
 * A candle, REST (newest first) and WS alike: `[ts, o, h, l, c, vol (contracts), volCcy (base),
 * volCcyQuote, confirm]`; `confirm` "1" once the bar closed.
 */
export const OkxCandleSchema = z.tuple([
  okxMillis,
  okxDecimal,
  okxDecimal,
  okxDecimal,
  okxDecimal,
  okxDecimal,
  okxDecimal,
  okxDecimal,
  z.enum(['0', '1']),
]);
export type OkxCandle = z.infer<typeof OkxCandleSchema>;

/** `market/candles` and `history-candles` serve at most 300 bars a request. */
export const OKX_CANDLES_MAX_LIMIT = 300;

/**
 * The public WS `trades` push (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel):
 * `sz` is contracts, `side` the taker's, `count` the number of trades aggregated into the row.
 */
export const OkxWsTradeSchema = z.looseObject({
  instId: z.string(),
  tradeId: z.string(),
  px: okxDecimal,
  sz: okxDecimal,
  side: z.enum(['buy', 'sell']),
  ts: okxMillis,
  count: z.string().optional(),
});
export type OkxWsTrade = z.output<typeof OkxWsTradeSchema>;
