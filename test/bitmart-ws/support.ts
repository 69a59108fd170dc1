import { klineStep } from '../../src/exchange/bitmart/protocol/klineIntervals.ts';
import type { KlineSource } from '../../src/exchange/bitmart/streams/fetchClosedRange.ts';
import type { KlineQuery } from '../../src/exchange/port/FuturesExchange.ts';
import type { Kline } from '../../src/exchange/port/types.ts';
import type { BitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { KlineStepMinutes, Market } from '../../src/simulator/market/types.ts';
import type { startTestSimulator } from '../support/testSimulator.ts';

type Started = Awaited<ReturnType<typeof startTestSimulator>>;

/** A client config pointing at a test simulator, with test-sized timings unless overridden. */
export function configFor(started: Started, overrides: Partial<BitmartConfig> = {}): BitmartConfig {
  const account = started.simulator.account;
  return {
    restUrl: started.restUrl,
    publicWsUrl: started.publicWsUrl,
    privateWsUrl: started.privateWsUrl,
    credentials: { apiKey: account.apiKey, apiSecret: account.apiSecret, apiMemo: account.apiMemo },
    subscribeBatch: 20,
    subscribeDelayMs: 200,
    pingIntervalMs: 15_000,
    reconnectDelayMs: 100,
    ...overrides,
  };
}

/**
 * The simulator's own candles as a `KlineSource`: the truth the stream's closed candles are
 * compared with (the REST route serves the same `market.klines`).
 */
export function simulatorKlineSource(market: Market): KlineSource {
  return async (query: KlineQuery) => {
    const step = klineStep(query.timeframe) as KlineStepMinutes;
    const { start, end } = query;
    if (start === undefined || end === undefined) throw new Error('the streams always ask for a closed range');
    return market.klines(query.symbol, step, Math.floor(start / 1000), Math.floor(end / 1000)).map(
      (candle): Kline => ({
        symbol: query.symbol,
        timeframe: query.timeframe,
        openTime: candle.openTime * 1000,
        open: candle.open,
        high: candle.high,
        low: candle.low,
        close: candle.close,
        volume: new Dec(candle.volume),
      }),
    );
  };
}
