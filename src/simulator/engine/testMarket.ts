import type { Clock } from '../../platform/clock/index.ts';
import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import { CONTRACT_CATALOG } from '../market/contractCatalog.ts';
import type {
  Candle,
  ContractSpec,
  FundingInfo,
  Market,
  MarketTick,
  MarketTrade,
  OrderBook,
  Ticker,
} from '../market/types.ts';

const EIGHT_HOURS = 8 * 3_600_000;

/**
 * A deterministic market for the engine's tests: the book is `levelSizes` contracts one tick
 * apart on each side of the last price, the mark follows the last price unless set, and the
 * funding rate is whatever the test says. Hand-computed examples need exactly this control.
 */
export class TestMarket implements Market {
  levelSizes: number[] = [10, 20, 30, 40, 50];
  fundingRate = new Dec('0.0001');
  readonly #clock: Clock;
  readonly #last = new Map<string, Dec>();
  readonly #mark = new Map<string, Dec>();
  readonly #listeners = new Set<(tick: MarketTick) => void>();

  constructor(clock: Clock) {
    this.#clock = clock;
    for (const spec of CONTRACT_CATALOG) this.#last.set(spec.symbol, spec.referencePrice);
  }

  contracts(): readonly ContractSpec[] {
    return CONTRACT_CATALOG;
  }
  contract(symbol: string): ContractSpec | undefined {
    return CONTRACT_CATALOG.find((spec) => spec.symbol === symbol);
  }
  lastPrice(symbol: string): Dec {
    return this.#last.get(symbol) as Dec;
  }
  markPrice(symbol: string): Dec {
    return this.#mark.get(symbol) ?? this.lastPrice(symbol);
  }
  indexPrice(symbol: string): Dec {
    return this.markPrice(symbol);
  }
  book(symbol: string, levels = 50): OrderBook {
    const tick = (this.contract(symbol) as ContractSpec).tickSize;
    const last = this.lastPrice(symbol);
    const sizes = this.levelSizes.slice(0, levels);
    return {
      symbol,
      bids: sizes.map((size, i) => ({ price: last.minus(tick.mul(i + 1)), size })),
      asks: sizes.map((size, i) => ({ price: last.plus(tick.mul(i + 1)), size })),
      time: this.#clock.now(),
    };
  }
  ticker(symbol: string): Ticker {
    const book = this.book(symbol, 1);
    const last = this.lastPrice(symbol);
    return {
      symbol,
      lastPrice: last,
      markPrice: this.markPrice(symbol),
      indexPrice: this.markPrice(symbol),
      bestBid: book.bids[0] ?? { price: last, size: 0 },
      bestAsk: book.asks[0] ?? { price: last, size: 0 },
      high24h: last,
      low24h: last,
      volume24h: 0,
      turnover24h: new Dec(0),
      change24h: new Dec(0),
      openInterest: 0,
    };
  }
  funding(symbol: string): FundingInfo {
    const next = (Math.floor(this.#clock.now() / EIGHT_HOURS) + 1) * EIGHT_HOURS;
    const rate = this.fundingRate;
    return { symbol, rate, expectedRate: rate, nextFundingTime: next, upperLimit: rate, lowerLimit: rate };
  }
  recentTrades(): readonly MarketTrade[] {
    return [];
  }
  klines(): readonly Candle[] {
    return [];
  }
  currentCandle(symbol: string): Candle {
    const last = this.lastPrice(symbol);
    return { openTime: 0, open: last, high: last, low: last, close: last, volume: 0 };
  }
  onTick(listener: (tick: MarketTick) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  setPrice(symbol: string, price: Dec, mark?: Dec): MarketTick {
    const tick = (this.contract(symbol) as ContractSpec).tickSize;
    this.#last.set(symbol, roundToStep(price, tick));
    if (mark) this.#mark.set(symbol, mark);
    else this.#mark.delete(symbol);
    const event: MarketTick = {
      symbol,
      time: this.#clock.now(),
      lastPrice: this.lastPrice(symbol),
      markPrice: this.markPrice(symbol),
      trade: undefined,
    };
    for (const listener of this.#listeners) listener(event);
    return event;
  }
  pause(): void {}
  resume(): void {}
  readonly paused = true;
  start(): void {}
  stop(): void {}
}
