import { join } from 'node:path';
import type { Contract } from '../../../src/exchange/port/types.ts';
import { Dec } from '../../../src/platform/decimal/index.ts';
import { loadTradeEntryProfile } from '../../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import type { PlanInput } from '../../../src/trading-app/trade-entry/planner/TradePlan.ts';

const CONFIG = new URL('../../../config/', import.meta.url).pathname;
export const profileOf = (name: string) => loadTradeEntryProfile(join(CONFIG, name));
const d = (value: string | number) => new Dec(value);

export const BTC: Contract = {
  symbol: 'BTCUSDT',
  baseCurrency: 'BTC',
  quoteCurrency: 'USDT',
  contractSize: d('0.001'),
  tickSize: d('0.1'),
  sizeStep: d(1),
  minSize: d(1),
  maxSize: d(500_000),
  maxMarketSize: d(100_000),
  minLeverage: d(1),
  maxLeverage: d(100),
  status: 'trading',
  lastPrice: d('100000'),
  indexPrice: d('100000.05'),
  volume24h: d(1e9),
  turnover24h: d(1e9),
  fundingRate: d(0),
  fundingIntervalHours: 8,
  nextFundingTime: undefined,
  openTime: undefined,
  expireTime: undefined,
  delistTime: undefined,
};

/**
 * The original's worked example (pivox/tradingV3 TradeEntry formulas applied by hand): BTCUSDT
 * long on 1m with the 2025-11 file. Its plan: entry 99950.0, stop 99450.0, TP 101098.8, 2 contracts
 * at 10x.
 */
export function workedExample(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    symbol: 'BTCUSDT',
    side: 'long',
    executionTimeframe: '1m',
    profile: profileOf('trade_entry.yaml'),
    contract: BTC,
    book: { bid: d('100000.0'), ask: d('100000.1'), mark: d('100000.05') },
    // The original's arithmetic leaves fees out.
    account: { available: d(500), equity: d(500), openPositions: 0, takerFeeRate: d(0) },
    market: {
      atr: { '1m': d(60), '5m': d(150), '15m': d(250) },
      anchors: { vwap: d(99_900) },
      pivots: { s1: d(99_000), r1: d(100_500), r2: d(101_200), r3: d(102_000) },
    },
    ...overrides,
  };
}
