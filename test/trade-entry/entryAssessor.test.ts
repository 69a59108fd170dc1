import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import type { Database } from '../../src/trading-app/store/index.ts';
import { EntryAssessor } from '../../src/trading-app/trade-entry/EntryAssessor.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { freshPglite } from '../support/freshPglite.ts';
import { profileOf } from './support/workedExample.ts';

/**
 * The limits our own trade records decide come before the venue is read: a day at its cap, or a
 * symbol whose trade is not finished, costs no request (a real venue allows a few a second).
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
  database = await freshPglite();
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
  it('reads the venue for a decision no record refuses', async () => {
    calls.length = 0;
    await assessor().assess(decision('ETHUSDT', 'mtf:ETHUSDT:000000000001'));
    expect(calls).toContain('balances');
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
