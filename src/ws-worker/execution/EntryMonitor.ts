import type { Order, OrderAck } from '../../exchange/port/types.ts';
import type { TimerHandle } from '../../platform/clock/index.ts';
import { RetryableError, UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import { type ExecutionContext, MAX_ENTRY_ATTEMPTS, type Quote } from './context.ts';
import { EntryLookup } from './EntryLookup.ts';
import { entryOrderRequest } from './entryOrder.ts';
import type { EntryRecord } from './records.ts';
import { inEntryZone } from './triggers.ts';

/** Where the entries hand over once their order fills. */
export interface FillSink {
  adoptFill(entry: EntryRecord, order: Order): void;
}

/**
 * The entry-zone monitor, event-driven: every price event of a symbol checks its waiting entries,
 * and an entry in its zone is submitted synchronously from that event (nothing awaited before the
 * REST call; the disk write and the dead-man switch follow it). One entry has at most one order
 * that may be live: `#inFlight` blocks new submits from the moment a submit starts until its
 * outcome is known, and `entry.order` until the venue says it is final.
 */
export class EntryMonitor {
  readonly #context: ExecutionContext;
  readonly #fills: FillSink;
  readonly #bySymbol = new Map<string, Set<string>>();
  readonly #byClientId = new Map<string, string>();
  readonly #inFlight = new Set<string>();
  readonly #timers = new Map<string, TimerHandle>();
  readonly #placedNotified = new Set<string>();
  readonly #lookup: EntryLookup;

  constructor(context: ExecutionContext, fills: FillSink) {
    this.#context = context;
    this.#fills = fills;
    this.#lookup = new EntryLookup(context, {
      hold: (entry) => {
        if (this.#inFlight.has(entry.id)) return false;
        this.#inFlight.add(entry.id);
        return true;
      },
      release: (entry) => this.#inFlight.delete(entry.id),
      adopt: (entry, clientOrderId, order) => {
        entry.attempt += 1;
        entry.order = { clientOrderId, orderId: order.orderId, price: order.price, sentAt: undefined };
        this.#byClientId.set(clientOrderId, entry.id);
        this.#context.store.roles.remember(clientOrderId, { kind: 'ENTRY', requestId: entry.id });
        this.#context.persist();
      },
      apply: (entry, order) => this.#apply(entry, order),
      afterResolution: (entry, waitingAgain) => this.#afterResolution(entry, waitingAgain),
    });
  }

  track(entry: EntryRecord): void {
    let ids = this.#bySymbol.get(entry.symbol);
    if (!ids) {
      ids = new Set();
      this.#bySymbol.set(entry.symbol, ids);
    }
    ids.add(entry.id);
    if (entry.order) this.#byClientId.set(entry.order.clientOrderId, entry.id);
    const delay = Math.max(0, entry.timeoutAt - this.#context.clock.now());
    this.#timers.set(
      entry.id,
      this.#context.clock.setTimeout(() => this.#expire(entry), delay),
    );
  }

  /** Hot path: the symbol's price moved. */
  onPrice(symbol: string, quote: Quote): void {
    const ids = this.#bySymbol.get(symbol);
    if (!ids) return;
    const now = this.#context.clock.now();
    for (const id of ids) {
      const entry = this.#context.store.entries.get(id);
      if (!entry || entry.order || entry.expired || this.#inFlight.has(id) || now >= entry.timeoutAt) continue;
      if (!inEntryZone(quote.last, { min: entry.zoneMin, max: entry.zoneMax }, this.#context.thresholds.entryTolerance))
        continue;
      this.#submit(entry, quote);
    }
  }

  /** An order event of the account; true when it was one of the entries' orders. */
  onOrder(order: Order): boolean {
    const id = this.#byClientId.get(order.clientOrderId);
    const entry = id === undefined ? undefined : this.#context.store.entries.get(id);
    if (!entry) return false;
    this.#apply(entry, order);
    return true;
  }

  liveCount(symbol: string): number {
    let live = 0;
    for (const id of this.#bySymbol.get(symbol) ?? []) {
      if (this.#context.store.entries.get(id)?.order || this.#inFlight.has(id)) live++;
    }
    return live;
  }

  inFlight(id: string): boolean {
    return this.#inFlight.has(id);
  }

  /** Asks the venue where the entry stands (start-up, periodic check); see `EntryLookup`. */
  reconcile(entry: EntryRecord, startUp: boolean): Promise<void> {
    return this.#lookup.reconcile(entry, startUp);
  }

  /** After a check that blocked submits: a timeout that fell meanwhile is carried out now. */
  #afterResolution(entry: EntryRecord, waitingAgain = false): void {
    this.#updateDeadMan(entry.symbol);
    if (this.#context.store.entries.get(entry.id) !== entry || this.#inFlight.has(entry.id)) return;
    if (entry.expired) {
      if (entry.order) this.#cancelLive(entry);
      else this.#finishTimedOut(entry);
      return;
    }
    // Back to waiting after an order that never reached the venue: the price may be in the zone now.
    const quote = this.#context.quotes.get(entry.symbol);
    if (waitingAgain && quote) this.onPrice(entry.symbol, quote);
  }

  stop(): void {
    for (const handle of this.#timers.values()) this.#context.clock.clearTimer(handle);
    this.#timers.clear();
  }

  #submit(entry: EntryRecord, quote: Quote): void {
    if (entry.attempt >= MAX_ENTRY_ATTEMPTS) {
      this.#fail(entry, `entry order canceled ${entry.attempt} times by the venue (maker-only), giving up`);
      return;
    }
    const tick = this.#context.contracts.get(entry.symbol)?.tickSize;
    if (!tick) return;
    const request = entryOrderRequest(entry, entry.attempt + 1, quote, tick, this.#context.config.orders);
    entry.attempt += 1;
    entry.order = {
      clientOrderId: request.clientOrderId,
      orderId: undefined,
      price: request.price,
      sentAt: this.#context.clock.now(),
    };
    this.#inFlight.add(entry.id);
    this.#byClientId.set(request.clientOrderId, entry.id);
    const sent = this.#context.exchange.submitOrder(request);
    this.#context.store.roles.remember(request.clientOrderId, { kind: 'ENTRY', requestId: entry.id });
    // The bookkeeping that may take time (snapshot, dead-man call) waits until the request is written.
    this.#context.afterSend(() => {
      this.#context.persist();
      this.#updateDeadMan(entry.symbol);
    });
    sent.then(
      (ack) => this.#onAck(entry, ack),
      (error: unknown) => this.#onSubmitError(entry, request.clientOrderId, error),
    );
  }

  #onAck(entry: EntryRecord, ack: OrderAck): void {
    this.#inFlight.delete(entry.id);
    const current = entry.order;
    if (this.#context.store.entries.get(entry.id) !== entry || current?.clientOrderId !== ack.clientOrderId) {
      this.#afterResolution(entry); // already final (canceled or filled) through the stream
      return;
    }
    if (current.orderId === undefined) {
      current.orderId = ack.orderId;
      this.#context.persist();
    }
    this.#notifyPlaced(entry, ack.orderId);
    if (entry.expired) this.#cancelLive(entry);
  }

  #onSubmitError(entry: EntryRecord, clientOrderId: string, error: unknown): void {
    if (error instanceof UnknownOutcomeError) {
      // The order may exist: find it by its client id, never place another blindly.
      this.#context.logger.warn({ err: error, id: entry.id, clientOrderId }, 'entry submit outcome unknown, resolving');
      this.#lookup.follow(entry, clientOrderId);
      return;
    }
    this.#inFlight.delete(entry.id);
    if (entry.order?.clientOrderId === clientOrderId) entry.order = undefined;
    if (error instanceof RetryableError) {
      this.#context.logger.warn(
        { err: error, id: entry.id },
        'entry submit refused for now, retrying on a later price',
      );
      this.#context.persist();
      this.#updateDeadMan(entry.symbol);
      return;
    }
    this.#context.logger.error({ err: error, id: entry.id }, 'entry order rejected');
    this.#fail(entry, error instanceof Error ? error.message : String(error));
  }

  /** Applies the venue's view of the entry's current order (stream event, ack follow-up, reconcile). */
  #apply(entry: EntryRecord, order: Order): void {
    const current = entry.order;
    if (!current || current.clientOrderId !== order.clientOrderId) return; // an older attempt
    current.orderId = order.orderId;
    if (order.status !== 'canceled' || order.filledSize.gt(0)) this.#notifyPlaced(entry, order.orderId);
    if (order.filledSize.gt(0)) this.#fills.adoptFill(entry, order);
    if (order.status === 'filled' || (order.status === 'canceled' && order.filledSize.gt(0))) {
      this.#untrack(entry);
      this.#context.store.entries.delete(entry.id);
      this.#context.persist();
      this.#updateDeadMan(entry.symbol);
      return;
    }
    if (order.status === 'canceled') {
      this.#byClientId.delete(current.clientOrderId);
      entry.order = undefined;
      this.#context.persist();
      this.#updateDeadMan(entry.symbol);
      if (entry.expired) this.#finishTimedOut(entry);
      else
        this.#context.logger.info(
          { id: entry.id, attempt: entry.attempt },
          'entry canceled unfilled, retrying at the next touch',
        );
      return;
    }
    if (entry.expired && !this.#inFlight.has(entry.id)) this.#cancelLive(entry);
  }

  #notifyPlaced(entry: EntryRecord, orderId: string): void {
    const current = entry.order;
    if (!current || this.#placedNotified.has(current.clientOrderId)) return;
    this.#placedNotified.add(current.clientOrderId);
    const entryPrice = current.price ?? this.#context.quotes.get(entry.symbol)?.last;
    void this.#context.callbacks.send(
      entry,
      {
        status: 'placed',
        order_id: entry.id,
        exchange_order_id: orderId,
        entry_price: entryPrice?.toFixed() ?? '0',
        quantity: entry.quantity.toFixed(),
      },
      entry.attempt > 1 ? String(entry.attempt) : '',
    );
  }

  #expire(entry: EntryRecord): void {
    this.#timers.delete(entry.id);
    if (this.#context.store.entries.get(entry.id) !== entry) return;
    entry.expired = true;
    this.#context.persist();
    if (this.#inFlight.has(entry.id)) return; // the submit's outcome will see `expired`
    if (entry.order) this.#cancelLive(entry);
    else this.#finishTimedOut(entry);
  }

  #cancelLive(entry: EntryRecord): void {
    const current = entry.order;
    if (!current) return;
    const ref = { symbol: entry.symbol, clientOrderId: current.clientOrderId };
    const { exchange, logger } = this.#context;
    exchange
      .cancelOrder(ref)
      .catch((error: unknown) => logger.warn({ err: error, id: entry.id }, 'entry cancel refused, checking the order'))
      .then(() => exchange.order(ref))
      .then((order) => order && this.#apply(entry, order))
      .catch((error: unknown) => logger.error({ err: error, id: entry.id }, 'could not read the entry order'));
  }

  #finishTimedOut(entry: EntryRecord): void {
    this.#untrack(entry);
    this.#context.store.finish(entry);
    this.#context.persist();
    this.#updateDeadMan(entry.symbol);
    this.#context.logger.info({ id: entry.id }, 'entry zone not reached within timeout');
    void this.#context.callbacks.send(entry, {
      status: 'timeout',
      order_id: entry.id,
      reason: 'Entry zone not reached within timeout',
    });
  }

  #fail(entry: EntryRecord, error: string): void {
    this.#untrack(entry);
    this.#context.store.finish(entry);
    this.#context.persist();
    this.#updateDeadMan(entry.symbol);
    void this.#context.callbacks.send(entry, { status: 'failed', order_id: entry.id, error });
  }

  #untrack(entry: EntryRecord): void {
    this.#bySymbol.get(entry.symbol)?.delete(entry.id);
    this.#context.clock.clearTimer(this.#timers.get(entry.id));
    this.#timers.delete(entry.id);
  }

  #updateDeadMan(symbol: string): void {
    this.#context.deadMan.update(symbol, this.liveCount(symbol));
  }
}
