import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { RiskLimits } from '../../src/trading-app/trade-entry/config/TradeEntryProfile.ts';
import { checkRisk, type RiskState } from '../../src/trading-app/trade-entry/risk/riskGate.ts';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

const LIMITS: RiskLimits = {
  dailyLossFraction: 0.025,
  dailyLossUsdt: 40,
  countUnrealizedInDailyLoss: true,
  maxConcurrentPositions: 2,
  dailyMaxTrades: 5,
  perSymbolDailyMaxTrades: 2,
  symbolCooldownSeconds: 900,
};

function state(overrides: Partial<RiskState> = {}): RiskState {
  return {
    now: NOW,
    entriesPaused: false,
    dayOpeningEquity: new Dec(1000),
    realizedPnlToday: new Dec(0),
    unrealizedPnl: new Dec(0),
    openPositionSymbols: [],
    openOrderSymbols: [],
    activeTradeSymbols: [],
    tradesToday: 0,
    tradesTodayBySymbol: new Map(),
    lastCloseBySymbol: new Map(),
    ...overrides,
  };
}

describe('checkRisk: each limit accepts the trade before it and refuses the one that would exceed it', () => {
  it.each([
    [
      'daily_loss_cap_reached (percent of the opening equity)',
      state({ realizedPnlToday: new Dec('-24.99') }),
      state({ realizedPnlToday: new Dec('-25') }),
    ],
    [
      'daily_loss_cap_reached (USDT)',
      state({ dayOpeningEquity: new Dec(100_000), realizedPnlToday: new Dec('-39.99') }),
      state({ dayOpeningEquity: new Dec(100_000), realizedPnlToday: new Dec('-40') }),
    ],
    [
      'daily_loss_cap_reached (unrealised counted)',
      state({ realizedPnlToday: new Dec('-20'), unrealizedPnl: new Dec('-4.99') }),
      state({ realizedPnlToday: new Dec('-20'), unrealizedPnl: new Dec('-5') }),
    ],
    [
      'max_concurrent_positions',
      state({ openPositionSymbols: ['ETHUSDT'] }),
      state({ openPositionSymbols: ['ETHUSDT', 'SOLUSDT'] }),
    ],
    ['daily_max_trades', state({ tradesToday: 4 }), state({ tradesToday: 5 })],
    [
      'per_symbol_max_trades',
      state({ tradesTodayBySymbol: new Map([['BTCUSDT', 1]]) }),
      state({ tradesTodayBySymbol: new Map([['BTCUSDT', 2]]) }),
    ],
    [
      'symbol_cooldown',
      state({ lastCloseBySymbol: new Map([['BTCUSDT', NOW - 900_000]]) }),
      state({ lastCloseBySymbol: new Map([['BTCUSDT', NOW - 899_999]]) }),
    ],
    ['symbol_has_position', state({ openPositionSymbols: ['ETHUSDT'] }), state({ openPositionSymbols: ['BTCUSDT'] })],
    ['symbol_has_open_order', state({ openOrderSymbols: ['ETHUSDT'] }), state({ openOrderSymbols: ['BTCUSDT'] })],
    ['symbol_has_active_trade', state({ activeTradeSymbols: ['ETHUSDT'] }), state({ activeTradeSymbols: ['BTCUSDT'] })],
    [
      'max_concurrent_positions (trades still waiting for their entry count)',
      state({ activeTradeSymbols: ['ETHUSDT'] }),
      state({ openPositionSymbols: ['ETHUSDT'], activeTradeSymbols: ['SOLUSDT'] }),
    ],
    ['entries_paused', state({ entriesPaused: false }), state({ entriesPaused: true })],
  ])('%s', (limit, before, at) => {
    expect(checkRisk('BTCUSDT', LIMITS, before)).toEqual({ allowed: true });
    const verdict = checkRisk('BTCUSDT', LIMITS, at);
    expect(verdict.allowed).toBe(false);
    expect(limit.startsWith(verdict.allowed ? '' : verdict.reason)).toBe(true);
  });

  it('counts only realised losses when the profile does not count unrealised ones', () => {
    const limits = { ...LIMITS, countUnrealizedInDailyLoss: false };
    expect(checkRisk('BTCUSDT', limits, state({ unrealizedPnl: new Dec(-500) }))).toEqual({ allowed: true });
  });

  it('has no limit where the profile sets none', () => {
    const none: RiskLimits = {
      dailyLossFraction: undefined,
      dailyLossUsdt: undefined,
      countUnrealizedInDailyLoss: false,
      maxConcurrentPositions: undefined,
      dailyMaxTrades: undefined,
      perSymbolDailyMaxTrades: undefined,
      symbolCooldownSeconds: 0,
    };
    const busy = state({
      realizedPnlToday: new Dec(-10_000),
      openPositionSymbols: ['A', 'B', 'C', 'D'],
      tradesToday: 1000,
      tradesTodayBySymbol: new Map([['BTCUSDT', 100]]),
      lastCloseBySymbol: new Map([['BTCUSDT', NOW]]),
    });
    expect(checkRisk('BTCUSDT', none, busy)).toEqual({ allowed: true });
  });
});
