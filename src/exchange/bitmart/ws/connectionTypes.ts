import type { Clock } from '../../../platform/clock/index.ts';
import type { BitmartCredentials } from '../../../platform/config/bitmartConfig.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { WsConnectionStatus } from '../../streams/StreamStatusRelay.ts';

/** The options, statuses and pushes of a `BitmartWsConnection`. */

/**
 * Reads the frames a stream expects most straight from their bytes, into the stream's own events
 * (the market stream's: docs/decisions/0009-ws-frame-templates.md). Declining is always safe: the
 * frame then takes the general path (`JSON.parse`, guards, zod).
 */
export interface HotFrameDecoder<E> {
  /** The event of the frame, or undefined to leave the frame to the general path. */
  decode(bytes: Buffer, receivedAt: number): E | undefined;
  /** The group of the frame `decode` last turned into an event. */
  readonly group: string;
}

export interface BitmartWsConnectionOptions<E = never> {
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
  readonly hotDecoder?: HotFrameDecoder<E>;
  /**
   * Connect only while a topic is wanted (default false: connect at `start()`). BitMart closes a
   * connection that subscribes to nothing within 5 s (docs/reference/bitmart-wire.md#websocket-connection), so a public
   * connection with nothing to hold would otherwise be closed and reopened in a loop; with this it stays idle
   * and connects at once on the first subscription.
   */
  readonly connectOnDemand?: boolean;
}

export type ConnectionStatus = WsConnectionStatus;

export type ConnectionPush<E = never> =
  | {
      readonly group: string;
      /** The wanted topic the push belongs to (its group without a speed suffix). */
      readonly topic: string | undefined;
      /** The whole frame, `{group, data}`, still to be validated by the channel's schema. */
      readonly message: unknown;
      readonly hot: undefined;
    }
  | {
      readonly group: string;
      readonly topic: string | undefined;
      readonly message: undefined;
      /** What the connection's `hotDecoder` read from the frame: already validated. */
      readonly hot: E;
    };
