import { afterEach, describe, expect, it } from 'vitest';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import type { ClosedCandleSource } from '../../src/exchange/bitmart/streams/ClosedCandleSeries.ts';
import { createBitmartStreams } from '../../src/exchange/bitmart/streams/createBitmartStreams.ts';
import type { StreamEvent } from '../../src/exchange/port/streams.ts';
import type { Kline } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { startTestSimulator } from '../support/testSimulator.ts';
import { waitFor } from '../support/waitFor.ts';
import { configFor, simulatorKlineSource } from './support.ts';

const MINUTE = 60_000;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe.each<ClosedCandleSource>(['rest', 'stream'])('closed 1m candles across a drop (source %s)', (source) => {
  it('delivers every closed candle exactly once, in order, backfilling the minutes spent disconnected', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const started = await startTestSimulator({}, clock);
    stops.push(() => started.simulator.stop());
    const truth = simulatorKlineSource(started.simulator.market);
    const config = configFor(started, { pingIntervalMs: MINUTE, reconnectDelayMs: 10 * MINUTE });
    // Closed candles are confirmed and backfilled over our REST client, as in production.
    const exchange = createBitmartExchange({ config, clock });
    stops.push(() => exchange.stop());
    // Reconnect after exactly 5 minutes (jitter 0 = half of the 10 min base), so the gap is
    // five whole candles; pings every minute keep the link alive while the test advances by minutes.
    const { market } = createBitmartStreams({
      config,
      clock,
      klineSource: (query) => exchange.klines(query),
      closedCandleSource: source,
      reconnectMaxDelayMs: 10 * MINUTE,
      random: () => 0,
    });
    stops.push(() => market.stop());
    const closed: Kline[] = [];
    const forming: Kline[] = [];
    const statuses: StreamEvent[] = [];
    market.onEvent((event) => {
      if (event.type === 'kline_closed') closed.push(event.kline);
      if (event.type === 'kline') forming.push(event.kline);
    });
    market.onStatus((event) => statuses.push(event));
    market.subscribeKlines('BTCUSDT', ['1m']);
    await market.start();
    await waitFor(() => forming.length > 0, 'the first forming candle');

    for (let minute = 1; minute <= 3; minute += 1) {
      clock.advance(MINUTE);
      await waitFor(() => closed.length === minute, `closed candle ${minute}`);
    }
    await fetch(`${started.restUrl}/sim/ws/drop`, { method: 'POST' });
    await waitFor(() => statuses.some((event) => event.type === 'disconnected'), 'the drop to be seen');
    clock.advance(5 * MINUTE);
    await waitFor(() => statuses.some((event) => event.type === 'resynced'), 'the stream to resync');
    expect(closed).toHaveLength(8);
    clock.advance(MINUTE);
    await waitFor(() => closed.length === 9, 'the first candle closed after the resync');
    // Candles are delivered in order: once the next minute's is out, no copy of an earlier one can follow.
    clock.advance(MINUTE);
    await waitFor(() => closed.length >= 10, 'the second candle closed after the resync');

    const first = closed[0]!.openTime;
    expect(first).toBe(Date.UTC(2026, 0, 1, 0, 0, 0));
    expect(closed.map((kline) => kline.openTime)).toEqual(Array.from({ length: 10 }, (_, i) => first + i * MINUTE));
    const expected = await truth({ symbol: 'BTCUSDT', timeframe: '1m', start: first, end: first + 9 * MINUTE });
    expect(closed.map(values)).toEqual(expected.map(values));
    expect(statuses.map((event) => event.type)).toEqual(['connected', 'disconnected', 'connected', 'resynced']);
    expect(market.health()).toEqual([
      { topic: 'futures/klineBin1m:BTCUSDT', lastMessageAt: expect.any(Number), reconnects: 1, subscribed: true },
    ]);
  });
});

function values(kline: Kline) {
  return [kline.openTime, kline.open, kline.high, kline.low, kline.close, kline.volume].map(String);
}
