import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { createEngine } from '../../src/simulator/engine/index.ts';
import { createMarket } from '../../src/simulator/market/index.ts';
import { buildIndicatorContext } from '../../src/trading-app/indicators/buildIndicatorContext.ts';
import type { IndicatorContext } from '../../src/trading-app/indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../../src/trading-app/mtf/timeframes.ts';
import { DEFAULT_CONFIG_DIRECTORY } from '../../src/trading-app/mtf-runner/index.ts';
import {
  loadTradeEntryProfile,
  tradeEntryFileFor,
} from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import { marketSnapshot } from '../../src/trading-app/trade-entry/marketSnapshot.ts';
import { PlanningTradeEntry } from '../../src/trading-app/trade-entry/PlanningTradeEntry.ts';
import type { PlanDto } from '../../src/trading-app/trade-entry/planDto.ts';
import type { TradeEntryOutcome } from '../../src/trading-app/trade-entry/TradeEntry.ts';
import { type MtfHarness, openMtfHarness } from '../mtf-runner/support/mtfHarness.ts';
import { simulatorKlines } from '../mtf-runner/support/simulatorCandles.ts';

const SEED = 7;
// Minute-aligned: the stored candles end where the simulated venue's live market starts.
const END = Date.UTC(2025, 10, 7, 12, 0, 0);
const RUN_AT = END + 30_000;
const PROFILES = ['default', 'regular', 'scalper', 'scalper_micro'];

let harness: MtfHarness;
let venue: ReturnType<typeof createSimulatedVenue>;

beforeAll(async () => {
  harness = await openMtfHarness(SEED, { end: END, runAt: RUN_AT });
  const clock = new ManualClock(END);
  const market = createMarket({ seed: SEED, clock });
  const engine = createEngine({ market, clock, seed: SEED });
  engine.start();
  const { accountId } = engine.createAccount({
    apiKey: 'k',
    apiSecret: 's',
    apiMemo: 'm',
    balanceUsdt: new Dec(10_000),
  });
  venue = createSimulatedVenue({ engine, market, clock, accountId });
}, 60_000);
afterAll(async () => harness?.close());

/** A plan a trader could place: entry inside its zone, stop on the losing side, targets on the winning side. */
function expectSane(outcome: TradeEntryOutcome | null | undefined): PlanDto | undefined {
  expect(outcome?.status === 'simulated' || outcome?.status === 'skipped').toBe(true);
  if (outcome?.status !== 'simulated' || !('preflight' in outcome.raw)) return undefined;
  const plan = outcome.raw.plan;
  const entry = new Dec(plan.entry);
  const sign = plan.side === 'long' ? 1 : -1;
  expect(entry.gte(plan.zone.low) && entry.lte(plan.zone.high)).toBe(true);
  expect(entry.sub(plan.stop).mul(sign).gt(0)).toBe(true);
  for (const target of plan.targets) expect(new Dec(target.price).sub(entry).mul(sign).gt(0)).toBe(true);
  expect(new Dec(plan.size).gte(1) && plan.leverage >= 1).toBe(true);
  return plan;
}

describe('dry runs plan for real when the app has a venue', () => {
  it('an MTF run hands its READY symbols to the planner with the market it decided on', async () => {
    const service = harness.service({ exchange: venue.exchange });
    const response = await service.run({ symbols: [...harness.symbols], profile: 'scalper_micro', now: RUN_AT });
    const ready = Object.values(response.data.results).filter((result) => result.status === 'READY');
    const plans = ready.map((result) => expectSane(result.trading_decision)).filter((plan) => plan !== undefined);
    expect(plans.length).toBeGreaterThan(0);
  });

  it.each(PROFILES)(
    '%s: plans long and short on every simulator contract, sanely, or says why not',
    async (profile) => {
      const entry = new PlanningTradeEntry({
        exchange: venue.exchange,
        profileFor: (name) => loadTradeEntryProfile(tradeEntryFileFor(DEFAULT_CONFIG_DIRECTORY, name ?? profile)),
      });
      const { klines } = simulatorKlines({ seed: SEED, end: END });
      let planned = 0;
      for (const symbol of harness.symbols) {
        const contexts: Partial<Record<MtfTimeframe, IndicatorContext>> = {};
        for (const timeframe of ['4h', '1h', '15m', '5m', '1m'] as const) {
          const candles = klines
            .filter((kline) => kline.symbol === symbol && kline.timeframe === timeframe)
            .map((kline) => ({
              openTime: kline.openTime,
              open: kline.open.toNumber(),
              high: kline.high.toNumber(),
              low: kline.low.toNumber(),
              close: kline.close.toNumber(),
              volume: kline.volume.toNumber(),
            }));
          contexts[timeframe] = buildIndicatorContext(symbol, timeframe, candles);
        }
        for (const side of ['LONG', 'SHORT'] as const) {
          const outcome = await entry.enter({
            runId: 'test',
            profile,
            symbol,
            side,
            executionTimeframe: '1m',
            klineTime: END - 60_000,
            atr: contexts['1m']?.atr ?? null,
            referencePrice: contexts['1m']?.close ?? 0,
            market: marketSnapshot(contexts),
          });
          if (expectSane(outcome)) planned += 1;
        }
      }
      expect(planned).toBeGreaterThan(0);
    },
  );
});
