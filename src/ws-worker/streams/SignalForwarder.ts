import type { Balance, Fill, Order, Unsubscribe, UserStream } from '../../exchange/port/index.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import {
  BalanceChangeFilter,
  balanceSignalFrom,
  type OutgoingSignal,
  orderSignalFrom,
  type SignalOutbox,
} from '../signals/index.ts';

export interface SignalForwarderOptions {
  readonly userStream: UserStream;
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
}

/**
 * Turns private stream events into signals in the durable outbox: an order signal on every order
 * event (submitted, partially filled, filled, canceled; the original sent submissions only), a
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

  #onOrder(order: Order, fill: Fill | undefined): void {
    const payload = this.#build(() => orderSignalFrom(order, fill));
    // No client order id: placed by another tool, the app could not match it (the original skipped those too).
    if (!payload) return;
    this.#enqueue({
      kind: 'order',
      url: this.#options.orderSignalUrl,
      payload,
      traceId: payload.trace_id,
      orderingKey: `order:${order.orderId}`,
    });
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

  #enqueue(signal: OutgoingSignal, onStored?: () => void): void {
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
  }
}
