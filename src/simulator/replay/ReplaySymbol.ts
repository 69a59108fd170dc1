import { Dec } from '../../platform/decimal/index.ts';
import { CandleAccumulator, ticksToPrice } from '../market/CandleAccumulator.ts';
import { FundingRates } from '../market/fundingRates.ts';
import { RecentTrades } from '../market/RecentTrades.ts';
import { deriveSeed, hashString } from '../market/SeededRandom.ts';
import { syntheticBook } from '../market/syntheticBook.ts';
import { bucketStart, firstBucketAtOrAfter, MINUTE_SECONDS } from '../market/timeGrid.ts';
import type {
  Candle,
  ContractSpec,
  FundingInfo,
  KlineStepMinutes,
  MarketTick,
  OrderBook,
  Ticker,
} from '../market/types.ts';
import {
  firstExtreme,
  nextLevelOnTheWay,
  PATH_OFFSETS_MS,
  type PathPoint,
  pathAfterOpen,
  type TickLevel,
} from './candlePath.ts';
import type { MinuteSeries } from './MinuteSeries.ts';

/** BitMart serves at most 500 candles per kline request (docs/reference/bitmart-wire.md#klines). */
const MAX_KLINES = 500;
const DAY_MINUTES = 1_440;

/** The next price the replay prints: a candle's open, a point of its path, or a level on the way. */
export interface Print {
  readonly timeMs: number;
  readonly ticks: number;
  readonly step: 'open' | 'point' | 'level';
}

export interface ReplaySymbolOptions {
  readonly spec: ContractSpec;
  readonly series: MinuteSeries;
  /** The clock's time when the replay starts: candles before it are history. */
  readonly startMs: number;
  readonly seed: number;
  /** Contracts at each level of the synthetic book's touch. */
  readonly touchSize: number;
  readonly nextTradeId: () => string;
}

/**
 * One symbol of a replay: recorded 1m candles walked along their path (`candlePath.ts`), one print
 * at a time, and everything a market answers about the symbol, from the candles closed before now
 * and the prints of the forming minute only: nothing of a candle is known before its prints.
 */
export class ReplaySymbol {
  readonly spec: ContractSpec;
  readonly #series: MinuteSeries;
  readonly #seed: number;
  readonly #symbolHash: number;
  readonly #touchSize: number;
  readonly #nextTradeId: () => string;
  readonly #trades = new RecentTrades(500);
  readonly #funding: FundingRates;
  readonly #fold = new CandleAccumulator();
  readonly #forming = new CandleAccumulator();
  /** The candle being walked; its path is chosen when the price first leaves the open. */
  #minute: number;
  #path: readonly PathPoint[] | undefined = [];
  #next = 0;
  /** The path point the current segment started from (nominal time): levels are placed on the straight line. */
  #segmentFrom = { timeMs: 0, ticks: 0 };
  #lastTicks: number;
  #lastPrintMs = Number.NEGATIVE_INFINITY;
  #dayCache: { minute: number; stats: CandleAccumulator } | undefined;

  constructor(options: ReplaySymbolOptions) {
    this.spec = options.spec;
    this.#series = options.series;
    this.#seed = options.seed;
    this.#symbolHash = hashString(options.spec.symbol);
    this.#touchSize = options.touchSize;
    this.#nextTradeId = options.nextTradeId;
    this.#funding = new FundingRates(options.seed, this.#symbolHash, options.spec.fundingIntervalHours);
    this.#minute = Math.max(0, options.series.indexAt(options.startMs)) - 1;
    this.#lastTicks = this.#minute >= 0 ? options.series.close(this.#minute) : options.series.candle(0).open;
  }

