import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import { buildIndicatorContext } from '../../src/trading-app/indicators/buildIndicatorContext.ts';
import type { IndicatorContext } from '../../src/trading-app/indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../../src/trading-app/mtf/timeframes.ts';
import { marketSnapshot } from '../../src/trading-app/trade-entry/marketSnapshot.ts';
import type { MarketSnapshot } from '../../src/trading-app/trade-entry/TradeEntry.ts';

/**
 * The market a decision on `symbol` would see from the venue's own closed candles (1m, 5m, 15m),
 * its zone anchors moved to the last close: for tests about what happens to a plan, not whether
 * one comes.
 */
export async function venueMarket(
  exchange: Pick<FuturesExchange, 'klines'>,
  symbol: string,
): Promise<{ market: MarketSnapshot; atr: number | null; close: number }> {
  const contexts: Partial<Record<MtfTimeframe, IndicatorContext>> = {};
  for (const timeframe of ['1m', '5m', '15m'] as const) {
    const klines = await exchange.klines({ symbol, timeframe, limit: 300 });
    const closed = klines.slice(0, -1).map((kline) => ({
      openTime: kline.openTime,
      open: kline.open.toNumber(),
      high: kline.high.toNumber(),
      low: kline.low.toNumber(),
      close: kline.close.toNumber(),
      volume: kline.volume.toNumber(),
    }));
    contexts[timeframe] = buildIndicatorContext(symbol, timeframe, closed);
  }
  const snapshot = marketSnapshot(contexts);
  const timeframes = Object.fromEntries(
    Object.entries(snapshot.timeframes).map(([timeframe, values]) => [
      timeframe,
      values && { ...values, vwap: values.close, vwapWindow: values.close, sma21: values.close },
    ]),
  );
  return { market: { ...snapshot, timeframes }, atr: contexts['1m']?.atr ?? null, close: contexts['1m']?.close ?? 0 };
}
