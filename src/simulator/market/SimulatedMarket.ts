import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import { CONTRACT_CATALOG } from './contractCatalog.ts';
import type { NodeCache } from './HistoryTree.ts';
import { LruCache } from './LruCache.ts';
import { SymbolMarket } from './SymbolMarket.ts';
import { isKlineStep } from './timeGrid.ts';
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
} from './types.ts';

export interface MarketOptions {
  /** Same seed, same start time → the same history and, step for step, the same live prices. */
  readonly seed: number;
  readonly clock: Clock;
  /** Milliseconds between steps of the live process; 250 by default. */
  readonly tickMs?: number;
  /** Generated nodes kept in memory (each holds up to 6 small candles); 20 000 by default. */
  readonly nodeCacheCapacity?: number;
  /** Days of generated daily candles ending at the start day; 400 by default (≥ 365 before the start). */
  readonly historyDays?: number;
  /** The listed contracts; `CONTRACT_CATALOG` by default. */
  readonly contracts?: readonly ContractSpec[];
}

const TRADE_ID_BASE = 1_000_000_000;

/**
 * The market side of the simulator. History is generated lazily from the seed; from the moment of
 * construction, a live process steps every `tickMs` of the injected clock once `start()` is called.
 * Ticks go to listeners synchronously, in registration order; a listener that throws stops the
 * fan-out of that tick and surfaces to the caller (the clock), on purpose: a broken engine must not
 * be hidden.
 */
export class SimulatedMarket implements Market {
  readonly #clock: Clock;
  readonly #tickMs: number;
  readonly #cache: NodeCache;
  readonly #contracts: readonly ContractSpec[];
  readonly #symbols = new Map<string, SymbolMarket>();
  #listeners: readonly ((tick: MarketTick) => void)[] = [];
  #timer: TimerHandle | undefined;
  #paused = false;
  #lastTradeId = TRADE_ID_BASE;

  constructor(options: MarketOptions) {
    this.#clock = options.clock;
    this.#tickMs = options.tickMs ?? 250;
    if (!(this.#tickMs > 0)) throw new RangeError(`tickMs must be positive, got ${options.tickMs}`);
    this.#cache = new LruCache(options.nodeCacheCapacity ?? 20_000);
    this.#contracts = options.contracts ?? CONTRACT_CATALOG;
    const startMs = this.#clock.now();
    const nextTradeId = () => String(++this.#lastTradeId);
    this.#contracts.forEach((spec, symbolIndex) => {
      const market = new SymbolMarket({
        spec,
        symbolIndex,
        seed: options.seed,
        startMs,
        tickMs: this.#tickMs,
        historyDays: options.historyDays ?? 400,
        cache: this.#cache,
        nextTradeId,
      });
      this.#symbols.set(spec.symbol, market);
    });
  }

  /** Generated nodes currently cached (never above the capacity). */
  get nodeCacheSize(): number {
    return this.#cache.size;
  }

  get nodeCacheCapacity(): number {
    return this.#cache.capacity;
  }

  get paused(): boolean {
    return this.#paused;
  }

  contracts(): readonly ContractSpec[] {
    return this.#contracts;
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
    return this.#symbol(symbol).indexPrice(this.#clock.now());
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
    // Copy on write: a listener that unsubscribes during a fan-out does not disturb it.
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((registered) => registered !== listener);
    };
  }

  setPrice(symbol: string, price: Dec): MarketTick {
    const tick = this.#symbol(symbol).setPrice(price, this.#clock.now());
    this.#emit(tick);
    return tick;
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = this.#clock.setInterval(() => this.#step(), this.#tickMs);
  }

  stop(): void {
    this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  #step(): void {
    if (this.#paused) return;
    const now = this.#clock.now();
    for (const market of this.#symbols.values()) this.#emit(market.step(now));
  }

  #emit(tick: MarketTick): void {
    for (const listener of this.#listeners) listener(tick);
  }

  #symbol(symbol: string): SymbolMarket {
    const market = this.#symbols.get(symbol);
    if (!market) throw new RangeError(`unknown symbol ${symbol}`);
    return market;
  }
}
