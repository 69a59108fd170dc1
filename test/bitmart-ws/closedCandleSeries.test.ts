import { describe, expect, it } from 'vitest';
import { ClosedCandleSeries } from '../../src/exchange/bitmart/streams/ClosedCandleSeries.ts';
import type { KlineSource } from '../../src/exchange/bitmart/streams/fetchClosedRange.ts';
import type { KlineQuery } from '../../src/exchange/port/FuturesExchange.ts';
import type { Kline } from '../../src/exchange/port/types.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { waitFor } from '../support/waitFor.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1);

function candle(openTime: number, close: string): Kline {
  const price = new Dec(close);
  return {
    symbol: 'BTCUSDT',
    timeframe: '1m',
    openTime,
    open: price,
    high: price,
    low: price,
    close: price,
    volume: new Dec(1),
  };
}

/** A venue whose REST candles close at "100 + minute", that can be made to fail. */
function venue() {
  const queries: KlineQuery[] = [];
  let failures = 0;
  const source: KlineSource = async (query) => {
    queries.push(query);
    if (failures > 0) {
      failures -= 1;
      throw new Error('network down');
    }
    const out: Kline[] = [];
    for (let t = query.start ?? 0; t <= (query.end ?? 0); t += MINUTE)
      out.push(candle(t, String(100 + (t - T0) / MINUTE)));
    return out;
  };
  return { source, queries, failNext: (count: number) => (failures = count) };
}

function series(source: KlineSource, clock: ManualClock, mode: 'rest' | 'stream' = 'rest') {
  const closed: Kline[] = [];
  const value = new ClosedCandleSeries({
    symbol: 'BTCUSDT',
    timeframe: '1m',
    klineSource: source,
    source: mode,
    clock,
    logger: silentLogger(),
    retryDelayMs: 1_000,
    emitClosed: (kline) => closed.push(kline),
  });
  return { value, closed };
}

describe('ClosedCandleSeries', () => {
  it('confirms each closed candle from REST, even when the pushed values were stale', async () => {
    const clock = new ManualClock(T0);
    const { source } = venue();
    const { value, closed } = series(source, clock);
    value.onCandle(candle(T0, '1'));
    value.onCandle(candle(T0 + MINUTE, '2'));
    await waitFor(() => closed.length > 0, 'the closed candle');
    expect(closed.map((kline) => kline.close.toString())).toEqual(['100']);
  });

  it('delivers a backfilled gap once, in order, although overlapping roll-overs asked for it', async () => {
    const clock = new ManualClock(T0);
    const { source } = venue();
    const { value, closed } = series(source, clock, 'stream');
    value.onCandle(candle(T0, '1'));
    value.onCandle(candle(T0 + MINUTE, '2'));
    value.connectionLost();
    const resynced = value.whenResynced();
    value.onCandle(candle(T0 + 4 * MINUTE, '5'));
    value.onCandle(candle(T0 + 5 * MINUTE, '6'));
    value.onCandle(candle(T0 + 3 * MINUTE, '999'));
    await resynced;
    // Deliveries run in order: once minute 5 is out (closed by this candle), everything before it is.
    value.onCandle(candle(T0 + 6 * MINUTE, '7'));
    await waitFor(() => closed.at(-1)?.openTime === T0 + 5 * MINUTE, 'minute 5 delivered');
    expect(closed.map((kline) => [(kline.openTime - T0) / MINUTE, kline.close.toString()])).toEqual([
      [0, '1'],
      [1, '101'],
      [2, '102'],
      [3, '103'],
      [4, '5'],
      [5, '6'],
    ]);
  });

  it('retries a failed backfill on the clock until REST answers, skipping nothing', async () => {
    const clock = new ManualClock(T0);
    const { source, queries, failNext } = venue();
    const { value, closed } = series(source, clock);
    value.onCandle(candle(T0, '1'));
    failNext(2);
    value.onCandle(candle(T0 + MINUTE, '2'));
    value.onCandle(candle(T0 + 2 * MINUTE, '3'));
    // A failed request shows as the retry's timer on the clock: nothing else moves until it fires.
    const retryWaiting = (attempts: number) => queries.length === attempts && clock.pendingTimers === 1;
    await waitFor(() => retryWaiting(1), 'the first failure to wait for its retry');
    expect(closed).toHaveLength(0);
    clock.advance(999);
    expect(clock.pendingTimers, 'the retry still waiting at 999 ms').toBe(1);
    clock.advance(1);
    await waitFor(() => retryWaiting(2), 'the second failure, 1 s later, to wait for its retry');
    expect(closed).toHaveLength(0);
    clock.advance(2_000);
    await waitFor(() => closed.length === 2, 'both candles');
    expect(closed.map((kline) => (kline.openTime - T0) / MINUTE)).toEqual([0, 1]);
    expect(queries).toHaveLength(4);
  });
});
