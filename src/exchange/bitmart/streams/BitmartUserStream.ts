import type { Dec } from '../../../platform/decimal/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { UserChannel, UserEvent, UserStream } from '../../port/streams.ts';
import type { Position } from '../../port/types.ts';
import { ConnectionStream } from '../../streams/ConnectionStream.ts';
import { balanceFromWs, fillFromWs, orderFromWs, positionsFromWs } from '../mapping/wsPrivate.ts';
import {
  BitmartWsAssetPushSchema,
  BitmartWsOrderPushSchema,
  BitmartWsPositionPushSchema,
  bitmartWsChannelOf,
} from '../protocol/wire/index.ts';
import type { BitmartWsConnection, ConnectionPush } from '../ws/BitmartWsConnection.ts';

/**
 * The private topic of each port channel (docs/reference/bitmart-wire.md#private-channels); balances
 * are USDT-margined only.
 */
const CHANNEL_TOPICS: Readonly<Record<UserChannel, string>> = {
  orders: 'futures/order',
  positions: 'futures/position',
  balance: 'futures/asset:USDT',
};

/**
 * BitMart's private futures channels as a `UserStream`, over a connection that logs in before it
 * subscribes. `positions` events carry every open position the stream knows of (BitMart pushes
 * only the rows that changed, and a closed row has size 0), so a consumer can replace its view
 * with each event; at start the view is empty until the first push: read REST positions after
 * subscribing (docs/style.md#reconciliation).
 */
export class BitmartUserStream extends ConnectionStream<UserEvent> implements UserStream {
  readonly #connection: BitmartWsConnection;
  readonly #logger: Logger;
  /** Leverage of each symbol's latest order: the position push does not carry it. */
  readonly #leverage = new Map<string, Dec>();
  readonly #positions = new Map<string, Position>();

  constructor(options: { readonly connection: BitmartWsConnection; readonly logger: Logger }) {
    super(options.connection, options.logger, 'user event');
    this.#connection = options.connection;
    this.#logger = options.logger;
    options.connection.onPush((push) => this.#onPush(push));
  }

  subscribe(channels: readonly UserChannel[]): void {
    this.#connection.subscribe(channels.map((channel) => CHANNEL_TOPICS[channel]));
  }

  unsubscribe(channels: readonly UserChannel[]): void {
    this.#connection.unsubscribe(channels.map((channel) => CHANNEL_TOPICS[channel]));
  }

  #onPush(push: ConnectionPush): void {
    if (push.topic === undefined) return;
    switch (bitmartWsChannelOf(push.group)) {
      case 'futures/order':
        this.#onOrders(push);
        return;
      case 'futures/position':
        this.#onPositions(push);
        return;
      case 'futures/asset': {
        const parsed = BitmartWsAssetPushSchema.safeParse(push.message);
        if (!parsed.success) {
          this.#refused(push, parsed.error);
          return;
        }
        this.events.emit({ type: 'balance', balance: balanceFromWs(parsed.data) });
        return;
      }
    }
  }

  #onOrders(push: ConnectionPush): void {
    const parsed = BitmartWsOrderPushSchema.safeParse(push.message);
    if (!parsed.success) {
      this.#refused(push, parsed.error);
      return;
    }
    for (const event of parsed.data.data) {
      const order = orderFromWs(event);
      if (order.leverage) this.#leverage.set(order.symbol, order.leverage);
      this.events.emit({ type: 'order', order, fill: fillFromWs(event) });
    }
  }

  #onPositions(push: ConnectionPush): void {
    const parsed = BitmartWsPositionPushSchema.safeParse(push.message);
    if (!parsed.success) {
      this.#refused(push, parsed.error);
      return;
    }
    const open = positionsFromWs(parsed.data, (symbol) => this.#leverage.get(symbol));
    for (const row of parsed.data.data) this.#positions.delete(positionKey(row.symbol, row.position_type));
    for (const position of open) this.#positions.set(positionKey(position.symbol, position.side), position);
    const positions = [...this.#positions.values()].sort(
      (a, b) => a.symbol.localeCompare(b.symbol) || a.side.localeCompare(b.side),
    );
    this.events.emit({ type: 'positions', positions });
  }

  #refused(push: ConnectionPush, error: unknown): void {
    this.#logger.warn({ group: push.group, err: error }, 'push does not match its wire schema; dropped');
  }
}

function positionKey(symbol: string, side: 'long' | 'short' | 1 | 2): string {
  return `${symbol}:${side === 1 || side === 'long' ? 'long' : 'short'}`;
}
