import WebSocket, { type RawData } from 'ws';
import { exponentialDelay } from '../../../platform/backoff/backoff.ts';
import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { TopicHealth, Unsubscribe } from '../../port/streams.ts';
import {
  OKX_WS_PING,
  OKX_WS_PONG,
  type OkxWsChannelArg,
  OkxWsErrorEventSchema,
  type OkxWsLoginArg,
  OkxWsLoginEventSchema,
  OkxWsSubscriptionEventSchema,
} from '../protocol/wire/ws.ts';

/**
 * One self-healing OKX WebSocket (https://www.okx.com/docs-v5/en/#overview-websocket): it holds a set of wanted channel args and
 * keeps them subscribed across reconnects; the streams in `../streams/` parse what it hands on.
 *
 * - **Login first** when `login` is given (private, and business for private channels): the
 *   `login` op with a seconds timestamp signed at the server's time; subscriptions wait for its
 *   success. A refusal is reported and retried with backoff.
 * - **Heartbeat**: the text `ping` every `pingIntervalMs` (20 s: OKX closes a link silent for
 *   30 s, code 4004), answered by the text `pong`. Nothing received for two intervals and 5 s
 *   more kills the socket: the link is stalled even if TCP says open.
 * - **Ready** = logged in and every wanted arg acknowledged (or refused); the backoff resets only
 *   there. **Backoff**: from `reconnectDelayMs` (5 s) doubling to 60 s, equal jitter.
 * - **Resubscribe**: on each (re)connection every wanted arg is sent again, 100 args a frame
 *   (OKX allows 64 KB of args a frame and 480 ops an hour per connection).
 * - **On demand** (`connectOnDemand`): no socket while nothing is wanted, since OKX closes a
 *   connection without subscriptions after 30 s.
 * Every timer is on the injected clock; only socket I/O is real.
 */
export type OkxConnectionStatus =
  | { readonly type: 'connected' }
  | { readonly type: 'ready'; readonly afterReconnect: boolean }
  | { readonly type: 'disconnected'; readonly reason: string }
  | { readonly type: 'login_failed'; readonly error: string };

/** A push frame: `{arg, data, eventType?, ...}`, still to be validated by the channel's schema. */
export interface OkxConnectionPush {
  readonly key: string;
  readonly message: unknown;
}

export interface OkxWsConnectionOptions {
  /** For logs: "public", "private" or "business". */
  readonly name: string;
  readonly url: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Given: the connection logs in first, with these args (built at the server's time). */
  readonly login?: () => Promise<OkxWsLoginArg>;
  readonly pingIntervalMs?: number;
  readonly reconnectDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  readonly random?: () => number;
  readonly connectOnDemand?: boolean;
}

export const OKX_DEFAULT_PING_INTERVAL_MS = 20_000;
const DEFAULT_RECONNECT_DELAY_MS = 5_000;
const DEFAULT_RECONNECT_MAX_DELAY_MS = 60_000;
const SILENCE_MARGIN_MS = 5_000;
const ARGS_PER_FRAME = 100;

/** The identity of a channel arg: its channel and the fields that select what it pushes. */
export function argKey(arg: Pick<OkxWsChannelArg, 'channel' | 'instId' | 'instType' | 'instFamily' | 'ccy'>): string {
  return [arg.channel, arg.instId ?? '', arg.instType ?? '', arg.instFamily ?? '', arg.ccy ?? ''].join('|');
}

interface Wanted {
  readonly arg: OkxWsChannelArg;
  subscribed: boolean;
  lastMessageAt: number | undefined;
}

export class OkxWsConnection {
  readonly #options: OkxWsConnectionOptions;
  readonly #pingIntervalMs: number;
  readonly #wanted = new Map<string, Wanted>();
  readonly #pushListeners = new Set<(push: OkxConnectionPush) => void>();
  readonly #statusListeners = new Set<(status: OkxConnectionStatus) => void>();
  #socket: WebSocket | undefined;
  #running = false;
  #loggedIn = false;
  #ready = false;
  #everReady = false;
  #attempt = 0;
  #reconnects = 0;
  #lastReceivedAt = 0;
  #pingTimer: TimerHandle | undefined;
  #reconnectTimer: TimerHandle | undefined;
  /** Why we closed the socket ourselves (a refused login), reported with its `disconnected`. */
  #closeReason: string | undefined;
  /** Args sent in a subscribe frame and not yet answered on this socket. */
  readonly #pending = new Set<string>();
  #hotPath: ((bytes: Buffer) => string | undefined) | undefined;

  constructor(options: OkxWsConnectionOptions) {
    this.#options = options;
    this.#pingIntervalMs = options.pingIntervalMs ?? OKX_DEFAULT_PING_INTERVAL_MS;
  }

  onPush(listener: (push: OkxConnectionPush) => void): Unsubscribe {
    const entry = (push: OkxConnectionPush) => listener(push);
    this.#pushListeners.add(entry);
    return () => this.#pushListeners.delete(entry);
  }

