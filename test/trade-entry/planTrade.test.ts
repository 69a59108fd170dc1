import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlaceOrderRequestSchema } from '../../src/contracts/api/placeOrder.ts';
import type { Contract } from '../../src/exchange/port/types.ts';
import { Dec, isMultipleOf } from '../../src/platform/decimal/index.ts';
import type { TradeEntryProfile } from '../../src/trading-app/trade-entry/config/TradeEntryProfile.ts';
import { placeOrderFrom } from '../../src/trading-app/trade-entry/placeOrderFrom.ts';
import { classicPivots } from '../../src/trading-app/trade-entry/planner/pivots.ts';
import { planTrade } from '../../src/trading-app/trade-entry/planner/planTrade.ts';
import type { PlanInput, TradePlan } from '../../src/trading-app/trade-entry/planner/TradePlan.ts';
import type { MarketSnapshot } from '../../src/trading-app/trade-entry/TradeEntry.ts';
import { BTC, profileOf, workedExample } from './support/workedExample.ts';

const d = (value: string | number) => new Dec(value);

/** The market snapshot a plan input came from, as far as placeOrderFrom reads it (the trailing ATR). */
function snapshotFor(input: PlanInput): MarketSnapshot {
  const timeframes = Object.fromEntries(
    Object.entries(input.market.atr).map(([timeframe, atr]) => [
      timeframe,
      { close: 0, atr: atr.toNumber(), vwap: null, vwapWindow: null, sma21: null, volumeRatio: null },
    ]),
  );
  return { timeframes, pivots: null };
}

function planned(input: PlanInput): TradePlan {
  const outcome = planTrade(input);
  if (outcome.status !== 'planned') throw new Error(`expected a plan, got ${outcome.reason}: ${outcome.detail}`);
  return outcome.plan;
}

