import type { Balance, Fill, Order, Unsubscribe, UserStream, VenueNames } from '../../exchange/port/index.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import {
  BalanceChangeFilter,
  balanceSignalFrom,
  type OrderRoleLookup,
  type OutgoingSignal,
  orderRoleOf,
  orderSignalFrom,
  type SignalOutbox,
} from '../signals/index.ts';

export interface SignalForwarderOptions {
  readonly userStream: UserStream;
  /** The venue's side codes, which order signals carry. */
  readonly venueNames: VenueNames;
  readonly outbox: SignalOutbox;
  /** `TRADING_APP_BASE_URI` + `TRADING_APP_ORDER_SIGNAL_PATH`. */
  readonly orderSignalUrl: string;
  /** `TRADING_APP_BASE_URI` + `TRADING_APP_BALANCE_SIGNAL_PATH`. */
  readonly balanceSignalUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Resend the latest balance this often even when unchanged; 0 or undefined: on change only. */
  readonly balanceHeartbeatMs?: number;
  /** The latest known USDT balance (stream or REST reconciliation), for the heartbeat. */
  readonly latestBalance?: () => Balance | undefined;
  /** The execution's knowledge of its orders, consulted before what an order tells by itself. */
  readonly orderRole?: OrderRoleLookup;
  /** Called once an order's signal is durable in the outbox (the record of what the app was told). */
  readonly onOrderTold?: (order: Order) => void;
}

/**
 * Turns private stream events into signals in the durable outbox: an order signal on every order
 * event (submitted, partially filled, filled, canceled; the original sent submissions only) of
 * every order, the venue's own and other tools' included, with its role (`orderRoleOf`), and a
 * balance signal when the USDT balance changed. Enqueues are chained so the outbox sees them in
 * event order, and `stop()` waits for the chain: nothing received before the shutdown is lost
 * between the socket and the disk.
 */
export class SignalForwarder {
  readonly #options: SignalForwarderOptions;
  readonly #balances = new BalanceChangeFilter();
  #chain: Promise<void> = Promise.resolve();
  #unsubscribe: Unsubscribe | undefined;
  #heartbeat: TimerHandle | undefined;

  constructor(options: SignalForwarderOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#options.userStream.onEvent((event) => {
      if (event.type === 'order') this.#onOrder(event.order, event.fill);
      else if (event.type === 'balance') this.#onBalance(event.balance);
    });
    const { balanceHeartbeatMs, latestBalance, clock } = this.#options;
    if (balanceHeartbeatMs && latestBalance) {
      this.#heartbeat = clock.setInterval(() => {
        const balance = latestBalance();
        if (balance) this.#sendBalance(balance);
      }, balanceHeartbeatMs);
    }
  }

  async stop(): Promise<void> {
    this.#options.clock.clearTimer(this.#heartbeat);
    this.#heartbeat = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await this.#chain;
  }

  /**
   * Queues the signal of an order's current state; the start-up and resync reconciliation tells
   * what the stream missed through here too, so both paths build the same signal and trace id.
   * Resolves once it is durable (or was refused and logged).
   */
  forwardOrder(order: Order, fill?: Fill): Promise<void> {
    const role = this.#build(() => orderRoleOf(order, this.#options.orderRole));
    const payload = role && this.#build(() => orderSignalFrom(order, fill, this.#options.venueNames, { role }));
    if (!payload) return this.#chain;
    return this.#enqueue(
      {
        kind: 'order',
        url: this.#options.orderSignalUrl,
        payload,
        traceId: payload.trace_id,
        orderingKey: `order:${order.orderId || order.clientOrderId}`,
      },
      () => this.#options.onOrderTold?.(order),
    );
  }

  #onOrder(order: Order, fill: Fill | undefined): void {
    void this.forwardOrder(order, fill);
  }

  #onBalance(balance: Balance): void {
    if (balance.currency.toUpperCase() !== 'USDT' || !this.#balances.differs(balance)) return;
    this.#sendBalance(balance);
  }

  #sendBalance(balance: Balance): void {
    const payload = this.#build(() => balanceSignalFrom(balance, undefined, this.#options.clock.now()));
    if (!payload) return;
    this.#enqueue(
      {
        kind: 'balance',
        url: this.#options.balanceSignalUrl,
        payload,
        traceId: payload.trace_id,
        orderingKey: 'balance',
      },
      () => this.#balances.remember(balance),
    );
  }

  #build<T>(build: () => T | undefined): T | undefined {
    try {
      return build();
    } catch (error) {
      // A payload the contract refuses is a bug to see in the log, not a reason to drop the stream.
      this.#options.logger.error({ err: error }, 'could not build a signal from a stream event; not sent');
      return undefined;
    }
  }

  #enqueue(signal: OutgoingSignal, onStored?: () => void): Promise<void> {
    this.#chain = this.#chain
      .then(() => this.#options.outbox.enqueue(signal))
      .then(
        () => onStored?.(),
        (error: unknown) =>
          this.#options.logger.error(
            { err: error, kind: signal.kind, traceId: signal.traceId },
            'outbox refused a signal',
          ),
      );
    return this.#chain;
  }
}
