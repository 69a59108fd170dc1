import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { createMarket } from './index.ts';
import type { MarketTick } from './types.ts';

const START = Date.UTC(2026, 0, 1, 10, 17, 23);

function liveMarket(seed = 42) {
  const clock = new ManualClock(START);
  const market = createMarket({ seed, clock, tickMs: 250 });
  const ticks: MarketTick[] = [];
  market.onTick((tick) => ticks.push(tick));
  return { clock, market, ticks };
}

describe('SimulatedMarket live process', () => {
  it('steps every symbol on each tick of the clock and notifies listeners in registration order', () => {
    const { clock, market, ticks } = liveMarket();
    const order: string[] = [];
    market.onTick(() => order.push('second'));
    const unsubscribe = market.onTick(() => order.push('third'));
    market.start();
    clock.advance(1_000);
    expect(ticks).toHaveLength(4 * market.contracts().length);
    expect(order.slice(0, 2)).toEqual(['second', 'third']);
    unsubscribe();
    clock.advance(250);
    expect(order.filter((name) => name === 'third')).toHaveLength(4 * market.contracts().length);
  });

  it('emits nothing after stop() and clears its timer', () => {
    const { clock, market, ticks } = liveMarket();
    market.start();
    clock.advance(500);
    market.stop();
    const count = ticks.length;
    clock.advance(10_000);
    expect(ticks).toHaveLength(count);
    expect(clock.pendingTimers).toBe(0);
  });

  it('freezes prices while paused and resumes on resume()', () => {
    const { clock, market, ticks } = liveMarket();
    market.start();
    market.pause();
    expect(market.paused).toBe(true);
    const price = market.lastPrice('BTCUSDT').toString();
    clock.advance(60_000);
    expect(ticks).toHaveLength(0);
    expect(market.lastPrice('BTCUSDT').toString()).toBe(price);
    market.resume();
    clock.advance(250);
    expect(ticks).toHaveLength(market.contracts().length);
  });

  it('moves the market on setPrice, even while paused, with one tick at the rounded price', () => {
    const { market, ticks } = liveMarket();
    market.pause();
    const target = market.lastPrice('BTCUSDT').mul(1.05);
    const tick = market.setPrice('BTCUSDT', target.plus('0.04'));
    const rounded = target.plus('0.04').toDecimalPlaces(1);
    expect(ticks).toEqual([tick]);
    expect(tick.lastPrice.toString()).toBe(rounded.toString());
    expect(tick.markPrice.toString()).toBe(rounded.toString());
    expect(tick.trade?.price.toString()).toBe(rounded.toString());
    expect(market.markPrice('BTCUSDT').toString()).toBe(rounded.toString());
    expect(market.currentCandle('BTCUSDT', 1).high.toString()).toBe(rounded.toString());
    expect(market.currentCandle('BTCUSDT', 1440).high.gte(rounded)).toBe(true);
    expect(market.recentTrades('BTCUSDT', 1)[0]).toBe(tick.trade);
    expect(market.indexPrice('BTCUSDT').minus(rounded).abs().lte(new Dec('0.3'))).toBe(true);
  });

  it('builds the forming 1m candle only from the trades that happened', () => {
    const { clock, market, ticks } = liveMarket();
    market.start();
    clock.advance(90_000);
    const minuteStart = Math.floor(clock.now() / 60_000) * 60_000;
    const forming = market.currentCandle('ETHUSDT', 1);
    const before = ticks.filter((tick) => tick.symbol === 'ETHUSDT' && tick.time < minuteStart).at(-1)!;
    const inMinute = ticks.filter((tick) => tick.symbol === 'ETHUSDT' && tick.time >= minuteStart);
    const prices = [before.lastPrice, ...inMinute.map((tick) => tick.lastPrice)];
    expect(forming.openTime * 1000).toBe(minuteStart);
    expect(forming.open.toString()).toBe(before.lastPrice.toString());
    expect(forming.close.toString()).toBe(inMinute.at(-1)!.lastPrice.toString());
    expect(forming.high.toString()).toBe(Dec.max(...prices).toString());
    expect(forming.low.toString()).toBe(Dec.min(...prices).toString());
    expect(forming.volume).toBe(inMinute.reduce((sum, tick) => sum + (tick.trade?.size ?? 0), 0));
  });

  it('replays the same live prices for the same seed', () => {
    const first = liveMarket(5);
    const second = liveMarket(5);
    for (const { clock, market } of [first, second]) {
      market.start();
      clock.advance(30_000);
    }
    expect(second.ticks.map((tick) => tick.lastPrice.toString())).toEqual(
      first.ticks.map((tick) => tick.lastPrice.toString()),
    );
  });
});