describe('planTrade', () => {
  it('reproduces the worked example of the original: entry 99950.0, stop 99450.0, TP 101098.8, 2 contracts at 10x', () => {
    const plan = planned(workedExample());
    expect(plan.zone.low.toFixed()).toBe('99850');
    expect(plan.zone.high.toFixed()).toBe('99950');
    expect(plan.entry.toFixed()).toBe('99950');
    expect(plan.stop.toFixed()).toBe('99450');
    expect(plan.targets.map((target) => [target.price.toFixed(), target.size.toFixed()])).toEqual([['101098.8', '2']]);
    expect(plan.size.toFixed()).toBe('2');
    expect(plan.leverage).toBe(10);
    expect(plan.margin.toFixed()).toBe('19.99');
    expect(plan.riskUsdt.toFixed()).toBe('1');
  });

  it('leaves room for the opening fee when the available balance is the binding limit (the venue refused such plans)', () => {
    // A 0.05 % stop (plus 0.12 % of fees) risking 0.5 % of 4,000 USDT wants ~11,700 USDT of notional: more than 1,000 at 10x.
    const input = workedExample({
      profile: profileOf('trade_entry.scalper_micro.yaml'),
      account: { available: d(1000), equity: d(4000), openPositions: 0, takerFeeRate: d('0.0006') },
      market: {
        ...workedExample().market,
        atr: { '1m': d(20), '5m': d(50), '15m': d(80) },
        anchors: { vwap: d(100_000) },
      },
    });
    const plan = planned(input);
    expect(plan.leverage).toBe(10);
    const openingCost = plan.margin.add(plan.notional.mul('0.0006'));
    expect(openingCost.lte(d(1000))).toBe(true);
    expect(plan.margin.gt(d(900))).toBe(true);
  });

  it('mirrors a short: stop above, target below, zone around the anchor', () => {
    const plan = planned(
      workedExample({ side: 'short', market: { ...workedExample().market, anchors: { vwap: d(100_100) } } }),
    );
    expect(plan.stop.gt(plan.entry)).toBe(true);
    expect(plan.targets[0]?.price.lt(plan.entry)).toBe(true);
    expect(plan.entry.gte(plan.zone.low) && plan.entry.lte(plan.zone.high)).toBe(true);
  });

  it('splits two targets by the profile fractions and trails nothing itself', () => {
    const plan = planned(
      workedExample({
        profile: profileOf('trade_entry.scalper_micro.yaml'),
        account: { available: d(10_000), equity: d(10_000), openPositions: 0, takerFeeRate: d(0) },
        market: { ...workedExample().market, atr: { '1m': d(300), '5m': d(150), '15m': d(250) } },
      }),
    );
    expect(plan.targets).toHaveLength(2);
    const [tp1, tp2] = plan.targets;
    expect(tp1?.rMultiple.toFixed()).toBe('1.2');
    expect(tp2?.rMultiple.toFixed()).toBe('2');
    expect(tp1?.size.add(tp2?.size ?? 0).eq(plan.size)).toBe(true);
    expect(tp1?.size.toFixed()).toBe(plan.size.mul(0.6).floor().toFixed());
  });

  it.each([
    ['timeframe_not_allowed', { executionTimeframe: '4h' as const }],
    ['symbol_not_trading', { contract: { ...BTC, status: 'paused' as const } }],
    ['no_book', { book: { bid: d(100), ask: d(99), mark: d(100) } }],
    ['spread_too_wide', { book: { bid: d(99_000), ask: d(100_000), mark: d(99_500) } }],
    ['no_available_balance', { account: { available: d(0), equity: d(0), openPositions: 0, takerFeeRate: d(0) } }],
    ['atr_not_ready', { market: { ...workedExample().market, atr: {} } }],
    ['no_zone_anchor', { market: { ...workedExample().market, anchors: {} } }],
    ['zone_too_far_from_price', { market: { ...workedExample().market, anchors: { vwap: d(98_000) } } }],
    ['budget_too_small', { account: { available: d('0.5'), equity: d('0.5'), openPositions: 0, takerFeeRate: d(0) } }],
  ] as const)('skips with %s', (reason, overrides) => {
    const outcome = planTrade(workedExample(overrides as Partial<PlanInput>));
    expect(outcome).toMatchObject({ status: 'skipped', reason });
  });

  it('skips a stop wider than the profile allows in ATRs, and hangs a pivot stop below the nearest support', () => {
    const micro = profileOf('trade_entry.scalper_micro.yaml');
    const tightAtr = { ...workedExample().market, atr: { '1m': d(10), '5m': d(150), '15m': d(250) } };
    expect(planTrade(workedExample({ profile: micro, market: tightAtr }))).toMatchObject({ reason: 'stop_too_wide' });
    const scalper = profileOf('trade_entry.scalper.yaml');
    const plan = planned(
      workedExample({
        profile: scalper,
        // 2.5 % of a 20 USDT budget cannot afford a 0.001 BTC contract at a 0.5 % stop: a smaller contract can.
        contract: { ...BTC, contractSize: d('0.0001') },
        market: { ...workedExample().market, pivots: { s1: d(99_500), s2: d(99_000), r1: d(101_000), r2: d(102_000) } },
      }),
    );
    expect(plan.stopSource).toBe('pivot');
    expect(plan.stop.toFixed()).toBe(
      d(99_500)
        .mul(1 - 0.003)
        .toFixed(),
    );
  });

  it('classic pivots: PP, R1, S1 of a candle', () => {
    const levels = classicPivots({ high: d(110), low: d(90), close: d(100) });
    expect(levels.pp?.toFixed()).toBe('100');
    expect(levels.r1?.toFixed()).toBe('110');
    expect(levels.s1?.toFixed()).toBe('90');
    expect(levels.r2?.toFixed()).toBe('120');
  });
});

