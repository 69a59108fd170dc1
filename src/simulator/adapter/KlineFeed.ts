import type { MarketEvent } from '../../exchange/port/streams.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../exchange/port/types.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Market } from '../market/types.ts';
import { klineOf, stepOf } from './fromMarket.ts';

/**
 * The candles of one (symbol, timeframe) as stream events. A candle closes when the clock passes
 * its end, whether or not a tick came: a timer at each candle's end reports it, and a tick that
 * finds a newer candle reports every candle closed since (gaps backfilled), each exactly once.
 */
export class KlineFeed {
  readonly #market: Market;
  readonly #clock: Clock;
  readonly #symbol: string;
  readonly #timeframe: Timeframe;
  readonly #emit: (event: MarketEvent) => void;
  /** Open time (Unix s) of the forming candle last reported; earlier ones are closed and reported. */
  #formingOpenSec: number | undefined;
  #timer: TimerHandle | undefined;

  constructor(deps: {
    market: Market;
    clock: Clock;
    symbol: string;
    timeframe: Timeframe;
    emit: (event: MarketEvent) => void;
  }) {
    this.#market = deps.market;
    this.#clock = deps.clock;
    this.#symbol = deps.symbol;
    this.#timeframe = deps.timeframe;
    this.#emit = deps.emit;
  }

  /** Starts from the forming candle: candles closed before the start are history, not events. */
  start(): void {
    if (this.#formingOpenSec !== undefined) return;
    const forming = this.#market.currentCandle(this.#symbol, stepOf(this.#timeframe));
    this.#formingOpenSec = forming.openTime;
    this.#scheduleClose();
  }

  stop(): void {
    this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#formingOpenSec = undefined;
  }

  /** A price changed: report closed candles, then the forming one. */
  onTick(): void {
    if (this.#formingOpenSec === undefined) return;
    const forming = this.#rollOver();
    this.#emit({ type: 'kline', kline: klineOf(this.#symbol, this.#timeframe, forming) });
  }

  #rollOver() {
    const step = stepOf(this.#timeframe);
    const forming = this.#market.currentCandle(this.#symbol, step);
    const previous = this.#formingOpenSec;
    if (previous === undefined || forming.openTime <= previous) return forming;
    for (const candle of this.#market.klines(this.#symbol, step, previous, forming.openTime - 1)) {
      if (candle.openTime < previous || candle.openTime >= forming.openTime) continue;
      this.#emit({ type: 'kline_closed', kline: klineOf(this.#symbol, this.#timeframe, candle) });
    }
    this.#formingOpenSec = forming.openTime;
    this.#scheduleClose();
    return forming;
  }

  #scheduleClose(): void {
    this.#clock.clearTimer(this.#timer);
    if (this.#formingOpenSec === undefined) return;
    const closesAt = this.#formingOpenSec * 1000 + TIMEFRAME_MS[this.#timeframe];
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.onTick();
    }, closesAt - this.#clock.now());
  }
}