  get lastPrice(): Dec {
    return ticksToPrice(this.#lastTicks, this.spec.tickSize);
  }

  /** The next print given what waits on the venue now; undefined once the recorded candles are spent. */
  upcoming(nowMs: number, levels: readonly TickLevel[]): Print | undefined {
    const series = this.#series;
    if (this.#minute >= 0 && this.#minute < series.length) {
      const path =
        this.#path ?? pathAfterOpen(series.candle(this.#minute), firstExtreme(series.candle(this.#minute), levels));
      const target = path[this.#next];
      if (target) {
        const targetMs = series.openTimeOf(this.#minute) + target.offsetMs;
        const level = nextLevelOnTheWay(this.#lastTicks, target.ticks, levels);
        if (level === undefined)
          return { timeMs: this.#notBefore(targetMs, nowMs), ticks: target.ticks, step: 'point' };
        const from = this.#segmentFrom;
        const share = (level - from.ticks) / (target.ticks - from.ticks);
        const timeMs = from.timeMs + Math.floor((targetMs - from.timeMs) * share);
        return { timeMs: this.#notBefore(timeMs, nowMs), ticks: level, step: 'level' };
      }
    }
    const minute = this.#minute + 1;
    if (minute >= series.length) return undefined;
    return {
      timeMs: this.#notBefore(series.openTimeOf(minute), nowMs),
      ticks: series.candle(minute).open,
      step: 'open',
    };
  }

  /** Prints `print` (the last `upcoming`, given the same levels) at `nowMs`. */
  print(print: Print, nowMs: number, levels: readonly TickLevel[]): MarketTick {
    const series = this.#series;
    let volume = 0;
    if (print.step === 'open') {
      this.#minute += 1;
      this.#path = undefined;
      this.#next = 0;
      this.#segmentFrom = { timeMs: series.openTimeOf(this.#minute), ticks: print.ticks };
      this.#forming.reset();
      volume = series.candle(this.#minute).volume / PATH_OFFSETS_MS.length;
    } else {
      const candle = series.candle(this.#minute);
      // The path is fixed once the price leaves the open, with what waited on the venue then.
      this.#path ??= pathAfterOpen(candle, firstExtreme(candle, levels));
      if (print.step === 'point') {
        const point = this.#path[this.#next];
        this.#segmentFrom = { timeMs: series.openTimeOf(this.#minute) + (point?.offsetMs ?? 0), ticks: print.ticks };
        this.#next += 1;
        volume = candle.volume / PATH_OFFSETS_MS.length;
      }
    }
    this.#forming.add({ open: print.ticks, high: print.ticks, low: print.ticks, close: print.ticks, volume });
    return this.#printed(print.ticks, volume, nowMs);
  }

  /** An admin move (`setPrice`): the price jumps there now; the path goes on from it. */
  moveTo(ticks: number, nowMs: number): MarketTick {
    if (this.#minute === this.#series.indexAt(nowMs)) {
      this.#forming.add({ open: ticks, high: ticks, low: ticks, close: ticks, volume: 0 });
    }
    return this.#printed(ticks, 0, nowMs);
  }

  book(levels: number, nowMs: number): OrderBook {
    return syntheticBook({
      symbol: this.spec.symbol,
      lastTicks: this.#lastTicks,
      tickSize: this.spec.tickSize,
      levels: Math.max(0, Math.floor(levels)),
      time: nowMs,
      seed: deriveSeed(this.#seed, this.#symbolHash, 0xb00c, Math.floor(nowMs / 1000)),
      touchSize: this.#touchSize,
    });
  }

  ticker(nowMs: number): Ticker {
    const day = this.#lastDay(nowMs);
    const top = this.book(1, nowMs);
    const last = this.lastPrice;
    const tickSize = this.spec.tickSize;
    const open = day.empty ? this.#lastTicks : day.open;
    return {
      symbol: this.spec.symbol,
      lastPrice: last,
      markPrice: last,
      indexPrice: last,
      bestBid: top.bids[0] ?? { price: last, size: 0 },
      bestAsk: top.asks[0] ?? { price: last, size: 0 },
      high24h: ticksToPrice(day.empty ? this.#lastTicks : Math.max(day.high, this.#lastTicks), tickSize),
      low24h: ticksToPrice(day.empty ? this.#lastTicks : Math.min(day.low, this.#lastTicks), tickSize),
      volume24h: day.volume,
      turnover24h: new Dec(day.turnoverTicks).mul(tickSize).mul(this.spec.contractSize).toDecimalPlaces(4),
      change24h: new Dec(this.#lastTicks - open).div(open).toDecimalPlaces(6),
      openInterest: 0,
    };
  }

  funding(nowMs: number): FundingInfo {
    return this.#funding.info(this.spec.symbol, nowMs);
  }

  recentTrades(limit: number): ReturnType<RecentTrades['newest']> {
    return this.#trades.newest(limit);
  }

  /** Candles opening in [startSec, endSec], the latest 500: closed ones as recorded, the forming one as printed so far. */
  klines(step: KlineStepMinutes, startSec: number, endSec: number, nowMs: number): Candle[] {
    const nowSec = Math.floor(nowMs / 1000);
    const stepSeconds = step * MINUTE_SECONDS;
    const last = Math.min(bucketStart(endSec, step), bucketStart(nowSec, step));
    // Only whole buckets: one that began before the recording would be an incomplete candle.
    let first = Math.max(firstBucketAtOrAfter(startSec, step), firstBucketAtOrAfter(this.#series.startMs / 1000, step));
    first = Math.max(first, last - (MAX_KLINES - 1) * stepSeconds);
    const candles: Candle[] = [];
    for (let openTime = first; openTime <= last; openTime += stepSeconds) {
      const fold = this.#aggregate(openTime * 1000, (openTime + stepSeconds) * 1000, nowMs);
      if (!fold.empty) candles.push(fold.toCandle(openTime, this.spec.tickSize));
    }
    return candles;
  }

  currentCandle(step: KlineStepMinutes, nowMs: number): Candle {
    const openTime = bucketStart(Math.floor(nowMs / 1000), step);
    const fold = this.#aggregate(openTime * 1000, (openTime + step * MINUTE_SECONDS) * 1000, nowMs);
    if (fold.empty)
      fold.add({
        open: this.#lastTicks,
        high: this.#lastTicks,
        low: this.#lastTicks,
        close: this.#lastTicks,
        volume: 0,
      });
    return fold.toCandle(openTime, this.spec.tickSize);
  }

  /** Latest print no earlier than its predecessor + 1 ms: each print is its own moment on the clock. */
  #notBefore(timeMs: number, nowMs: number): number {
    return Math.max(timeMs, nowMs, this.#lastPrintMs + 1);
  }

  #printed(ticks: number, volume: number, nowMs: number): MarketTick {
    const previous = this.#lastTicks;
    this.#lastTicks = ticks;
    this.#lastPrintMs = nowMs;
    const lastPrice = this.lastPrice;
    const trade =
      volume > 0
        ? {
            tradeId: this.#nextTradeId(),
            symbol: this.spec.symbol,
            price: lastPrice,
            size: volume,
            buyerIsMaker: ticks < previous,
            time: nowMs,
          }
        : undefined;
    if (trade) this.#trades.push(trade);
    return { symbol: this.spec.symbol, time: nowMs, lastPrice, markPrice: lastPrice, trade };
  }

  /** Minutes in [fromMs, toMs): recorded while closed, the forming one as printed so far, nothing later. */
  #aggregate(fromMs: number, toMs: number, nowMs: number): CandleAccumulator {
    const fold = this.#fold;
    fold.reset();
    const series = this.#series;
    const now = series.indexAt(nowMs);
    const end = Math.min(series.indexAt(toMs - 1) + 1, series.length, now + 1);
    for (let minute = Math.max(0, series.indexAt(fromMs)); minute < end; minute++) {
      if (minute < now) fold.add(series.candle(minute));
      else if (minute === this.#minute && !this.#forming.empty) fold.add(this.#formingCandle());
    }
    return fold;
  }

  #formingCandle() {
    const forming = this.#forming;
    return { open: forming.open, high: forming.high, low: forming.low, close: forming.close, volume: forming.volume };
  }

  /** The last 24 hours of minutes: the closed part folded once per minute, the forming minute on top. */
  #lastDay(nowMs: number): DayStats {
    const series = this.#series;
    const now = series.indexAt(nowMs);
    if (this.#dayCache?.minute !== now) {
      const stats = new CandleAccumulator();
      for (let minute = Math.max(0, now - DAY_MINUTES); minute < Math.min(now, series.length); minute++) {
        stats.add(series.candle(minute));
      }
      this.#dayCache = { minute: now, stats };
    }
    const closed = this.#dayCache.stats;
    const forming = this.#minute === now && !this.#forming.empty ? this.#forming : undefined;
    if (closed.empty && !forming) return { empty: true, open: 0, high: 0, low: 0, volume: 0, turnoverTicks: 0 };
    if (!forming) return { empty: false, ...statsOf(closed) };
    if (closed.empty) return { empty: false, ...statsOf(forming) };
    return {
      empty: false,
      open: closed.open,
      high: Math.max(closed.high, forming.high),
      low: Math.min(closed.low, forming.low),
      volume: closed.volume + forming.volume,
      turnoverTicks: closed.turnoverTicks + forming.turnoverTicks,
    };
  }
}

interface DayStats {
  readonly empty: boolean;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  readonly turnoverTicks: number;
}

function statsOf(fold: CandleAccumulator): Omit<DayStats, 'empty'> {
  return { open: fold.open, high: fold.high, low: fold.low, volume: fold.volume, turnoverTicks: fold.turnoverTicks };
}
