import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { TradingRest } from '../../port/FuturesExchange.ts';
import type { UserChannel, UserEvent, UserStream } from '../../port/streams.ts';
import type { Order, OrderTrigger, Position } from '../../port/types.ts';
import { ConnectionStream } from '../../streams/ConnectionStream.ts';
import { balanceFromWire, positionFromWire } from '../mapping/restAccount.ts';
import { orderFromWire } from '../mapping/restOrders.ts';
import { lastFillOf } from '../mapping/wsPrivate.ts';
import { OkxBalanceSchema, OkxOrderSchema, OkxPositionSchema, okxWsPush } from '../protocol/wire/index.ts';
import type { OkxWsChannelArg } from '../protocol/wire/ws.ts';
import type { OkxConnectionPush, OkxWsConnection } from '../ws/OkxWsConnection.ts';

const OrderPush = okxWsPush(OkxOrderSchema);
const PositionPush = okxWsPush(OkxPositionSchema);
const AccountPush = okxWsPush(OkxBalanceSchema);

/** The private channel arg of each port channel: swaps only, USDT balances only. */
const CHANNEL_ARGS: Readonly<Record<UserChannel, OkxWsChannelArg>> = {
  orders: { channel: 'orders', instType: 'SWAP' },
  positions: { channel: 'positions', instType: 'SWAP' },
  balance: { channel: 'account', ccy: 'USDT' },
};

/** How far back the reconciliation after a reconnect reads the order history, before the drop. */
const RECONCILE_MARGIN_MS = 60_000;

export interface OkxUserStreamOptions {
  /** `/ws/v5/private`, logging in before it subscribes. */
  readonly connection: OkxWsConnection;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The REST side the reconciliation after a reconnect reads. */
  readonly rest: Pick<TradingRest, 'openOrders' | 'orderHistory'>;
  /** Which leg an algo order is (OkxFuturesExchange.triggerOfAlgo): OKX's triggered order does not say. */
  readonly triggerOfAlgo?: (algoId: string) => OrderTrigger | undefined;
}

/**
 * OKX's private channels as a `UserStream` (https://www.okx.com/docs-v5/en/#trading-account-websocket):
 * `orders` (each push an order, with its last fill, fills de-duplicated by instrument and trade
 * id), `positions` (every open position the stream knows, as BitMart's stream reports them: OKX
 * snapshots replace the view, updates change their rows, `pos` "0" removes one) and `account`.
 *
 * `orders` has no snapshot: what changed while the link was down is never pushed. After a
 * reconnect the stream reads REST (open orders, and the history of every symbol it has seen
 * since a minute before the drop) and tells each order as an `order` event, then `resynced`.
 */
export class OkxUserStream extends ConnectionStream<UserEvent> implements UserStream {
  readonly #options: OkxUserStreamOptions;
  readonly #positions = new Map<string, Position>();
  readonly #seenTrades = new Set<string>();
  readonly #symbols = new Set<string>();
  readonly #wanted = new Set<UserChannel>();
  #disconnectedAt: number | undefined;

  constructor(options: OkxUserStreamOptions) {
    super(options.connection, options.logger, 'user event');
    this.#options = options;
    options.connection.onPush((push) => this.#onPush(push));
  }
  protected override onConnectionLost(): void {
    this.#disconnectedAt ??= this.#options.clock.now();
  }

  protected override resync(): Promise<void> {
    return this.#reconcile();
  }

  subscribe(channels: readonly UserChannel[]): void {
    for (const channel of channels) {
      this.#wanted.add(channel);
      this.#options.connection.want(CHANNEL_ARGS[channel]);
    }
  }

  unsubscribe(channels: readonly UserChannel[]): void {
    for (const channel of channels) {
      this.#wanted.delete(channel);
      this.#options.connection.unwant(CHANNEL_ARGS[channel]);
    }
  }

  #onPush(push: OkxConnectionPush): void {
    const channel = push.key.split('|', 1)[0];
    if (channel === 'orders') this.#onOrders(push);
    else if (channel === 'positions') this.#onPositions(push);
    else if (channel === 'account') this.#onAccount(push);
  }

  #onOrders(push: OkxConnectionPush): void {
    const parsed = OrderPush.safeParse(push.message);
    if (!parsed.success) {
      this.#refused(push, parsed.error);
      return;
    }
    for (const row of parsed.data.data) {
      let order = orderFromWire(row);
      // `source` 7: a TP/SL submitted it; which one, only the algo (`algoId`) knows.
      if (order.trigger === 'take_profit_or_stop_loss' && row.algoId) {
        const trigger = this.#options.triggerOfAlgo?.(row.algoId);
        if (trigger) order = { ...order, trigger };
      }
      this.#symbols.add(order.symbol);
      let fill = lastFillOf(row, order);
      // OKX may push the same fill twice: the first is the one told.
      if (fill) {
        const key = `${row.instId}|${fill.tradeId}`;
        if (this.#seenTrades.has(key)) fill = undefined;
        else this.#seenTrades.add(key);
      }
      this.events.emit({ type: 'order', order, fill });
    }
  }

  #onPositions(push: OkxConnectionPush): void {
    const parsed = PositionPush.safeParse(push.message);
    if (!parsed.success) {
      this.#refused(push, parsed.error);
      return;
    }
    // A snapshot's first page replaces the view; later pages and updates change their rows.
    if (parsed.data.eventType === 'snapshot' && (parsed.data.curPage ?? 1) <= 1) this.#positions.clear();
    for (const row of parsed.data.data) {
      const key = `${row.instId}|${row.posSide}|${row.mgnMode}`;
      const position = positionFromWire(row);
      if (position) this.#positions.set(key, position);
      else this.#positions.delete(key);
    }
    this.events.emit({ type: 'positions', positions: [...this.#positions.values()] });
  }

  #onAccount(push: OkxConnectionPush): void {
    const parsed = AccountPush.safeParse(push.message);
    if (!parsed.success) {
      this.#refused(push, parsed.error);
      return;
    }
    for (const account of parsed.data.data) {
      for (const detail of account.details) this.events.emit({ type: 'balance', balance: balanceFromWire(detail) });
    }
  }

  /** What `orders` did not push while the link was down, from REST, told as order events. */
  async #reconcile(): Promise<void> {
    const since = this.#disconnectedAt;
    this.#disconnectedAt = undefined;
    if (!this.#wanted.has('orders')) return;
    const { rest } = this.#options;
    const told = new Map<string, Order>();
    for (const order of await rest.openOrders()) told.set(order.orderId, order);
    if (since !== undefined) {
      for (const symbol of this.#symbols) {
        for (const order of await rest.orderHistory(symbol, { start: since - RECONCILE_MARGIN_MS }))
          told.set(order.orderId, order);
      }
    }
    for (const order of told.values()) this.events.emit({ type: 'order', order, fill: undefined });
  }

  #refused(push: OkxConnectionPush, error: unknown): void {
    this.#options.logger.warn({ arg: push.key, err: error }, 'OKX push does not match its wire schema; dropped');
  }
}
