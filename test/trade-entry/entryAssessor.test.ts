import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { buildIndicatorContext } from '../../src/trading-app/indicators/buildIndicatorContext.ts';
import type { IndicatorContext } from '../../src/trading-app/indicators/IndicatorContext.ts';
import { type Database, openDatabase } from '../../src/trading-app/store/index.ts';
import { EntryAssessor } from '../../src/trading-app/trade-entry/EntryAssessor.ts';
import { marketSnapshot } from '../../src/trading-app/trade-entry/marketSnapshot.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { profileOf } from './support/workedExample.ts';

/**
 * The limits our own trade records decide come before the venue is read: a day at its cap, or a
 * symbol whose trade is not finished, costs no request; and the account's reads are shared by the
 * decisions of one moment (a real venue allows a few a second).
 */
const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
let database: Database;
let trades: TradeRepository;
const calls: string[] = [];
let exchange: FuturesExchange;

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  const market = createMarket({ seed: 5, clock });
  const engine = createEngine({ market, clock, seed: 5 });
  engine.start();
  const { accountId } = engine.createAccount({ apiKey: 'k', apiSecret: 's', apiMemo: 'm', balanceUsdt: new Dec(1000) });
  const venue = createSimulatedVenue({ engine, market, clock, accountId }).exchange;
  // Every venue call is counted: the proxy passes it on unchanged.
  exchange = new Proxy(venue, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return value.apply(target, args);
      };
    },
  });
  database = await openDatabase({ dataDir: 'memory://' });
  trades = new TradeRepository(database.drizzle, clock);
});
afterAll(async () => database?.close());

function assessor(): EntryAssessor {
  return new EntryAssessor({ exchange, trades, entriesPaused: async () => false, clock: new ManualClock(NOW) });
}

const decision = (symbol: string, key: string) => ({
  key,
  profile: { ...profileOf('trade_entry.scalper_micro.yaml') },
  request: {
    runId: 'run',
    symbol,
    side: 'LONG' as const,
    executionTimeframe: '1m' as const,
    klineTime: NOW - 60_000,
    atr: null,
    referencePrice: 100,
    market: { timeframes: {}, pivots: null },
  },
});

/** A decision on `symbol` that plans: the venue's own candles, the anchors on the last close. */
async function plannable(symbol: string) {
  const contexts: Partial<Record<'1m' | '5m' | '15m', IndicatorContext>> = {};
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
  const base = decision(symbol, '');
  return {
    ...base,
    profile: profileOf('trade_entry.regular.yaml'),
    request: { ...base.request, profile: 'regular', market: { ...snapshot, timeframes } },
  };
}

async function recordSubmitted(symbol: string, key: string): Promise<void> {
  await trades.record(
    {
      decisionKey: key,
      runId: 'run',
      profile: 'scalper_micro',
      symbol,
      side: 'long',
      executionTimeframe: '1m',
      candleOpenTime: NOW - 120_000,
    },
    { status: 'planned', plan: {} },
  );
  await trades.markSubmitted(key);
}

describe('EntryAssessor', () => {
  it("shares the account's venue reads among the decisions of a moment, not longer", async () => {
    const clock = new ManualClock(NOW);
    const shared = new EntryAssessor({ exchange, trades, entriesPaused: async () => false, clock });
    calls.length = 0;
    await shared.assess(decision('ETHUSDT', 'mtf:ETHUSDT:00000000000a'));
    await shared.assess(decision('XRPUSDT', 'mtf:XRPUSDT:00000000000b'));
    const count = (name: string) => calls.filter((call) => call === name).length;
    expect([count('balances'), count('positions'), count('openOrders'), count('ticker')]).toEqual([1, 1, 1, 2]);
    clock.advance(1_000);
    await shared.assess(decision('ETHUSDT', 'mtf:ETHUSDT:00000000000c'));
    expect([count('balances'), count('positions'), count('openOrders'), count('contracts')]).toEqual([2, 2, 2, 2]);
  });

  it('reads the venue for a decision no record refuses', async () => {
    calls.length = 0;
    await assessor().assess(decision('ETHUSDT', 'mtf:ETHUSDT:000000000001'));
    expect(calls).toContain('balances');
  });

  it('refuses for what the venue holds only on a fresh read: an order gone within the second does not refuse', async () => {
    const clock = new ManualClock(NOW);
    const shared = new EntryAssessor({ exchange, trades, entriesPaused: async () => false, clock });
    const ticker = await exchange.ticker('LTCUSDT');
    const resting = {
      symbol: 'LTCUSDT',
      clientOrderId: 'byhand2',
      side: 'open_long' as const,
      type: 'limit' as const,
      size: new Dec(1),
      price: ticker.lastPrice.mul('0.5').toDecimalPlaces(2),
      leverage: new Dec(2),
      marginMode: 'isolated' as const,
    };
    const planning = await plannable('LTCUSDT');
    await exchange.submitOrder(resting);
    const held = await shared.assess({ ...planning, key: 'mtf:LTCUSDT:00000000000d' });
    expect(held).toMatchObject({ status: 'refused', reason: 'symbol_has_open_order' });
    await exchange.cancelOrder({ symbol: 'LTCUSDT', clientOrderId: 'byhand2' });
    calls.length = 0;
    const after = await shared.assess({ ...planning, key: 'mtf:LTCUSDT:00000000000e' });
    expect(after).toMatchObject({ status: 'planned' });
    expect(calls.filter((call) => call === 'openOrders')).toHaveLength(1);
  });

  it('refuses a symbol whose trade is not finished without a venue request', async () => {
    await recordSubmitted('SOLUSDT', 'mtf:SOLUSDT:000000000002');
    calls.length = 0;
    const assessed = await assessor().assess(decision('SOLUSDT', 'mtf:SOLUSDT:000000000003'));
    expect(assessed).toMatchObject({ status: 'refused', reason: 'symbol_has_active_trade', venue: undefined });
    expect(calls).toEqual([]);
  });

  it('refuses past the daily cap without a venue request', async () => {
    const decisionOnCappedDay = decision('BTCUSDT', 'mtf:BTCUSDT:000000000004');
    const cap = decisionOnCappedDay.profile.limits.dailyMaxTrades ?? 0;
    expect(cap).toBeGreaterThan(0);
    for (let index = 0; index < cap; index++) {
      await recordSubmitted(`X${index}USDT`, `mtf:X${index}USDT:${String(index).padStart(12, '0')}`);
    }
    calls.length = 0;
    const assessed = await assessor().assess(decisionOnCappedDay);
    expect(assessed).toMatchObject({ status: 'refused', reason: 'daily_max_trades' });
    expect(calls).toEqual([]);
  });
});
