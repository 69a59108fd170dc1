import type { Logger } from '../../platform/logging/logger.ts';
import type { StreamEvent, TopicHealth, Unsubscribe } from '../port/streams.ts';
import { Listeners } from './Listeners.ts';
import { type StatusSource, StreamStatusRelay } from './StreamStatusRelay.ts';

/** The part of a venue's WebSocket connection every stream over it uses. */
export interface StreamConnection extends StatusSource {
  health(): readonly TopicHealth[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What a venue's stream over one WebSocket connection is besides its channels, the same for every
 * venue: its event listeners, the connection's status as the port's `StreamEvent`s, and the
 * connection's lifecycle. A venue's stream adds its channels and decodes its pushes; it overrides
 * `onConnectionLost` and `resync` when a drop leaves something to catch up.
 */
export abstract class ConnectionStream<Event> {
  protected readonly events: Listeners<Event>;
  readonly #connection: StreamConnection;
  readonly #status: StreamStatusRelay;

  protected constructor(connection: StreamConnection, logger: Logger, what: string) {
    this.#connection = connection;
    this.events = new Listeners(logger, what);
    this.#status = new StreamStatusRelay(connection, logger, {
      onConnectionLost: () => this.onConnectionLost(),
      resync: () => this.resync(),
    });
  }

  onEvent(listener: (event: Event) => void): Unsubscribe {
    return this.events.add(listener);
  }

  onStatus(listener: (event: StreamEvent) => void): Unsubscribe {
    return this.#status.add(listener);
  }

  health(): readonly TopicHealth[] {
    return this.#connection.health();
  }

  start(): Promise<void> {
    return this.#connection.start();
  }

  stop(): Promise<void> {
    return this.#connection.stop();
  }

  /** Runs before `disconnected` is reported: mark what must be caught up after the reconnect. */
  protected onConnectionLost(): void {}

  /** Resolves when the stream is whole again after a reconnect; `resynced` follows. */
  protected resync(): Promise<void> {
    return Promise.resolve();
  }
}
