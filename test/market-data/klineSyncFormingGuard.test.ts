import { describe, expect, it } from 'vitest';
import type { MarketEvent, MarketStream, StreamEvent } from '../../src/exchange/port/streams.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { KlineRepository } from '../../src/trading-app/market-data/KlineRepository.ts';
import { KlineSync } from '../../src/trading-app/market-data/KlineSync.ts';
import { freshPglite } from '../support/freshPglite.ts';
import { candles } from './support/marketDataFixture.ts';

/** A stream that emits what the test tells it to, to test the guard against a faulty venue. */
function scriptedStream() {
  let listener: ((event: MarketEvent) => void) | undefined;
  const stream: MarketStream = {
    onEvent: (next) => {
      listener = next;
      return () => {
        listener = undefined;
      };
    },
    onStatus: (_next: (event: StreamEvent) => void) => () => {},
    health: () => [],
    start: async () => {},
    stop: async () => {},
    subscribeKlines: () => {},
    unsubscribeKlines: () => {},
    subscribeTicker: () => {},
    unsubscribeTicker: () => {},
    subscribeTrades: () => {},
    unsubscribeTrades: () => {},
  };
  return { stream, emit: (event: MarketEvent) => listener?.(event) };
}

describe('KlineSync with a venue that announces a forming candle as closed', () => {
  it('refuses it and stores the closed one', async () => {
    const database = await freshPglite();
    try {
      const clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 2, 30));
      const klines = new KlineRepository(database.drizzle);
      const { stream, emit } = scriptedStream();
      const sync = new KlineSync({ exchange: { klines: async () => [] }, klines, clock, stream, historyCandles: 1 });
      await sync.watch(['BTCUSDT'], ['1m']);
      const [closed, forming] = candles('BTCUSDT', '1m', Date.UTC(2026, 0, 5, 10, 1), 2);
      if (!closed || !forming) throw new Error('no candles');
      emit({ type: 'kline_closed', kline: closed });
      emit({ type: 'kline_closed', kline: forming });
      await sync.idle();
      expect((await klines.lastClosed('BTCUSDT', '1m', 10)).map((kline) => kline.openTime)).toEqual([closed.openTime]);
      await sync.stop();
    } finally {
      await database.close();
    }
  }, 60_000);
});
