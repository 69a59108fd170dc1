import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import { type Dec, roundToStep } from '../../platform/decimal/index.ts';
import { isKlineStep } from '../market/timeGrid.ts';
import type {
  Candle,
  ContractSpec,
  FundingInfo,
  KlineStepMinutes,
  Market,
  MarketTick,
  MarketTrade,
  OrderBook,
  Ticker,
  Unsubscribe,
} from '../market/types.ts';
import type { TickLevel } from './candlePath.ts';
import type { MinuteSeries } from './MinuteSeries.ts';
import { type Print, ReplaySymbol } from './ReplaySymbol.ts';

/** A price where something acts: a stop, a target, a resting limit, or a watcher's band before a trigger. */
export interface PriceLevel {
  readonly price: Dec;
  readonly kind: TickLevel['kind'];
}

export interface ReplayMarketOptions {
  readonly clock: Clock;
  /** Each listed contract with its recorded 1m candles (`MinuteSeries.of`, or a builder fed page by page). */
  readonly symbols: readonly { readonly spec: ContractSpec; readonly series: MinuteSeries }[];
  /** Seeds the synthetic book and the funding rates; 0 by default. */
  readonly seed?: number;
  /** Contracts at the touch of the synthetic book; 100,000 by default (orders are small against the market). */
  readonly touchSize?: number;
  /**
   * What waits on the venue per symbol, read before each print: the price stops at each level on its
   * way, as a continuous market would, so a stop fills at its trigger and not at the next extreme.
   */
  readonly levels?: (symbol: string) => readonly PriceLevel[];
}

const TRADE_ID_BASE = 1_000_000_000;

/**
 * The simulator's market from recorded candles instead of the seeded process
 * (docs/decisions/0026-backtests.md): the same `Market` the engine and the adapters read, so the
 * venue a backtest trades on is the one paper trading uses, with history in place of the random
 * walk. Each candle is replayed as prints along its path on the injected clock, one print per
 * moment; the candles before the clock's start are history, served closed.
 */
export class ReplayMarket implements Market {
  readonly #clock: Clock;
  readonly #symbols = new Map<string, ReplaySymbol>();
  readonly #levels: (symbol: string) => readonly PriceLevel[];
  #listeners: readonly ((tick: MarketTick) => void)[] = [];
  #timer: TimerHandle | undefined;
  #timerAt: number | undefined;
  #started = false;
  #paused = false;
  #lastTradeId = TRADE_ID_BASE;

  constructor(options: ReplayMarketOptions) {
    this.#clock = options.clock;
    this.#levels = options.levels ?? (() => []);
    const startMs = options.clock.now();
    for (const { spec, series } of options.symbols) {
      this.#symbols.set(
        spec.symbol,
        new ReplaySymbol({
          spec,
          series,
          startMs,
          seed: options.seed ?? 0,
          touchSize: options.touchSize ?? 100_000,
          nextTradeId: () => String(++this.#lastTradeId),
        }),
      );
    }
  }

  get paused(): boolean {
    return this.#paused;
  }

  contracts(): readonly ContractSpec[] {
    return [...this.#symbols.values()].map((symbol) => symbol.spec);
  }

  contract(symbol: string): ContractSpec | undefined {
    return this.#symbols.get(symbol)?.spec;
  }

  lastPrice(symbol: string): Dec {
    return this.#symbol(symbol).lastPrice;
  }

  markPrice(symbol: string): Dec {
    return this.#symbol(symbol).lastPrice;
  }

  indexPrice(symbol: string): Dec {
    return this.#symbol(symbol).lastPrice;
  }

  book(symbol: string, levels = 50): OrderBook {
    return this.#symbol(symbol).book(levels, this.#clock.now());
  }

  ticker(symbol: string): Ticker {
    return this.#symbol(symbol).ticker(this.#clock.now());
  }

  funding(symbol: string): FundingInfo {
    return this.#symbol(symbol).funding(this.#clock.now());
  }

  recentTrades(symbol: string, limit: number): readonly MarketTrade[] {
    return this.#symbol(symbol).recentTrades(limit);
  }

  klines(symbol: string, step: KlineStepMinutes, startSec: number, endSec: number): readonly Candle[] {
    if (!isKlineStep(step)) throw new RangeError(`unsupported kline step ${step}`);
    return this.#symbol(symbol).klines(step, startSec, endSec, this.#clock.now());
  }

  currentCandle(symbol: string, step: KlineStepMinutes): Candle {
    if (!isKlineStep(step)) throw new RangeError(`unsupported kline step ${step}`);
    return this.#symbol(symbol).currentCandle(step, this.#clock.now());
  }

  onTick(listener: (tick: MarketTick) => void): Unsubscribe {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((registered) => registered !== listener);
    };
  }

  setPrice(symbol: string, price: Dec): MarketTick {
    const replay = this.#symbol(symbol);
    const ticks = Math.max(1, roundToStep(price, replay.spec.tickSize).div(replay.spec.tickSize).toNumber());
    const tick = replay.moveTo(ticks, this.#clock.now());
    this.#emit(tick);
    this.refreshNextPrint();
    return tick;
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.refreshNextPrint();
  }

  start(): void {
    this.#started = true;
    this.refreshNextPrint();
  }

  stop(): void {
    this.#started = false;
    this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#timerAt = undefined;
  }

  /**
   * Sets the timer of the next print from what waits on the venue now. The replay's driver calls it
   * once everything the last moment set off has settled: an order placed since then may lie on the way.
   */
  refreshNextPrint(): void {
    if (!this.#started) return;
    const next = this.#paused ? undefined : this.#earliest()?.print.timeMs;
    if (next === this.#timerAt) return;
    this.#clock.clearTimer(this.#timer);
    this.#timerAt = next;
    this.#timer =
      next === undefined ? undefined : this.#clock.setTimeout(() => this.#printDue(), next - this.#clock.now());
  }

  /** When the replay has nothing left to print: the last recorded candle's path is done. */
  get finished(): boolean {
    return this.#earliest() === undefined;
  }

  #printDue(): void {
    this.#timer = undefined;
    this.#timerAt = undefined;
    const now = this.#clock.now();
    for (const replay of this.#symbols.values()) {
      const levels = this.#tickLevels(replay);
      const print = replay.upcoming(now, levels);
      if (print && print.timeMs <= now) this.#emit(replay.print(print, now, levels));
    }
    this.refreshNextPrint();
  }

  #earliest(): { replay: ReplaySymbol; print: Print } | undefined {
    let best: { replay: ReplaySymbol; print: Print } | undefined;
    const now = this.#clock.now();
    for (const replay of this.#symbols.values()) {
      const print = replay.upcoming(now, this.#tickLevels(replay));
      if (print && (!best || print.timeMs < best.print.timeMs)) best = { replay, print };
    }
    return best;
  }

  #tickLevels(replay: ReplaySymbol): TickLevel[] {
    const tickSize = replay.spec.tickSize;
    return this.#levels(replay.spec.symbol).map((level) => ({
      ticks: level.price.div(tickSize).toNumber(),
      kind: level.kind,
    }));
  }

  #emit(tick: MarketTick): void {
    for (const listener of this.#listeners) listener(tick);
  }

  #symbol(symbol: string): ReplaySymbol {
    const replay = this.#symbols.get(symbol);
    if (!replay) throw new RangeError(`unknown symbol ${symbol}`);
    return replay;
  }
}
