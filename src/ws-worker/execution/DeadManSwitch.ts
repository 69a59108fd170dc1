import type { TradingRest } from '../../exchange/port/FuturesExchange.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';

export interface DeadManSwitchOptions {
  readonly exchange: Pick<TradingRest, 'cancelAllAfter'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The venue cancels the symbol's open orders this long after the last refresh; default 60 s. */
  readonly timeoutSeconds?: number;
  /** Refresh period; default 20 s, so two refreshes can be lost before the venue acts. */
  readonly refreshMs?: number;
}

/**
 * BitMart's `cancel-all-after` per symbol, armed only while this worker has live entry orders on
 * that symbol: if the worker dies, its resting maker entries are canceled within a minute instead of
 * filling hours later with nobody watching. It cancels EVERY open order of the symbol
 * (docs/reference/original-system.md#bug-cancel-all-after): that is why positions are protected by preset TP/SL, which
 * the venue keeps as plan orders (untouched by cancel-all-after, in the simulator as on BitMart), never by resting
 * limit orders, and why it is disabled (0) as soon as no entry is live, so another tool's limit orders on the
 * symbol are exposed to it only while an entry rests.
 *
 * `stop()` leaves the switch armed on purpose: a worker that does not come back within the timeout
 * has its entries canceled, and the restarted worker re-arms it and reconciles what was canceled.
 */
export class DeadManSwitch {
  readonly #exchange: Pick<TradingRest, 'cancelAllAfter'>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #timeoutSeconds: number;
  readonly #refreshMs: number;
  readonly #armed = new Map<string, TimerHandle>();
  /** Per symbol: the timeout the venue should have, and whether a call is on its way. */
  readonly #wanted = new Map<string, number>();
  readonly #sending = new Set<string>();

  constructor(options: DeadManSwitchOptions) {
    this.#exchange = options.exchange;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#timeoutSeconds = options.timeoutSeconds ?? 60;
    this.#refreshMs = options.refreshMs ?? 20_000;
  }

  /** Arms or disarms the symbol's switch after its count of live entry orders changed. */
  update(symbol: string, liveEntries: number): void {
    const armed = this.#armed.has(symbol);
    if (liveEntries > 0 && !armed) {
      this.#armed.set(
        symbol,
        this.#clock.setInterval(() => this.#call(symbol, this.#timeoutSeconds), this.#refreshMs),
      );
      this.#call(symbol, this.#timeoutSeconds);
    } else if (liveEntries === 0 && armed) {
      this.#clock.clearTimer(this.#armed.get(symbol));
      this.#armed.delete(symbol);
      this.#call(symbol, 0);
    }
  }

  armedSymbols(): readonly string[] {
    return [...this.#armed.keys()];
  }

  stop(): void {
    for (const handle of this.#armed.values()) this.#clock.clearTimer(handle);
    this.#armed.clear();
  }

  /**
   * One call per symbol on its way at a time, and only the latest wish is sent after it: an arm can
   * never land after the disarm that followed it, and a burst of arm/disarm flips costs at most two
   * calls of BitMart's small budget (4 per 2 s) instead of queueing behind the rate limiter.
   */
  #call(symbol: string, timeoutSeconds: number): void {
    this.#wanted.set(symbol, timeoutSeconds);
    if (this.#sending.has(symbol)) return;
    this.#sending.add(symbol);
    void this.#send(symbol, timeoutSeconds);
  }

  async #send(symbol: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.#exchange.cancelAllAfter(symbol, timeoutSeconds);
      this.#logger.debug({ symbol, timeoutSeconds }, 'dead-man switch set');
    } catch (error) {
      this.#logger.warn({ err: error, symbol, timeoutSeconds }, 'dead-man switch refresh failed');
    }
    const wanted = this.#wanted.get(symbol);
    if (wanted !== undefined && wanted !== timeoutSeconds) {
      void this.#send(symbol, wanted);
      return;
    }
    this.#sending.delete(symbol);
    this.#wanted.delete(symbol);
  }
}
