import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { SimEngine } from '../../engine/types.ts';
import type { Market } from '../../market/types.ts';
import type { WsGateway } from '../WsGateway.ts';
import { DEFAULT_POSITION_PUSH_INTERVAL_MS } from './PrivateFanout.ts';
import { SimWsGateway, type WsGatewayStats } from './SimWsGateway.ts';

export type { WsGatewayStats } from './SimWsGateway.ts';

/**
 * BitMart closes a connection that subscribes to nothing within 5 s
 * (docs/reference/bitmart-wire.md#websocket-connection).
 */
export const DEFAULT_LIFELESS_CLOSE_MS = 5_000;

export interface WsGatewayDeps {
  readonly market: Market;
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Default 5000; 0 disables the lifeless close. */
  readonly lifelessCloseMs?: number;
  /** Default 10000: the timed `futures/position` push. */
  readonly positionPushIntervalMs?: number;
}

/**
 * The simulator's BitMart futures WebSocket. Create it after the engine has started, so that the
 * engine's tick listener runs before the public fan-out's.
 */
export function createWsGateway(deps: WsGatewayDeps): WsGateway & { stats(): WsGatewayStats } {
  return new SimWsGateway({
    market: deps.market,
    engine: deps.engine,
    clock: deps.clock,
    logger: deps.logger,
    lifelessCloseMs: deps.lifelessCloseMs ?? DEFAULT_LIFELESS_CLOSE_MS,
    positionPushIntervalMs: deps.positionPushIntervalMs ?? DEFAULT_POSITION_PUSH_INTERVAL_MS,
  });
}
