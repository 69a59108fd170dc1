import type { Kline, MarketTrade, Ticker, Timeframe } from '../../port/types.ts';
import { klineFromWire, tickerFromWire } from '../mapping/restMarket.ts';
import { symbolOf } from '../mapping/symbols.ts';
import { tradeFromWire } from '../mapping/wsPublic.ts';
import { okxBarOfCandleChannel, timeframeOfOkxBar } from '../protocol/bars.ts';
import { OkxCandleSchema, OkxTickerSchema, okxWsPush } from '../protocol/wire/index.ts';
import { OkxWsTradeSchema } from '../protocol/wire/market.ts';

/**
 * The general path of the public pushes the market stream reads: a parsed frame (`JSON.parse`)
 * checked by its channel's zod schema, then mapped. `OkxHotMarketDecoder` must give the same
 * events for any frame it accepts (OkxHotMarketDecoder.test.ts).
 */
const CandlePush = okxWsPush(OkxCandleSchema);
const TickerPush = okxWsPush(OkxTickerSchema);
const TradePush = okxWsPush(OkxWsTradeSchema);

export type PushDecoding<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

export function tickersOfPush(message: unknown): PushDecoding<Ticker[]> {
  const parsed = TickerPush.safeParse(message);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, value: parsed.data.data.map((row) => tickerFromWire(row)) };
}

export function tradesOfPush(message: unknown): PushDecoding<MarketTrade[]> {
  const parsed = TradePush.safeParse(message);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, value: parsed.data.data.map((row) => tradeFromWire(row)) };
}

/** The push's candles oldest first (a push may carry more than one bar); none when its arg names no known bar or no instrument. */
export function candlesOfPush(message: unknown): PushDecoding<{ timeframe: Timeframe; klines: Kline[] } | undefined> {
  const parsed = CandlePush.safeParse(message);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const bar = okxBarOfCandleChannel(parsed.data.arg.channel);
  const timeframe = bar ? timeframeOfOkxBar(bar.bar) : undefined;
  if (!timeframe || !parsed.data.arg.instId) return { ok: true, value: undefined };
  const symbol = symbolOf(parsed.data.arg.instId);
  const candles = [...parsed.data.data].sort((a, b) => Number(a[0]) - Number(b[0]));
  return { ok: true, value: { timeframe, klines: candles.map((candle) => klineFromWire(symbol, timeframe, candle)) } };
}
