import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../exchange/port/index.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { createEngine } from '../engine/index.ts';
import { createMarket } from '../market/index.ts';
import { SimulatedExchange } from './SimulatedExchange.ts';
import { SimulatedMarketStream } from './SimulatedMarketStream.ts';

const SYMBOL = 'ETHUSDT';
const MINUTE = 60_000;

function fixture() {
  // 30 s into a minute, so the first candle closes half a minute after the start.
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10, 0, 30));
  const market = createMarket({ seed: 11, clock });
  const stream = new SimulatedMarketStream({ market, clock });
  const events: MarketEvent[] = [];
  stream.onEvent((event) => events.push(event));
  const closedOpenTimes = () =>
    events.flatMap((event) => (event.type === 'kline_closed' ? [event.kline.openTime] : []));
  // Read-only here: the exchange serves the market's kline history.
  const history = new SimulatedExchange({ engine: createEngine({ market, clock }), market, clock, accountId: 'none' });
  return { clock, market, stream, events, closedOpenTimes, history };
}

describe('SimulatedMarketStream', () => {
  it('closes every candle of a five-minute jump once, in order, without a tick', async () => {
    const { clock, stream, closedOpenTimes } = fixture();
    stream.subscribeKlines(SYMBOL, ['1m']);
    await stream.start();
    const firstOpen = Date.UTC(2026, 0, 5, 10, 0);
    clock.advance(5 * MINUTE);
    expect(closedOpenTimes()).toEqual([0, 1, 2, 3, 4].map((i) => firstOpen + i * MINUTE));
  });

  it('reports closed candles equal to the history that klines() serves afterwards', async () => {
    const { clock, market, stream, events, history } = fixture();
    stream.subscribeKlines(SYMBOL, ['1m', '5m']);
    await stream.start();
    market.setPrice(SYMBOL, market.lastPrice(SYMBOL).mul(1.01));
    clock.advance(10 * MINUTE);
    const closed = events.flatMap((event) => (event.type === 'kline_closed' ? [event.kline] : []));
    expect(closed.filter((kline) => kline.timeframe === '5m')).toHaveLength(2);
    for (const kline of closed) {
      const [served] = await history.klines({ ...kline, start: kline.openTime, end: kline.openTime });
      expect(served).toEqual(kline);
    }
  });

  it('reports only the new forming candle on a tick after a boundary its timer already closed', async () => {
    const { clock, market, stream, events } = fixture();
    stream.subscribeKlines(SYMBOL, ['1m']);
    await stream.start();
    clock.advance(30 * 1_000);
    events.length = 0;
    market.setPrice(SYMBOL, new Dec(3_000));
    expect(events.map((event) => event.type)).toEqual(['kline']);
    const kline = events[0]?.type === 'kline' ? events[0].kline : undefined;
    expect(kline?.openTime).toBe(Date.UTC(2026, 0, 5, 10, 1));
    expect(kline?.close.toString()).toBe('3000');
  });

  it('stops its timers and events when unsubscribed or stopped', async () => {
    const { clock, market, stream, events } = fixture();
    const timersBefore = clock.pendingTimers;
    stream.subscribeKlines(SYMBOL, ['1m']);
    stream.subscribeTicker(SYMBOL);
    await stream.start();
    stream.unsubscribeKlines(SYMBOL, ['1m']);
    await stream.stop();
    market.setPrice(SYMBOL, new Dec(3_100));
    clock.advance(3 * MINUTE);
    expect(events).toEqual([]);
    expect(clock.pendingTimers).toBe(timersBefore);
  });
});