describe('planTrade invariants (every shipped profile, random markets)', () => {
  const profiles = [
    'trade_entry.yaml',
    'trade_entry.regular.yaml',
    'trade_entry.scalper.yaml',
    'trade_entry.scalper_micro.yaml',
  ].map(profileOf);
  // Markets of every scale: a price of 10^exponent, a tick of 10^(exponent-4), one contract worth 1 to 100 USDT.
  const market = fc.record({
    profile: fc.constantFrom(...profiles),
    side: fc.constantFrom('long' as const, 'short' as const),
    exponent: fc.integer({ min: -2, max: 5 }),
    mantissa: fc.integer({ min: 10_000, max: 99_999 }),
    contractScale: fc.integer({ min: 0, max: 2 }),
    spreadTicks: fc.integer({ min: 1, max: 3 }),
    anchorOffset: fc.double({ min: -0.005, max: 0.005, noNaN: true }),
    atrFraction: fc.double({ min: 0.001, max: 0.01, noNaN: true }),
    balance: fc.integer({ min: 100, max: 100_000 }),
    openPositions: fc.integer({ min: 0, max: 3 }),
  });

  it('a plan is on the grid, loses no more than its budget at the stop, fits its margin, and liquidates beyond its stop', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(market, (m) => {
        const tick = d(10).pow(m.exponent - 4);
        const price = d(m.mantissa).mul(tick);
        const contract: Contract = {
          ...BTC,
          tickSize: tick,
          contractSize: d(10).pow(m.contractScale - m.exponent),
          maxLeverage: d(125),
        };
        const atr = price.mul(m.atrFraction);
        const input: PlanInput = {
          symbol: 'TESTUSDT',
          side: m.side,
          executionTimeframe: '1m',
          profile: m.profile as TradeEntryProfile,
          contract,
          book: { bid: price, ask: price.add(tick.mul(m.spreadTicks)), mark: price },
          account: {
            available: d(m.balance),
            equity: d(m.balance),
            openPositions: m.openPositions,
            takerFeeRate: d('0.0006'),
          },
          market: {
            atr: { '1m': atr, '5m': atr.mul(2), '15m': atr.mul(3) },
            anchors: { vwap: price.mul(1 + m.anchorOffset), sma21: price },
            pivots: classicPivots({ high: price.mul(1.02), low: price.mul(0.98), close: price }),
          },
        };
        const outcome = planTrade(input);
        const key = outcome.status === 'planned' ? 'planned' : outcome.reason;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (outcome.status === 'skipped') return;
        const { plan } = outcome;
        for (const price of [
          plan.entry,
          plan.stop,
          plan.zone.low,
          plan.zone.high,
          ...plan.targets.map((t) => t.price),
        ]) {
          expect(isMultipleOf(price, tick)).toBe(true);
        }
        expect(isMultipleOf(plan.size, contract.sizeStep) && plan.size.gte(contract.minSize)).toBe(true);
        const sign = m.side === 'long' ? 1 : -1;
        expect(plan.entry.sub(plan.stop).mul(sign).gt(0)).toBe(true);
        // The worker may fill anywhere in the zone: the stop is beyond it, as place-order requires.
        expect(m.side === 'long' ? plan.stop.lt(plan.zone.low) : plan.stop.gt(plan.zone.high)).toBe(true);
        for (const target of plan.targets) expect(target.price.sub(plan.entry).mul(sign).gt(0)).toBe(true);
        expect(plan.targets.reduce((sum, t) => sum.add(t.size), d(0)).eq(plan.size)).toBe(true);
        const loss = plan.size.mul(contract.contractSize).mul(plan.entry.sub(plan.stop).abs());
        const budgetRisk =
          m.profile.sizing.basis === 'equity'
            ? d(m.balance).mul(m.profile.sizing.riskFraction)
            : Dec.min(d(m.profile.sizing.budgetUsdt), d(m.balance)).mul(m.profile.sizing.riskFraction);
        // Both legs' taker fees count against the budget; the planner prices the exit leg at the
        // entry, so a short's stop may add the fee on the distance; one tick of rounding per contract.
        const units = plan.size.mul(contract.contractSize);
        const fees = units.mul(plan.entry.add(plan.stop)).mul('0.0006');
        const slack = units.mul(tick.add(plan.entry.sub(plan.stop).abs().mul('0.0006')));
        expect(loss.add(fees).lte(budgetRisk.add(slack))).toBe(true);
        // The venue takes the margin and the taker fee (0.06 %), and a fallback may slip 10 bps.
        expect(plan.margin.add(plan.notional.mul('0.0016')).lte(d(m.balance))).toBe(true);
        expect(plan.leverage).toBeLessThanOrEqual(m.profile.leverage.exchangeCap);
        expect(d(1).div(plan.leverage).gte(plan.stopDistance.mul(2))).toBe(true);
        expect(plan.stopDistance.gte(m.profile.stop.minDistance)).toBe(true);
        // What the worker is sent for this plan is a request it accepts (the worker's own schema).
        const order = placeOrderFrom('mtf:TESTUSDT:0123456789ab', plan, m.profile, snapshotFor(input), {});
        const accepted = PlaceOrderRequestSchema.safeParse(order);
        expect(accepted.success, JSON.stringify(accepted.error?.issues)).toBe(true);
      }),
      { numRuns: 500 },
    );
    // Not vacuous: most random markets give a plan, and the refusals are the expected ones.
    expect(outcomes.get('planned') ?? 0).toBeGreaterThan(250);
    expect(
      [...outcomes.keys()].every((key) =>
        [
          'planned',
          'budget_too_small',
          'stop_too_wide',
          'zone_too_far_from_price',
          'spread_too_wide',
          'no_pivot_for_stop',
          'liquidity_too_low',
        ].includes(key),
      ),
    ).toBe(true);
  });
});
