import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { createEngine, type SimFill } from '../../src/simulator/engine/index.ts';
import { CONTRACT_CATALOG, type MarketTick } from '../../src/simulator/market/index.ts';
import { MinuteSeries, type RecordedCandle, ReplayMarket, venueLevels } from '../../src/simulator/replay/index.ts';
import { candle } from './candles.ts';

/**
 * The fill model of docs/decisions/0026-backtests.md on the simulator's own engine: recorded
 * candles walked open → nearer extreme → other extreme → close, the price stopping at each waiting
 * order on its way. BTCUSDT: tick 0.1, 0.001 BTC per contract, maker 0.02 %, taker 0.06 %; the
 * synthetic book's touch is one tick from the last price.
 */
const BTC = CONTRACT_CATALOG.find((spec) => spec.symbol === 'BTCUSDT')!;
const T0 = Date.UTC(2026, 0, 5, 10, 0);
const minute = (n: number) => T0 + n * 60_000;

function replay(candles: readonly RecordedCandle[]) {
  const clock = new ManualClock(T0);
  let levels: ReturnType<typeof venueLevels> | undefined;
  const market = new ReplayMarket({
    clock,
    symbols: [{ spec: BTC, series: MinuteSeries.of('BTCUSDT', BTC.tickSize, candles) }],
    levels: (symbol) => levels?.(symbol) ?? [],
  });
  const engine = createEngine({ market, clock });
  engine.start();
  const { accountId } = engine.createAccount({
    apiKey: 'k',
    apiSecret: 's',
    apiMemo: 'm',
    balanceUsdt: new Dec('10000'),
  });
  levels = venueLevels({ engine, accountId, market });
  const ticks: MarketTick[] = [];
  market.onTick((tick) => ticks.push(tick));
  market.start();
  const prints = () => ticks.map((tick) => [tick.time - T0, tick.lastPrice.toString()]);
  const fills = (): SimFill[] =>
    [...engine.trades(accountId, { symbol: 'BTCUSDT', startMs: 0, endMs: Number.MAX_SAFE_INTEGER })].sort(
      (a, b) => a.time - b.time,
    );
  const long = (price: string, stopLoss: string, takeProfit: string) =>
    engine.submitOrder(accountId, {
      symbol: 'BTCUSDT',
      side: 1,
      type: 'limit',
      mode: 1,
      size: 10,
      price: new Dec(price),
      leverage: new Dec(10),
      openType: 'isolated',
      presetStopLoss: { price: new Dec(stopLoss), priceType: 1 },
      presetTakeProfit: { price: new Dec(takeProfit), priceType: 1 },
    });
  return { clock, market, engine, accountId, prints, fills, long };
}

const HISTORY = candle(minute(-1), '100000.0', '100000.0', '100000.0', '100000.0');

describe('a replayed candle', () => {
  it('prints open, the nearer extreme, the other and the close at 0, 15, 30 and 45 s', () => {
    const { clock, prints } = replay([HISTORY, candle(minute(0), '100000.0', '100050.0', '99900.0', '100020.0')]);
    clock.advanceTo(minute(1));
    expect(prints()).toEqual([
      [0, '100000'],
      [15_000, '100050'],
      [30_000, '99900'],
      [45_000, '100020'],
    ]);
  });

  it('shows only what has been printed: the forming candle grows print by print, closed ones are as recorded', () => {
    const { clock, market } = replay([
      HISTORY,
      candle(minute(0), '100000.0', '100050.0', '99900.0', '100020.0', '400'),
      candle(minute(1), '100020.0', '100030.0', '100010.0', '100010.0', '400'),
    ]);
    clock.advanceTo(minute(0) + 20_000);
    const forming = market.currentCandle('BTCUSDT', 1);
    expect([forming.open, forming.high, forming.low, forming.close].map(String)).toEqual([
      '100000',
      '100050',
      '100000',
      '100050',
    ]);
    expect(market.klines('BTCUSDT', 1, minute(-1) / 1000, minute(5) / 1000).map((c) => c.openTime * 1000)).toEqual([
      minute(-1),
      minute(0),
    ]);
    clock.advanceTo(minute(1) + 1);
    const [, closed] = market.klines('BTCUSDT', 1, minute(-1) / 1000, minute(0) / 1000);
    expect([closed?.open, closed?.high, closed?.low, closed?.close].map(String)).toEqual([
      '100000',
      '100050',
      '99900',
      '100020',
    ]);
    expect(closed?.volume).toBe(400);
  });
});