describe('SimulatedMarket book, trades, ticker and funding', () => {
  it('serves an uncrossed book one tick either side of the last price, sorted away from the touch', () => {
    const { clock, market } = liveMarket();
    market.start();
    clock.advance(5_000);
    for (const spec of market.contracts()) {
      const book = market.book(spec.symbol);
      const last = market.lastPrice(spec.symbol);
      expect(book.bids).toHaveLength(50);
      expect(book.asks).toHaveLength(50);
      expect(book.bids[0]!.price.toString()).toBe(last.minus(spec.tickSize).toString());
      expect(book.asks[0]!.price.toString()).toBe(last.plus(spec.tickSize).toString());
      for (let index = 1; index < 50; index++) {
        expect(book.bids[index]!.price.lt(book.bids[index - 1]!.price)).toBe(true);
        expect(book.asks[index]!.price.gt(book.asks[index - 1]!.price)).toBe(true);
      }
      expect([...book.bids, ...book.asks].every((level) => Number.isInteger(level.size) && level.size > 0)).toBe(true);
    }
    expect(market.book('BTCUSDT', 5).bids).toHaveLength(5);
  });

  it('keeps a bounded list of recent trades, newest first, with increasing numeric ids', () => {
    const { clock, market } = liveMarket();
    market.start();
    clock.advance(200_000);
    const trades = market.recentTrades('SOLUSDT', 1_000);
    expect(trades).toHaveLength(500);
    for (let index = 1; index < trades.length; index++) {
      expect(BigInt(trades[index - 1]!.tradeId) > BigInt(trades[index]!.tradeId)).toBe(true);
      expect(trades[index - 1]!.time).toBeGreaterThanOrEqual(trades[index]!.time);
    }
    expect(market.recentTrades('SOLUSDT', 3)).toHaveLength(3);
  });

  it('summarises the last 24 hours in the ticker', () => {
    const { clock, market } = liveMarket();
    market.start();
    clock.advance(60_000);
    const ticker = market.ticker('LTCUSDT');
    expect(ticker.lastPrice.toString()).toBe(market.lastPrice('LTCUSDT').toString());
    expect(ticker.bestBid.price.lt(ticker.bestAsk.price)).toBe(true);
    expect(ticker.high24h.gte(ticker.lastPrice) && ticker.low24h.lte(ticker.lastPrice)).toBe(true);
    expect(ticker.volume24h).toBeGreaterThan(0);
    expect(ticker.turnover24h.gt(0)).toBe(true);
    expect(ticker.openInterest).toBeGreaterThan(0);
    expect(ticker.change24h.abs().lt(1)).toBe(true);
  });

  it('announces small funding rates and the next 8-hour settlement', () => {
    const { market } = liveMarket();
    const funding = market.funding('BTCUSDT');
    expect(funding.nextFundingTime).toBe(Date.UTC(2026, 0, 1, 16));
    expect(funding.rate.abs().lte('0.0005')).toBe(true);
    expect(funding.expectedRate.abs().lte('0.0005')).toBe(true);
    expect(funding.upperLimit.toString()).toBe('0.0375');
    expect(funding.lowerLimit.toString()).toBe('-0.0375');
  });

  it('rejects an unknown symbol', () => {
    const { market } = liveMarket();
    expect(market.contract('FOOUSDT')).toBeUndefined();
    expect(() => market.lastPrice('FOOUSDT')).toThrow(RangeError);
  });
});
