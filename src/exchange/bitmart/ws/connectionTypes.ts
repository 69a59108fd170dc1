import type { Clock } from '../../../platform/clock/index.ts';
import type { BitmartCredentials } from '../../../platform/config/bitmartConfig.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { HotPush } from './HotPushDecoder.ts';

/** The options, statuses and pushes of a `BitmartWsConnection`. */

export interface BitmartWsConnectionOptions {
  /** For logs: "public" or "private". */
  readonly name: string;
  readonly url: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Given: the connection logs in (`access`) and holds every subscription until the login succeeds. */
  readonly credentials?: BitmartCredentials;
  readonly subscribeBatch?: number;
  readonly subscribeDelayMs?: number;
  readonly pingIntervalMs?: number;
  readonly reconnectDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** Default `silenceTimeoutFor(pingIntervalMs)`: 35 s with the default ping. */
  readonly silenceTimeoutMs?: number;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  readonly random?: () => number;
}

export type ConnectionStatus =
  /** The socket is open and, on a private connection, logged in. */
  | { readonly type: 'connected' }
  /** Every wanted topic was answered on this connection; `afterReconnect` is false the first time. */
  | { readonly type: 'ready'; readonly afterReconnect: boolean }
  | { readonly type: 'disconnected'; readonly reason: string }
  | { readonly type: 'login_failed'; readonly error: string };

export interface ConnectionPush {
  readonly group: string;
  /** The wanted topic the push belongs to (its group without a speed suffix). */
  readonly topic: string | undefined;
  /** The whole frame, `{group, data}`, still to be validated by the channel's schema. */
  readonly message: unknown;
  /**
   * Set when the frame was a kline or ticker push read by `HotPushDecoder`: already validated
   * against its channel's schema, `message` is then the same value (`hot.push`).
   */
  readonly hot: HotPush | undefined;
}
