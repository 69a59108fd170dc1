import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { EngineEvent, SimEngine } from '../../engine/types.ts';
import { assetData, orderData, positionData, zeroAssetData } from './privateWire.ts';
import { encodePush } from './publicWire.ts';
import { type SubscriptionEntry, SubscriptionRegistry } from './SubscriptionRegistry.ts';
import type { WsSession } from './WsSession.ts';

/** BitMart pushes positions on change and also every 10 s (docs/reference/bitmart-wire.md#private-channels). */
export const DEFAULT_POSITION_PUSH_INTERVAL_MS = 10_000;

const ORDER_GROUP = 'futures/order';
const POSITION_GROUP = 'futures/position';

/**
 * Private channels: each engine event goes, serialised once, to the connections logged in as the
 * event's account that subscribed the matching topic, and to nobody else.
 */
export class PrivateFanout {
  readonly #engine: SimEngine;
  readonly #registry: SubscriptionRegistry<WsSession>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #positionPushIntervalMs: number;
  #positionTimer: TimerHandle | undefined;
  #unsubscribeEvents: (() => void) | undefined;

  constructor(deps: {
    engine: SimEngine;
    registry: SubscriptionRegistry<WsSession>;
    clock: Clock;
    logger: Logger;
    positionPushIntervalMs: number;
  }) {
    this.#engine = deps.engine;
    this.#registry = deps.registry;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#positionPushIntervalMs = deps.positionPushIntervalMs;
  }

  start(): void {
    this.#unsubscribeEvents = this.#engine.onEvent((event) => this.#onEvent(event));
    if (this.#positionPushIntervalMs > 0) {
      this.#positionTimer = this.#clock.setInterval(() => this.#pushAllPositions(), this.#positionPushIntervalMs);
    }
  }

  stop(): void {
    this.#unsubscribeEvents?.();
    this.#unsubscribeEvents = undefined;
    this.#clock.clearTimer(this.#positionTimer);
    this.#positionTimer = undefined;
  }

  /** Balances are pushed once on subscribe; currencies the account never held as zeros. */
  pushSnapshot(session: WsSession, entry: SubscriptionEntry<WsSession>): void {
    const topic = entry.topic;
    if (topic.channel !== 'asset' || entry.accountId === undefined) return;
    const asset = this.#engine.assets(entry.accountId).find((candidate) => candidate.currency === topic.currency);
    session.send(encodePush(topic.group, asset ? assetData(asset) : zeroAssetData(topic.currency)));
  }

  #onEvent(event: EngineEvent): void {
    try {
      switch (event.kind) {
        case 'order':
          this.#push(event.accountId, ORDER_GROUP, () => orderData(event.action, event.order));
          return;
        case 'position':
          this.#push(event.accountId, POSITION_GROUP, () => positionData(event.positions));
          return;
        case 'asset':
          this.#push(event.accountId, `futures/asset:${event.asset.currency}`, () => assetData(event.asset));
          return;
      }
    } catch (error) {
      this.#logger.error({ err: error, kind: event.kind }, 'private WebSocket push failed');
    }
  }

  #push(accountId: string, group: string, data: () => unknown): void {
    const entry = this.#registry.get(SubscriptionRegistry.privateKey(accountId, group));
    if (!entry || entry.sessions.size === 0) return;
    const frame = encodePush(group, data());
    for (const session of entry.sessions) session.send(frame);
  }

  #pushAllPositions(): void {
    try {
      for (const entry of this.#registry.forChannel('position')) {
        if (entry.accountId === undefined) continue;
        const frame = encodePush(POSITION_GROUP, positionData(this.#engine.positions(entry.accountId)));
        for (const session of entry.sessions) session.send(frame);
      }
    } catch (error) {
      this.#logger.error({ err: error }, 'timed position WebSocket push failed');
    }
  }
}
