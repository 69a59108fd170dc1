import type { Order, TradingRest, Unsubscribe, UserStream } from '../../exchange/port/index.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ToldOrders } from '../signals/ToldOrders.ts';

/** Venue times and ours differ a little, and an event may still be on its way: read back this far before the watermark. */
export const WATERMARK_MARGIN_MS = 5 * 60_000;
/** With no record yet (a first start, an upgrade) the app is told the last day's orders. */
export const FIRST_LOOKBACK_MS = 24 * 3_600_000;
/** A catch-up that could not read the venue is tried again after this long. */
const RETRY_AFTER_MS = 30_000;
/** The record is written (and the watermark moved while the stream is whole) this often. */
const PERSIST_EVERY_MS = 5_000;
/** BitMart answers at most 200 history rows; older pages are read by moving the window's end. */
const HISTORY_PAGE_ROWS = 200;
const MAX_HISTORY_PAGES = 10;

export interface MissedSignalsOptions {
  readonly exchange: TradingRest;
  readonly userStream: UserStream;
  readonly told: ToldOrders;
  /** The forwarder's path: the same signal and trace id as a stream event of that state. */
  readonly forwardOrder: (order: Order) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Tells the app what happened while the worker could not see (docs/decisions/0014): at start and
 * after every private-stream resync it compares the venue (open orders, and the order history of
 * each relevant symbol since the watermark) with what the app was last told (`ToldOrders`), and
 * sends a signal for each difference: orders canceled or filled meanwhile, orders submitted
 * meanwhile (by another tool too), the venue's own closes (a preset stop, a liquidation). Trace
 * ids are those of the stream path, so a state already told is a duplicate the app drops.
 */
export class MissedSignals {
  readonly #options: MissedSignalsOptions;
  #unsubscribe: Unsubscribe | undefined;
  #persistTimer: TimerHandle | undefined;
  #retryTimer: TimerHandle | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  /** True once a catch-up succeeded and the stream has not dropped since: the stream tells all. */
  #whole = false;

  constructor(options: MissedSignalsOptions) {
    this.#options = options;
  }

  /** Follows the private stream's status and keeps the record on disk; call `catchUp()` once started. */
  start(): void {
    if (this.#unsubscribe) return;
    const { userStream, clock } = this.#options;
    this.#unsubscribe = userStream.onStatus((event) => {
      if (event.type === 'disconnected') this.#whole = false;
      else if (event.type === 'resynced') void this.catchUp();
    });
    this.#persistTimer = clock.setInterval(() => void this.#persist(), PERSIST_EVERY_MS);
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#options.clock.clearTimer(this.#persistTimer);
    this.#options.clock.clearTimer(this.#retryTimer);
    this.#persistTimer = undefined;
    this.#retryTimer = undefined;
    this.#again = false;
    await this.#running;
    await this.#persist();
  }

  /** One comparison at a time; a resync during one asks for another after it. Never rejects. */
  catchUp(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#options.clock.clearTimer(this.#retryTimer);
    this.#retryTimer = undefined;
    const running = this.#compare()
      .then(
        () => {
          this.#whole = true;
        },
        (error: unknown) => {
          this.#whole = false;
          this.#options.logger.warn({ err: error }, 'could not tell the app what it missed; will try again');
          if (this.#unsubscribe) {
            this.#retryTimer = this.#options.clock.setTimeout(() => void this.catchUp(), RETRY_AFTER_MS);
          }
        },
      )
      .finally(() => {
        this.#running = undefined;
        if (this.#again && this.#unsubscribe) {
          this.#again = false;
          void this.catchUp();
        }
      });
    this.#running = running;
    return running;
  }

  async #compare(): Promise<void> {
    const { exchange, told, clock, logger, forwardOrder } = this.#options;
    const startedAt = clock.now();
    const since = told.watermark === undefined ? startedAt - FIRST_LOOKBACK_MS : told.watermark - WATERMARK_MARGIN_MS;
    const [open, positions] = await Promise.all([exchange.openOrders(), exchange.positions()]);
    const believedOpen = told.open();
    const symbols = new Set([
      ...told.symbols(),
      ...open.map((order) => order.symbol),
      ...positions.map((position) => position.symbol),
      ...[...believedOpen.values()].map((order) => order.symbol),
    ]);
    const seen = new Map<string, Order>();
    for (const symbol of symbols) {
      for (const order of await this.#history(symbol, since, startedAt)) keepLatest(seen, order);
    }
    for (const order of open) keepLatest(seen, order);
    for (const [orderId, believed] of believedOpen) {
      if (seen.has(orderId)) continue;
      const order = await exchange.order({ symbol: believed.symbol, orderId });
      if (order) keepLatest(seen, order);
      else
        logger.warn(
          { orderId, symbol: believed.symbol },
          'the app was told this order is open; the venue does not know it',
        );
    }
    const news = [...seen.values()].filter((order) => told.isNews(order)).sort((a, b) => a.updatedAt - b.updatedAt);
    for (const order of news) await forwardOrder(order);
    told.advanceWatermark(startedAt);
    await told.persist();
    logger.info(
      { symbols: symbols.size, compared: seen.size, told: news.length, since: new Date(since).toISOString() },
      'told the app what it missed',
    );
  }

  /** The symbol's orders created in [start, end], every page of them. */
  async #history(symbol: string, start: number, end: number): Promise<readonly Order[]> {
    const orders: Order[] = [];
    let until = end;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const rows = await this.#options.exchange.orderHistory(symbol, { start, end: until });
      orders.push(...rows);
      if (rows.length < HISTORY_PAGE_ROWS) break;
      const oldest = Math.min(...rows.map((order) => order.createdAt));
      if (oldest >= until) break;
      until = oldest;
    }
    return orders;
  }

  async #persist(): Promise<void> {
    const { told, clock, logger } = this.#options;
    // While the stream is whole every event reaches the forwarder: nothing before now is missed.
    if (this.#whole && !this.#running) told.advanceWatermark(clock.now());
    await told
      .persist()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not write the told-orders record'));
  }
}

/** Two reads of one order (history, open orders, detail): the later state wins. */
function keepLatest(seen: Map<string, Order>, order: Order): void {
  const known = seen.get(order.orderId);
  if (!known || order.updatedAt >= known.updatedAt) seen.set(order.orderId, order);
}
