import type { Logger } from '../../platform/logging/logger.ts';
import type { StreamEvent, Unsubscribe } from '../port/streams.ts';
import { Listeners } from './Listeners.ts';

/** A venue WebSocket connection's status, as both venues' connections report it. */
export type WsConnectionStatus =
  /** The socket is open and, on a private connection, logged in. */
  | { readonly type: 'connected' }
  /** Every wanted topic was answered on this connection; `afterReconnect` is false the first time. */
  | { readonly type: 'ready'; readonly afterReconnect: boolean }
  | { readonly type: 'disconnected'; readonly reason: string }
  | { readonly type: 'login_failed'; readonly error: string };

/** The part of a connection the relay reads. */
export interface StatusSource {
  onStatus(listener: (status: WsConnectionStatus) => void): Unsubscribe;
}

export interface StreamStatusHooks {
  /** Runs before `disconnected` is reported, so the stream can mark what must be resynced. */
  readonly onConnectionLost: () => void;
  /** Resolves when the stream is whole again after a reconnect (the market stream's backfill). */
  readonly resync: () => Promise<void>;
}

/**
 * Connection status → the port's `StreamEvent`s. A refused login is reported as `disconnected`
 * with the venue's reason (the connection drops and retries with backoff). `resynced` follows a
 * reconnect once every topic is answered and the stream's own resync is done, unless the link
 * dropped again meanwhile.
 */
export class StreamStatusRelay {
  readonly #listeners: Listeners<StreamEvent>;
  #epoch = 0;

  constructor(connection: StatusSource, logger: Logger, hooks: StreamStatusHooks) {
    this.#listeners = new Listeners(logger, 'stream status');
    connection.onStatus((status) => {
      switch (status.type) {
        case 'connected':
          this.#listeners.emit({ type: 'connected' });
          return;
        case 'disconnected':
          this.#epoch += 1;
          hooks.onConnectionLost();
          this.#listeners.emit({ type: 'disconnected', reason: status.reason });
          return;
        case 'ready': {
          if (!status.afterReconnect) return;
          const epoch = this.#epoch;
          hooks.resync().then(
            () => {
              if (epoch === this.#epoch) this.#listeners.emit({ type: 'resynced' });
            },
            (error: unknown) => logger.error({ err: error }, 'stream resync failed'),
          );
          return;
        }
        case 'login_failed':
          return;
      }
    });
  }

  add(listener: (event: StreamEvent) => void): Unsubscribe {
    return this.#listeners.add(listener);
  }
}