describe('fills on replayed candles', () => {
  it('fills a resting limit at its price on the way down, then takes profit at the target on the way up', () => {
    const { clock, long, fills, prints } = replay([
      HISTORY,
      // high first (50 away against 100): 100050, then down through the bid at 99950 to 99900.
      candle(minute(0), '100000.0', '100050.0', '99900.0', '100020.0'),
      // low first (30 against 230), then up through the target at 100200; the stop at 99800 is out of range.
      candle(minute(1), '100020.0', '100250.0', '99990.0', '100210.0'),
    ]);
    expect(long('99950.0', '99800.0', '100200.0').ok).toBe(true);
    clock.advanceTo(minute(2));
    // The limit is met two thirds of the way from 100050 (15 s) to 99900 (30 s): at 25 s.
    expect(prints()).toContainEqual([25_000, '99950']);
    const [entry, exit] = fills();
    expect([entry?.price.toString(), entry?.size, entry?.role, entry?.fee.toString()]).toEqual([
      '99950',
      10,
      'maker',
      // 99950 × 10 × 0.001 × 0.0002
      '0.1999',
    ]);
    // The target triggers at 100200 on the way up; its market close sells at the bid one tick below.
    expect([exit?.price.toString(), exit?.role, exit?.fee.toString(), exit?.realizedPnl.toString()]).toEqual([
      '100199.9',
      'taker',
      // 100199.9 × 10 × 0.001 × 0.0006
      '0.6011994',
      // (100199.9 − 99950) × 10 × 0.001
      '2.499',
    ]);
    expect(exit?.time).toBe(
      minute(1) + 15_000 + Math.floor(((30_000 - 15_000) * (1_002_000 - 999_900)) / (1_002_500 - 999_900)),
    );
  });

  it('stops at the open when the price gaps through the stop', () => {
    const { clock, long, fills } = replay([
      HISTORY,
      candle(minute(0), '100000.0', '100010.0', '99940.0', '99960.0'),
      // Opens at 99700, below the stop at 99800: nothing traded in between.
      candle(minute(1), '99700.0', '99750.0', '99600.0', '99650.0'),
    ]);
    expect(long('99950.0', '99800.0', '100200.0').ok).toBe(true);
    clock.advanceTo(minute(2));
    const [entry, exit] = fills();
    expect(entry?.price.toString()).toBe('99950');
    expect([exit?.price.toString(), exit?.time, exit?.realizedPnl.toString()]).toEqual([
      '99699.9',
      minute(1),
      // (99699.9 − 99950) × 10 × 0.001
      '-2.501',
    ]);
  });

  it('resolves a candle that reaches both the stop and the target to the stop, whichever extreme is nearer', () => {
    const { clock, long, fills, engine, accountId } = replay([
      HISTORY,
      candle(minute(0), '100000.0', '100010.0', '99940.0', '99960.0'),
      // The high (200 away, past the target) is nearer than the low (400 away, past the stop): the
      // nearer-first path would take profit, but a candle cannot say which came first.
      candle(minute(1), '100100.0', '100300.0', '99700.0', '100000.0'),
    ]);
    expect(long('99950.0', '99800.0', '100200.0').ok).toBe(true);
    clock.advanceTo(minute(2));
    const [, exit] = fills();
    expect([exit?.price.toString(), exit?.realizedPnl.toString()]).toEqual(['99799.9', '-1.501']);
    expect(engine.positions(accountId).filter((position) => position.amount > 0)).toEqual([]);
  });
});
