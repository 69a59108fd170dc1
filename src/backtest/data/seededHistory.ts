import { ManualClock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { createMarket } from '../../simulator/market/index.ts';
import type { RecordedCandle } from '../../simulator/replay/index.ts';

const MINUTE_MS = 60_000;
const PAGE_MINUTES = 500;

/**
 * The seeded simulator's generated 1m history of `symbol` over [fromMs, toMs), as recorded candles:
 * a reproducible data set that needs no download (the simulator's history ends at `toMs`, so every
 * candle of it is closed). Lazily, a page of 500 at a time.
 */
export function* seededHistory(options: {
  seed: number;
  symbol: string;
  fromMs: number;
  toMs: number;
}): Generator<RecordedCandle> {
  const days = Math.ceil((options.toMs - options.fromMs) / 86_400_000) + 2;
  const market = createMarket({
    seed: options.seed,
    clock: new ManualClock(options.toMs),
    historyDays: Math.max(days, 2),
  });
  for (let page = options.fromMs; page < options.toMs; page += PAGE_MINUTES * MINUTE_MS) {
    const last = Math.min(page + (PAGE_MINUTES - 1) * MINUTE_MS, options.toMs - MINUTE_MS);
    for (const candle of market.klines(options.symbol, 1, page / 1000, last / 1000)) {
      yield {
        openTime: candle.openTime * 1000,
        open: candle.open,
        high: candle.high,
        low: candle.low,
        close: candle.close,
        volume: new Dec(candle.volume),
      };
    }
  }
}
