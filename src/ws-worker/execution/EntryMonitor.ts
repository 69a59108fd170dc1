import type { Order, OrderRequest } from '../../exchange/port/types.ts';
import type { TimerHandle } from '../../platform/clock/index.ts';
import type { ExecutionContext, Quote } from './context.ts';
import { MAX_ENTRY_ATTEMPTS } from './context.ts';
import { EntryFallback } from './EntryFallback.ts';
import { EntryOrders } from './EntryOrders.ts';
import { EntryReports } from './EntryReports.ts';
import { entryOrderRequest, takerEntryRequest } from './entryOrder.ts';
import type { EntryRecord } from './records.ts';
import { inEntryZone } from './triggers.ts';

/** Where the entries hand over once their order fills. */
export interface FillSink {
  adoptFill(entry: EntryRecord, order: Order): void;
}

/**
 * The entry-zone monitor, event-driven: every price event of a symbol checks its waiting entries,
 * and an entry in its zone is submitted synchronously from that event (`EntryOrders`: one order
 * that may be live per request). Near the end of the zone's life a request may ask for a bounded
 * taker entry instead (`EntryFallback`). The timeout cancels a live order; an entry that ends
 * without a fill is reported (`EntryReports`).
 */
export class EntryMonitor {
  readonly #context: ExecutionContext;
  readonly #fills: FillSink;
  readonly #bySymbol = new Map<string, Set<string>>();
  /** Every entry tracked, also one the store has just finished (its order may still be live). */
  readonly #tracked = new Map<string, EntryRecord>();
  readonly #timers = new Map<string, TimerHandle>();
  readonly #reports: EntryReports;
  readonly #orders: EntryOrders;
  readonly #fallback: EntryFallback;

