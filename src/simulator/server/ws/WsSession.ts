import WebSocket from 'ws';
import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';

/** A slow consumer is dropped rather than letting its send buffer grow without bound. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/**
 * One client connection: the socket, the account it logged in as, and the "lifeless" timer
 * (docs/reference/bitmart-wire.md#websocket-connection: a connection that subscribes to nothing within 5 s is closed).
 * Subscriptions themselves live in the SubscriptionRegistry.
 */
export class WsSession {
  readonly id: number;
  readonly path: string;
  readonly #socket: WebSocket;
  readonly #clock: Clock;
  #accountId: string | undefined;
  #lifelessTimer: TimerHandle | undefined;

  constructor(id: number, path: string, socket: WebSocket, clock: Clock) {
    this.id = id;
    this.path = path;
    this.#socket = socket;
    this.#clock = clock;
  }

  /** Set by a successful `access`; private pushes are routed by it. */
  get accountId(): string | undefined {
    return this.#accountId;
  }

  authenticate(accountId: string): void {
    this.#accountId = accountId;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame; the same pre-encoded push goes to every subscriber without re-encoding. */
  send(frame: string | Buffer): void {
    if (!this.isOpen) return;
    if (this.#socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.#socket.terminate();
      return;
    }
    this.#socket.send(frame, { binary: false });
  }

  armLifelessTimer(delayMs: number, onLifeless: () => void): void {
    if (delayMs <= 0) return;
    this.#lifelessTimer = this.#clock.setTimeout(() => {
      this.#lifelessTimer = undefined;
      onLifeless();
    }, delayMs);
  }

  /** The first subscription proves the connection alive. */
  disarmLifelessTimer(): void {
    this.#clock.clearTimer(this.#lifelessTimer);
    this.#lifelessTimer = undefined;
  }

  close(code: number, reason: string): void {
    this.disarmLifelessTimer();
    this.#socket.close(code, reason);
  }

  terminate(): void {
    this.disarmLifelessTimer();
    this.#socket.terminate();
  }
}
