import type { StreamEvent, Unsubscribe, UserChannel, UserEvent, UserStream } from '../../exchange/port/streams.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { EngineEvent, SimEngine } from '../engine/types.ts';
import { balanceOf, lastFillOf, orderOf, positionOf } from './fromEngine.ts';
import { StreamCore } from './StreamCore.ts';

/** WS `futures/order` action 1 is a fill (docs/reference/bitmart-wire.md#enums). */
const FILL_ACTION = 1;

/**
 * One account's engine events as the port's user stream. Events are delivered synchronously,
 * as the engine emits them: an order's events may reach listeners before `submitOrder` resolves,
 * as a WebSocket push can beat the REST answer on BitMart.
 *
 * A `positions` event carries every open position of the account (not only the symbol that
 * changed), so that a position that went flat is seen as missing from the list.
 */
export class SimulatedUserStream implements UserStream {
  readonly #engine: SimEngine;
  readonly #accountId: string;
  readonly #core: StreamCore<UserEvent>;
  #unsubscribeEngine: Unsubscribe | undefined;

  constructor(deps: { engine: SimEngine; clock: Clock; accountId: string }) {
    this.#engine = deps.engine;
    this.#accountId = deps.accountId;
    this.#core = new StreamCore(deps.clock);
  }

  onEvent(listener: (event: UserEvent) => void): Unsubscribe {
    return this.#core.onEvent(listener);
  }

  onStatus(listener: (event: StreamEvent) => void): Unsubscribe {
    return this.#core.onStatus(listener);
  }

  health() {
    return this.#core.health();
  }

  subscribe(channels: readonly UserChannel[]): void {
    for (const channel of channels) this.#core.setSubscribed(channel, true);
  }

  unsubscribe(channels: readonly UserChannel[]): void {
    for (const channel of channels) this.#core.setSubscribed(channel, false);
  }

  async start(): Promise<void> {
    if (this.#unsubscribeEngine) return;
    this.#unsubscribeEngine = this.#engine.onEvent((event) => this.#onEngineEvent(event));
    this.#core.status({ type: 'connected' });
  }

  async stop(): Promise<void> {
    if (!this.#unsubscribeEngine) return;
    this.#unsubscribeEngine();
    this.#unsubscribeEngine = undefined;
    this.#core.status({ type: 'disconnected', reason: 'stopped' });
  }

  #onEngineEvent(event: EngineEvent): void {
    if (event.accountId !== this.#accountId) return;
    switch (event.kind) {
      case 'order': {
        const fill = event.action === FILL_ACTION ? lastFillOf(event.order) : undefined;
        this.#core.emit('orders', { type: 'order', order: orderOf(event.order), fill });
        return;
      }
      case 'position': {
        if (!this.#core.isSubscribed('positions')) return;
        const open = this.#engine.positions(this.#accountId).filter((position) => position.amount > 0);
        this.#core.emit('positions', { type: 'positions', positions: open.map(positionOf) });
        return;
      }
      case 'asset':
        this.#core.emit('balance', { type: 'balance', balance: balanceOf(event.asset) });
        return;
    }
  }
}
