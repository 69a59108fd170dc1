import { Dec, roundToStep } from '../../platform/decimal/index.ts';
import { ticksToPrice } from './CandleAccumulator.ts';
import { typicalDailyVolume } from './contractCatalog.ts';
import { FundingRates } from './fundingRates.ts';
import { HistoryTree, type NodeCache } from './HistoryTree.ts';
import { type CrowdPrint, LivePriceProcess } from './LivePriceProcess.ts';
import { RecentTrades } from './RecentTrades.ts';
import { deriveSeed, hashString, SeededRandom } from './SeededRandom.ts';
import { SymbolCandles } from './SymbolCandles.ts';
import { syntheticBook } from './syntheticBook.ts';
import { floorTo, MINUTE_SECONDS } from './timeGrid.ts';
import type { Candle, ContractSpec, FundingInfo, KlineStepMinutes, MarketTick, OrderBook, Ticker } from './types.ts';

export interface SymbolMarketOptions {
  readonly spec: ContractSpec;
  readonly symbolIndex: number;
  readonly seed: number;
  readonly startMs: number;
  readonly tickMs: number;
  readonly historyDays: number;
  readonly cache: NodeCache;
  readonly nextTradeId: () => string;
}

const INDEX_BASIS_TICKS = 3;
const INDEX_BASIS_PERIOD_MS = 5_000;

/**
 * Everything the market knows about one contract: its candles, its live price, the crowd's trades,
 * a synthetic book, funding. The mark price IS the last price (no smoothing), so that a trigger on
 * the mark fires exactly when an admin `setPrice` reaches it; the index price is the last price
 * plus a seeded basis of at most 3 ticks that changes every 5 s.
 */
export class SymbolMarket {
  readonly spec: ContractSpec;
  readonly #seed: number;
  readonly #symbolHash: number;
  readonly #dailyVolume: number;
  readonly #candles: SymbolCandles;
  readonly #process: LivePriceProcess;
  readonly #trades = new RecentTrades(500);
  readonly #funding: FundingRates;
  readonly #nextTradeId: () => string;
  #lastPrice: Dec;

  constructor(options: SymbolMarketOptions) {
    const spec = options.spec;
    this.spec = spec;
    this.#seed = options.seed;
    this.#symbolHash = hashString(spec.symbol);
    this.#dailyVolume = typicalDailyVolume(spec);
    this.#nextTradeId = options.nextTradeId;
    const history = new HistoryTree({
      seed: options.seed,
      symbolIndex: options.symbolIndex,
      symbolHash: this.#symbolHash,
      endSec: floorTo(Math.floor(options.startMs / 1000), MINUTE_SECONDS),
      days: options.historyDays,
      referenceTicks: spec.referencePrice.div(spec.tickSize).round().toNumber(),
      annualVolatility: spec.annualVolatility,
      dailyVolume: this.#dailyVolume,
      cache: options.cache,
    });
    this.#candles = new SymbolCandles(history, spec.tickSize);
    this.#process = new LivePriceProcess({
      seed: deriveSeed(options.seed, this.#symbolHash, 0x11fe),
      startTicks: this.#candles.historyClose,
      annualVolatility: spec.annualVolatility,
      tickMs: options.tickMs,
      dailyVolume: this.#dailyVolume,
    });
    this.#funding = new FundingRates(options.seed, this.#symbolHash, spec.fundingIntervalHours);
    this.#lastPrice = ticksToPrice(this.#process.priceTicks, spec.tickSize);
  }

  get lastPrice(): Dec {
    return this.#lastPrice;
  }

  indexPrice(nowMs: number): Dec {
    const random = new SeededRandom(
      deriveSeed(this.#seed, this.#symbolHash, 0x1dec, Math.floor(nowMs / INDEX_BASIS_PERIOD_MS)),
    );
    const ticks = Math.max(1, this.#process.priceTicks + random.integer(-INDEX_BASIS_TICKS, INDEX_BASIS_TICKS));
    return ticksToPrice(ticks, this.spec.tickSize);
  }

  /** One step of the live process. */
  step(nowMs: number): MarketTick {
    return this.#print(this.#process.step(), nowMs);
  }

  /** Moves the price to `price` rounded to the tick (at least one tick). */
  setPrice(price: Dec, nowMs: number): MarketTick {
    const ticks = Math.max(1, roundToStep(price, this.spec.tickSize).div(this.spec.tickSize).toNumber());
    return this.#print(this.#process.moveTo(ticks), nowMs);
  }

  book(levels: number, nowMs: number): OrderBook {
    return syntheticBook({
      symbol: this.spec.symbol,
      lastTicks: this.#process.priceTicks,
      tickSize: this.spec.tickSize,
      levels: Math.max(0, Math.floor(levels)),
      time: nowMs,
      seed: deriveSeed(this.#seed, this.#symbolHash, 0xb00c, Math.floor(nowMs / 1000)),
      touchSize: Math.max(1, Math.round(this.#dailyVolume / 30_000)),
    });
  }

  ticker(nowMs: number): Ticker {
    const day = this.#candles.lastDay(nowMs);
    const top = this.book(1, nowMs);
    const tickSize = this.spec.tickSize;
    const lastTicks = this.#process.priceTicks;
    const hour = Math.floor(nowMs / 3_600_000);
    const openInterestNoise = new SeededRandom(deriveSeed(this.#seed, this.#symbolHash, 0x0135, hour)).uniform();
    return {
      symbol: this.spec.symbol,
      lastPrice: this.#lastPrice,
      markPrice: this.#lastPrice,
      indexPrice: this.indexPrice(nowMs),
      bestBid: top.bids[0] ?? { price: this.#lastPrice, size: 0 },
      bestAsk: top.asks[0] ?? { price: this.#lastPrice, size: 0 },
      high24h: ticksToPrice(Math.max(day.high, lastTicks), tickSize),
      low24h: ticksToPrice(Math.min(day.low, lastTicks), tickSize),
      volume24h: day.volume,
      turnover24h: new Dec(day.turnoverTicks).mul(tickSize).mul(this.spec.contractSize).toDecimalPlaces(4),
      change24h: new Dec(lastTicks - day.open).div(day.open).toDecimalPlaces(6),
      openInterest: Math.round(this.#dailyVolume * (0.3 + 0.1 * openInterestNoise)),
    };
  }

  funding(nowMs: number): FundingInfo {
    return this.#funding.info(this.spec.symbol, nowMs);
  }

  recentTrades(limit: number): ReturnType<RecentTrades['newest']> {
    return this.#trades.newest(limit);
  }

  klines(step: KlineStepMinutes, startSec: number, endSec: number, nowMs: number): Candle[] {
    return this.#candles.klines(step, startSec, endSec, nowMs);
  }

  currentCandle(step: KlineStepMinutes, nowMs: number): Candle {
    return this.#candles.current(step, nowMs, this.#process.priceTicks);
  }

  #print(print: CrowdPrint, nowMs: number): MarketTick {
    this.#candles.record(nowMs, print.priceTicks, print.size);
    this.#lastPrice = ticksToPrice(print.priceTicks, this.spec.tickSize);
    const trade = {
      tradeId: this.#nextTradeId(),
      symbol: this.spec.symbol,
      price: this.#lastPrice,
      size: print.size,
      buyerIsMaker: print.buyerIsMaker,
      time: nowMs,
    };
    this.#trades.push(trade);
    return { symbol: this.spec.symbol, time: nowMs, lastPrice: this.#lastPrice, markPrice: this.#lastPrice, trade };
  }
}