  /**
   * The owner's fast path (the market stream's, decision 0034): it reads a frame from its bytes
   * and returns the arg key of a push it handled, or undefined to leave the frame to the general
   * path. A handled push reaches no `onPush` listener.
   */
  setHotPath(hotPath: (bytes: Buffer) => string | undefined): void {
    this.#hotPath = hotPath;
  }

  onStatus(listener: (status: OkxConnectionStatus) => void): Unsubscribe {
    const entry = (status: OkxConnectionStatus) => listener(status);
    this.#statusListeners.add(entry);
    return () => this.#statusListeners.delete(entry);
  }

  get isReady(): boolean {
    return this.#ready;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    if (!this.#options.connectOnDemand || this.#wanted.size > 0) this.#connect();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#options.clock.clearTimer(this.#reconnectTimer);
    this.#options.clock.clearTimer(this.#pingTimer);
    this.#reconnectTimer = undefined;
    this.#pingTimer = undefined;
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    }
  }

  want(arg: OkxWsChannelArg): void {
    const key = argKey(arg);
    if (this.#wanted.has(key)) return;
    this.#wanted.set(key, { arg, subscribed: false, lastMessageAt: undefined });
    if (!this.#running) return;
    if (!this.#socket) {
      this.#clearReconnect();
      this.#connect();
      return;
    }
    if (this.#canSubscribe()) this.#subscribe([arg]);
  }

  unwant(arg: OkxWsChannelArg): void {
    const key = argKey(arg);
    const wanted = this.#wanted.get(key);
    if (!wanted) return;
    this.#wanted.delete(key);
    this.#pending.delete(key);
    if (this.#canSubscribe()) this.#send({ op: 'unsubscribe', args: [wanted.arg] });
  }

  health(): readonly TopicHealth[] {
    return [...this.#wanted.entries()].map(([key, wanted]) => ({
      topic: key,
      lastMessageAt: wanted.lastMessageAt,
      reconnects: this.#reconnects,
      subscribed: wanted.subscribed,
    }));
  }

  #canSubscribe(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN && (this.#options.login === undefined || this.#loggedIn);
  }

  #connect(): void {
    const { url, name, logger } = this.#options;
    const socket = new WebSocket(url);
    this.#socket = socket;
    this.#loggedIn = false;
    this.#ready = false;
    this.#pending.clear();
    this.#lastReceivedAt = this.#options.clock.now();
    this.#startHeartbeat(socket);
    socket.on('open', () => {
      if (socket !== this.#socket) return;
      this.#emitStatus({ type: 'connected' });
      if (this.#options.login) void this.#logIn(socket);
      else this.#subscribeAll();
    });
    socket.on('message', (data: RawData) => {
      if (socket !== this.#socket) return;
      this.#lastReceivedAt = this.#options.clock.now();
      if (this.#hotPath !== undefined && Buffer.isBuffer(data) && this.#onHotFrame(data)) return;
      this.#onFrame(data.toString());
    });
    socket.on('error', (error) => {
      logger.warn({ err: error, connection: name }, 'OKX WebSocket error');
    });
    socket.on('close', (code, reason) => {
      if (socket !== this.#socket) return;
      this.#socket = undefined;
      const ours = this.#closeReason;
      this.#closeReason = undefined;
      this.#onClosed(ours ?? `closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
    });
  }

  async #logIn(socket: WebSocket): Promise<void> {
    try {
      const args = await (this.#options.login as () => Promise<OkxWsLoginArg>)();
      if (socket === this.#socket && socket.readyState === WebSocket.OPEN) this.#send({ op: 'login', args: [args] });
    } catch (error) {
      this.#emitStatus({ type: 'login_failed', error: error instanceof Error ? error.message : String(error) });
      socket.terminate();
    }
  }

  /** True when the fast path handled the frame. */
  #onHotFrame(bytes: Buffer): boolean {
    let key: string | undefined;
    try {
      key = (this.#hotPath as (bytes: Buffer) => string | undefined)(bytes);
    } catch (error) {
      this.#options.logger.error({ err: error, connection: this.#options.name }, 'the OKX fast path threw');
      return true;
    }
    if (key === undefined) return false;
    const wanted = this.#wanted.get(key);
    if (wanted) wanted.lastMessageAt = this.#lastReceivedAt;
    return true;
  }

  #onFrame(text: string): void {
    if (text === OKX_WS_PONG) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#options.logger.warn({ connection: this.#options.name, frame: text.slice(0, 200) }, 'OKX frame is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('event' in message) {
      this.#onEvent(message);
      return;
    }
    const arg = (message as { arg?: OkxWsChannelArg }).arg;
    if (!arg || typeof arg.channel !== 'string') return;
    const key = argKey(arg);
    const wanted = this.#wanted.get(key);
    if (wanted) wanted.lastMessageAt = this.#options.clock.now();
    for (const listener of this.#pushListeners) {
      try {
        listener({ key, message });
      } catch (error) {
        this.#options.logger.error({ err: error, connection: this.#options.name }, 'an OKX push listener threw');
      }
    }
  }

  #onEvent(message: object): void {
    const login = OkxWsLoginEventSchema.safeParse(message);
    if (login.success) {
      if (login.data.code === '0') {
        this.#loggedIn = true;
        this.#subscribeAll();
      } else {
        this.#loginRefused(`${login.data.code} ${login.data.msg}`);
      }
      return;
    }
    const ack = OkxWsSubscriptionEventSchema.safeParse(message);
    if (ack.success) {
      const key = argKey(ack.data.arg);
      const wanted = this.#wanted.get(key);
      if (ack.data.event === 'subscribe' && wanted) wanted.subscribed = true;
      this.#answered(key);
      return;
    }
    const error = OkxWsErrorEventSchema.safeParse(message);
    if (!error.success) return;
    const { code, msg } = error.data;
    if (error.data.event === 'notice') {
      // 64008: a service upgrade will close the connection soon; reconnect now, on our terms.
      this.#options.logger.warn({ connection: this.#options.name, code, msg }, 'OKX notice: reconnecting');
      this.#socket?.terminate();
      return;
    }
    if (!this.#loggedIn && this.#options.login) {
      this.#loginRefused(`${code} ${msg}`);
      return;
    }
    this.#options.logger.warn({ connection: this.#options.name, code, msg }, 'OKX refused a request');
    // A refused subscribe is answered too: drop the pending arg it names, if the message says.
    for (const key of [...this.#pending]) if (msg.includes(key.split('|')[0] ?? '\u0000')) this.#answered(key);
  }

  #loginRefused(error: string): void {
    this.#closeReason = `login refused by OKX: ${error}`;
    this.#emitStatus({ type: 'login_failed', error });
    this.#socket?.terminate();
  }

  #subscribeAll(): void {
    const args = [...this.#wanted.values()].map((wanted) => wanted.arg);
    if (args.length === 0) {
      this.#becomeReady();
      return;
    }
    for (let index = 0; index < args.length; index += ARGS_PER_FRAME)
      this.#subscribe(args.slice(index, index + ARGS_PER_FRAME));
  }

  #subscribe(args: readonly OkxWsChannelArg[]): void {
    for (const arg of args) this.#pending.add(argKey(arg));
    this.#send({ op: 'subscribe', args });
  }

  #answered(key: string): void {
    this.#pending.delete(key);
    if (!this.#ready && this.#pending.size === 0) this.#becomeReady();
  }

  #becomeReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.#attempt = 0;
    const afterReconnect = this.#everReady;
    this.#everReady = true;
    this.#emitStatus({ type: 'ready', afterReconnect });
  }

  #onClosed(reason: string): void {
    this.#options.clock.clearTimer(this.#pingTimer);
    this.#pingTimer = undefined;
    this.#ready = false;
    this.#loggedIn = false;
    for (const wanted of this.#wanted.values()) wanted.subscribed = false;
    this.#emitStatus({ type: 'disconnected', reason });
    if (!this.#running) return;
    if (this.#options.connectOnDemand && this.#wanted.size === 0) return;
    const delay = exponentialDelay(this.#attempt, {
      baseMs: this.#options.reconnectDelayMs ?? DEFAULT_RECONNECT_DELAY_MS,
      maxMs: this.#options.reconnectMaxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
      equalJitter: { random: this.#options.random ?? Math.random },
    });
    this.#attempt += 1;
    this.#reconnects += 1;
    this.#reconnectTimer = this.#options.clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#running && !this.#socket) this.#connect();
    }, delay);
  }

  #clearReconnect(): void {
    this.#options.clock.clearTimer(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }

  #startHeartbeat(socket: WebSocket): void {
    this.#options.clock.clearTimer(this.#pingTimer);
    const silenceMs = 2 * this.#pingIntervalMs + SILENCE_MARGIN_MS;
    this.#pingTimer = this.#options.clock.setInterval(() => {
      if (socket !== this.#socket) return;
      if (this.#options.clock.now() - this.#lastReceivedAt > silenceMs) {
        this.#options.logger.warn({ connection: this.#options.name, silenceMs }, 'OKX WebSocket silent: reconnecting');
        socket.terminate();
        return;
      }
      if (socket.readyState === WebSocket.OPEN) socket.send(OKX_WS_PING);
    }, this.#pingIntervalMs);
  }

  #send(frame: unknown): void {
    const socket = this.#socket;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  #emitStatus(status: OkxConnectionStatus): void {
    for (const listener of this.#statusListeners) {
      try {
        listener(status);
      } catch (error) {
        this.#options.logger.error({ err: error, connection: this.#options.name }, 'an OKX status listener threw');
      }
    }
  }
}
