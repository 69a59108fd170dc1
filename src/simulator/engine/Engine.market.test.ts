import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { createMarket } from '../market/index.ts';
import { createEngine } from './index.ts';

describe('engine on the simulated market', () => {
  it('fills a limit buy when an admin price move reaches it and settles funding on the market schedule', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 1));
    const market = createMarket({ seed: 7, clock, historyDays: 2 });
    market.pause();
    const engine = createEngine({ market, clock, seed: 7 });
    engine.start();
    const { accountId } = engine.createAccount({
      apiKey: 'k',
      apiSecret: 's',
      apiMemo: 'm',
      balanceUsdt: new Dec(10_000),
    });
    const last = market.lastPrice('BTCUSDT');
    const target = last.mul('0.99').toDecimalPlaces(1);
    const submitted = engine.submitOrder(accountId, {
      symbol: 'BTCUSDT',
      side: 1,
      type: 'limit',
      mode: 1,
      size: 1,
      price: target,
    });
    expect(submitted.ok).toBe(true);
    market.setPrice('BTCUSDT', target);
    expect(engine.positions(accountId, 'BTCUSDT')[0]?.amount).toBe(1);
    const next = market.funding('BTCUSDT').nextFundingTime;
    clock.advanceTo(next);
    const funding = engine.transactions(accountId, { startMs: 0, endMs: next, flowType: 3 });
    expect(funding).toHaveLength(1);
    engine.stop();
    market.stop();
  });
});