  constructor(context: ExecutionContext, fills: FillSink) {
    this.#context = context;
    this.#fills = fills;
    this.#reports = new EntryReports(context);
    this.#orders = new EntryOrders(
      context,
      {
        filled: (entry, order) => this.#fills.adoptFill(entry, order),
        done: (entry) => this.#done(entry),
        endedUnfilled: (entry) => this.#endedUnfilled(entry),
        failed: (entry, error) => this.#fail(entry, error),
        afterResolution: (entry, waitingAgain) => this.#afterResolution(entry, waitingAgain),
        liveChanged: (symbol) => this.#updateDeadMan(symbol),
      },
      this.#reports,
    );
    this.#fallback = new EntryFallback(context, {
      cancelLive: (entry) => this.#orders.cancelLive(entry),
      submitTaker: (entry, price) => this.#submit(entry, takerEntryRequest(entry, entry.attempt + 1, price)),
      busy: (entry) => this.#orders.inFlight(entry.id),
    });
  }

  track(entry: EntryRecord): void {
    let ids = this.#bySymbol.get(entry.symbol);
    if (!ids) {
      ids = new Set();
      this.#bySymbol.set(entry.symbol, ids);
    }
    ids.add(entry.id);
    this.#tracked.set(entry.id, entry);
    this.#orders.track(entry);
    const { clock } = this.#context;
    this.#timers.set(
      entry.id,
      clock.setTimeout(() => this.#expire(entry), Math.max(0, entry.timeoutAt - clock.now())),
    );
    this.#fallback.track(entry, () => {
      const quote = this.#context.quotes.get(entry.symbol);
      if (quote) this.#evaluate(entry, quote, clock.now());
    });
  }

  /** Hot path: the symbol's price moved. */
  onPrice(symbol: string, quote: Quote): void {
    const ids = this.#bySymbol.get(symbol);
    if (!ids) return;
    const now = this.#context.clock.now();
    for (const id of ids) {
      const entry = this.#context.store.entries.get(id);
      if (entry) this.#evaluate(entry, quote, now);
    }
  }

  /**
   * A position's close has begun while its entry order still works (a partial fill): the order is
   * canceled and no other is sent, so the position does not grow past its close.
   */
  stopEntry(id: string): void {
    const entry = this.#tracked.get(id);
    if (!entry || entry.expired) return;
    entry.expired = true;
    this.#context.persist();
    if (entry.order && !this.#orders.inFlight(id)) this.#orders.cancelLive(entry);
  }

  /** An order event of the account; true when it was one of the entries' orders. */
  onOrder(order: Order): boolean {
    const id = this.#orders.requestOf(order.clientOrderId);
    const entry = id === undefined ? undefined : this.#context.store.entries.get(id);
    if (!entry) return false;
    this.#orders.apply(entry, order);
    return true;
  }

  liveCount(symbol: string): number {
    let live = 0;
    for (const id of this.#bySymbol.get(symbol) ?? []) {
      if (this.#context.store.entries.get(id)?.order || this.#orders.inFlight(id)) live++;
    }
    return live;
  }

  inFlight(id: string): boolean {
    return this.#orders.inFlight(id);
  }

  /** The end-of-zone fallback's state of an entry, for the status. */
  fallbackState(entry: EntryRecord): string | null {
    return this.#fallback.state(entry);
  }

  /** Asks the venue where the entry stands (start-up, periodic check); see `EntryLookup`. */
  reconcile(entry: EntryRecord, startUp: boolean): Promise<void> {
    return this.#orders.reconcile(entry, startUp);
  }

  stop(): void {
    for (const handle of this.#timers.values()) this.#context.clock.clearTimer(handle);
    this.#timers.clear();
    for (const entry of this.#tracked.values()) this.#fallback.untrack(entry);
  }

  /** Hot path: the entry's zone (or its fallback) against the price; a submit goes out synchronously. */
  #evaluate(entry: EntryRecord, quote: Quote, now: number): void {
    if (entry.expired || now >= entry.timeoutAt || this.#fallback.onPrice(entry, quote, now)) return;
    if (entry.order || this.#orders.inFlight(entry.id)) return;
    if (!inEntryZone(quote.last, { min: entry.zoneMin, max: entry.zoneMax }, this.#context.thresholds.entryTolerance))
      return;
    const tick = this.#context.contracts.get(entry.symbol)?.tickSize;
    if (!tick) return;
    this.#submit(entry, entryOrderRequest(entry, entry.attempt + 1, quote, tick, this.#context.config.orders));
  }

  #submit(entry: EntryRecord, request: OrderRequest): void {
    if (entry.attempt >= MAX_ENTRY_ATTEMPTS) {
      this.#fail(entry, `entry order canceled ${entry.attempt} times by the venue, giving up`);
      return;
    }
    this.#orders.submit(entry, request);
  }

  /** After a check that blocked submits: a timeout that fell meanwhile is carried out now. */
  #afterResolution(entry: EntryRecord, waitingAgain: boolean): void {
    this.#updateDeadMan(entry.symbol);
    if (this.#context.store.entries.get(entry.id) !== entry || this.#orders.inFlight(entry.id)) return;
    if (entry.expired) {
      if (entry.order) this.#orders.cancelLive(entry);
      else this.#finishTimedOut(entry);
      return;
    }
    // Back to waiting after an order that never reached the venue: the price may be in the zone now.
    const quote = this.#context.quotes.get(entry.symbol);
    if (waitingAgain && quote) this.onPrice(entry.symbol, quote);
  }

  #endedUnfilled(entry: EntryRecord): void {
    if (entry.expired) {
      this.#finishTimedOut(entry);
      return;
    }
    this.#context.logger.info(
      { id: entry.id, attempt: entry.attempt },
      'entry ended unfilled, retrying at the next touch',
    );
    this.#fallback.makerEnded(entry);
  }

  #expire(entry: EntryRecord): void {
    this.#timers.delete(entry.id);
    if (this.#context.store.entries.get(entry.id) !== entry) return;
    entry.expired = true;
    this.#context.persist();
    if (this.#orders.inFlight(entry.id)) return; // the submit's outcome will see `expired`
    if (entry.order) this.#orders.cancelLive(entry);
    else this.#finishTimedOut(entry);
  }

  /** The entry's order is final with fills: its position goes on. */
  #done(entry: EntryRecord): void {
    this.#untrack(entry);
    this.#context.store.entries.delete(entry.id);
    this.#context.persist();
    this.#updateDeadMan(entry.symbol);
  }

  #finishTimedOut(entry: EntryRecord): void {
    this.#end(entry);
    this.#reports.timedOut(entry);
  }

  #fail(entry: EntryRecord, error: string): void {
    this.#end(entry);
    this.#reports.failed(entry, error);
  }

  /** The request ends without a position. */
  #end(entry: EntryRecord): void {
    this.#untrack(entry);
    this.#context.store.finish(entry);
    this.#context.persist();
    this.#updateDeadMan(entry.symbol);
  }

  #untrack(entry: EntryRecord): void {
    this.#bySymbol.get(entry.symbol)?.delete(entry.id);
    this.#tracked.delete(entry.id);
    this.#context.clock.clearTimer(this.#timers.get(entry.id));
    this.#timers.delete(entry.id);
    this.#fallback.untrack(entry);
  }

  #updateDeadMan(symbol: string): void {
    this.#context.deadMan.update(symbol, this.liveCount(symbol));
  }
}
