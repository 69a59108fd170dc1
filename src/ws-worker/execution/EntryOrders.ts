import type { Order, OrderAck, OrderRequest } from '../../exchange/port/types.ts';
import { RetryableError, UnknownOutcomeError } from '../../platform/errors/exchangeErrors.ts';
import type { ExecutionContext } from './context.ts';
import { EntryLookup } from './EntryLookup.ts';
import type { EntryReports } from './EntryReports.ts';
import type { EntryRecord } from './records.ts';

/** What the entry monitor does with the venue's answers about an entry's order. */
export interface EntryOrdersHost {
  /** The order filled, in part or whole: the position is adopted or grows. */
  filled(entry: EntryRecord, order: Order): void;
  /** The order is final with fills: the entry is done, its position goes on. */
  done(entry: EntryRecord): void;
  /** The order ended unfilled (canceled by the venue, the timeout, or for a taker). */
  endedUnfilled(entry: EntryRecord): void;
  failed(entry: EntryRecord, error: string): void;
  /** After a check that blocked submits (see `EntryLookup`). */
  afterResolution(entry: EntryRecord, waitingAgain: boolean): void;
  /** The count of live entry orders of the symbol changed (the dead-man switch). */
  liveChanged(symbol: string): void;
}

/**
 * The orders of the entries, one that may be live per request: `#inFlight` blocks new submits
 * from the moment a submit starts until its outcome is known, `entry.order` until the venue says
 * it is final. A submit is handed to the exchange synchronously; the disk write and the dead-man
 * switch follow once it is written (`afterSend`, decision 0008). An answer lost in transit is
 * resolved by client order id (`EntryLookup`), never by placing again.
 */
export class EntryOrders {
  readonly #context: ExecutionContext;
  readonly #host: EntryOrdersHost;
  readonly #byClientId = new Map<string, string>();
  readonly #inFlight = new Set<string>();
  readonly #reports: EntryReports;
  readonly #lookup: EntryLookup;

  constructor(context: ExecutionContext, host: EntryOrdersHost, reports: EntryReports) {
    this.#context = context;
    this.#host = host;
    this.#reports = reports;
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
      apply: (entry, order) => this.apply(entry, order),
      afterResolution: (entry, waitingAgain) => this.#host.afterResolution(entry, waitingAgain),
    });
  }

  track(entry: EntryRecord): void {
    if (entry.order) this.#byClientId.set(entry.order.clientOrderId, entry.id);
  }

  /** The request of one of the entries' orders. */
  requestOf(clientOrderId: string): string | undefined {
    return this.#byClientId.get(clientOrderId);
  }

  inFlight(id: string): boolean {
    return this.#inFlight.has(id);
  }

  /** Asks the venue where the entry stands (start-up, periodic check); see `EntryLookup`. */
  reconcile(entry: EntryRecord, startUp: boolean): Promise<void> {
    return this.#lookup.reconcile(entry, startUp);
  }

  /** Hot path: the request goes to the exchange before anything else runs. */
  submit(entry: EntryRecord, request: OrderRequest): void {
    entry.attempt += 1;
    entry.order = {
      clientOrderId: request.clientOrderId,
      orderId: undefined,
      price: request.price,
      sentAt: this.#context.clock.now(),
    };
    this.#inFlight.add(entry.id);
    this.#byClientId.set(request.clientOrderId, entry.id);
    // Before the request: a venue in process fills a marketable order, and signals it, within the call.
    this.#context.store.roles.remember(request.clientOrderId, { kind: 'ENTRY', requestId: entry.id });
    const sent = this.#context.exchange.submitOrder(request);
    // The bookkeeping that may take time (snapshot, dead-man call) waits until the request is written.
    this.#context.afterSend(() => {
      this.#context.persist();
      this.#host.liveChanged(entry.symbol);
    });
    sent.then(
      (ack) => this.#onAck(entry, ack),
      (error: unknown) => this.#onSubmitError(entry, request.clientOrderId, error),
    );
  }

  /** Cancels the entry's live order and applies what the venue then says of it. */
  cancelLive(entry: EntryRecord): void {
    const current = entry.order;
    if (!current) return;
    const ref = { symbol: entry.symbol, clientOrderId: current.clientOrderId };
    const { exchange, logger } = this.#context;
    exchange
      .cancelOrder(ref)
      .catch((error: unknown) => logger.warn({ err: error, id: entry.id }, 'entry cancel refused, checking the order'))
      .then(() => exchange.order(ref))
      .then((order) => order && this.apply(entry, order))
      .catch((error: unknown) => logger.error({ err: error, id: entry.id }, 'could not read the entry order'));
  }

  /** Applies the venue's view of the entry's current order (stream event, ack follow-up, reconcile). */
  apply(entry: EntryRecord, order: Order): void {
    const current = entry.order;
    if (!current || current.clientOrderId !== order.clientOrderId) return; // an older attempt
    const final = order.status === 'filled' || order.status === 'canceled';
    if (this.#context.store.entries.get(entry.id) !== entry) {
      // Finished with its position (stopped by `stopEntry`): nothing more is adopted.
      if (final) this.#host.done(entry);
      return;
    }
    current.orderId = order.orderId;
    if (order.status !== 'canceled' || order.filledSize.gt(0)) this.#reports.placed(entry, order.orderId);
    if (order.filledSize.gt(0)) this.#host.filled(entry, order);
    if (final && order.filledSize.gt(0)) {
      this.#host.done(entry);
      return;
    }
    if (final) {
      this.#byClientId.delete(current.clientOrderId);
      entry.order = undefined;
      this.#context.persist();
      this.#host.liveChanged(entry.symbol);
      this.#host.endedUnfilled(entry);
      return;
    }
    if (entry.expired && !this.#inFlight.has(entry.id)) this.cancelLive(entry);
  }

  #onAck(entry: EntryRecord, ack: OrderAck): void {
    this.#inFlight.delete(entry.id);
    const current = entry.order;
    if (this.#context.store.entries.get(entry.id) !== entry || current?.clientOrderId !== ack.clientOrderId) {
      this.#host.afterResolution(entry, false); // already final (canceled or filled) through the stream
      return;
    }
    if (current.orderId === undefined) {
      current.orderId = ack.orderId;
      this.#context.persist();
    }
    this.#reports.placed(entry, ack.orderId);
    if (entry.expired) this.cancelLive(entry);
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
      this.#host.liveChanged(entry.symbol);
      return;
    }
    this.#context.logger.error({ err: error, id: entry.id }, 'entry order rejected');
    this.#host.failed(entry, error instanceof Error ? error.message : String(error));
  }
}
