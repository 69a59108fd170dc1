import WebSocket, { type RawData } from 'ws';
import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { TopicHealth, Unsubscribe } from '../../port/streams.ts';
import { Listeners } from '../../streams/Listeners.ts';
import { BitmartWsTopicSchema } from '../protocol/wire/index.ts';
import {
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_RECONNECT_DELAY_MS,
  DEFAULT_RECONNECT_MAX_DELAY_MS,
  DEFAULT_SUBSCRIBE_BATCH,
  DEFAULT_SUBSCRIBE_DELAY_MS,
  reconnectDelay,
  silenceTimeoutFor,
} from './connectionPolicy.ts';
import type {
  BitmartWsConnectionOptions,
  ConnectionPush,
  ConnectionStatus,
  HotFrameDecoder,
} from './connectionTypes.ts';
import { Heartbeat } from './Heartbeat.ts';
import { type IncomingFrame, parseIncomingFrame } from './incomingFrame.ts';
import { loginFrame } from './loginFrame.ts';
import { RequestPacer, type TopicRequest } from './RequestPacer.ts';
import { TopicBook } from './TopicBook.ts';

export type {
  BitmartWsConnectionOptions,
  ConnectionPush,
  ConnectionStatus,
  HotFrameDecoder,
} from './connectionTypes.ts';

const PING_FRAME = JSON.stringify({ action: 'ping' });
const NORMAL_CLOSE = 1000;
/** A peer that never completes the closing handshake is cut off after this (ws would wait 30 s). */
const CLOSE_HANDSHAKE_TIMEOUT_MS = 2_000;

/**
 * One BitMart futures WebSocket (docs/reference/bitmart-wire.md#websocket-connection) that stays connected: login,
 * paced subscriptions, heartbeat, silence detection, reconnection with backoff and replay of the wanted
 * topics. Every timer is on the injected clock. Pushes are handed on unparsed beyond the envelope
 * (the streams validate and map them), except those the optional `hotDecoder` reads first.
 */
export class BitmartWsConnection<E = never> {
  readonly #options: BitmartWsConnectionOptions<E>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #book = new TopicBook();
  readonly #pacer: RequestPacer;
  readonly #pushes: Listeners<ConnectionPush<E>>;
  readonly #statuses: Listeners<ConnectionStatus>;
  readonly #heartbeat: Heartbeat;
  readonly #silenceTimeoutMs: number;
  readonly #hotDecoder: HotFrameDecoder<E> | undefined;
  #socket: WebSocket | undefined;
  #running = false;
  /** Consecutive attempts that did not reach `ready`; drives the backoff. */
  #failedAttempts = 0;
  #connections = 0;
  #loggedIn = false;
  #ready = false;
  #reconnectTimer: TimerHandle | undefined;
  #loginTimer: TimerHandle | undefined;
  #firstReady: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(options: BitmartWsConnectionOptions<E>) {
    this.#options = options;
    this.#hotDecoder = options.hotDecoder;
    this.#clock = options.clock;
    this.#logger = options.logger.child({ connection: options.name });
    const pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.#silenceTimeoutMs = options.silenceTimeoutMs ?? silenceTimeoutFor(pingIntervalMs);
    this.#heartbeat = new Heartbeat({
      clock: options.clock,
      pingIntervalMs,
      silenceTimeoutMs: this.#silenceTimeoutMs,
      sendPing: () => this.#send(PING_FRAME),
      onSilent: (silentFor) => this.#abandon(`silent for ${silentFor} ms`),
    });
    this.#pushes = new Listeners(this.#logger, 'push');
    this.#statuses = new Listeners(this.#logger, 'status');
    this.#pacer = new RequestPacer({
      clock: options.clock,
      batchSize: options.subscribeBatch ?? DEFAULT_SUBSCRIBE_BATCH,
      delayMs: options.subscribeDelayMs ?? DEFAULT_SUBSCRIBE_DELAY_MS,
      send: (request) => this.#sendRequest(request),
    });
  }

  onPush(listener: (push: ConnectionPush<E>) => void): Unsubscribe {
    return this.#pushes.add(listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): Unsubscribe {
    return this.#statuses.add(listener);
  }

  /**
   * Connects; resolves at the first `ready`. Rejects if the first login is refused (the
   * connection keeps retrying with backoff) or if stopped first. Never times out by itself.
   * With `connectOnDemand` and nothing wanted, resolves at once and connects on the first subscribe.
   */
  start(): Promise<void> {
    if (this.#running) return Promise.resolve();
    this.#running = true;
    if (this.#idle) return Promise.resolve();
    const firstReady = new Promise<void>((resolve, reject) => {
      this.#firstReady = { resolve, reject };
    });
    // Marked handled here: a caller that does not await start() must not crash on a refused login.
    firstReady.catch(() => undefined);
    this.#connect();
    return firstReady;
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#clock.clearTimer(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#settleFirstReady(new Error(`${this.#options.name} WebSocket stopped before it was ready`));
    const socket = this.#socket;
    if (!socket) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    this.#abandon('stopped');
    const cutOff = this.#clock.setTimeout(() => socket.terminate(), CLOSE_HANDSHAKE_TIMEOUT_MS);
    await closed;
    this.#clock.clearTimer(cutOff);
  }

  /** Adds topics to the wanted set; they are sent now if connected, else on (re)connection. */
  subscribe(topics: readonly string[]): void {
    for (const topic of topics) BitmartWsTopicSchema.parse(topic);
    const added = this.#book.want(topics);
    // Idle on demand (no socket, no reconnect pending): connect now, the topics go out on login.
    if (this.#running && !this.#socket && this.#reconnectTimer === undefined && added.length > 0) {
      this.#connect();
      return;
    }
    if (!this.#loggedIn || added.length === 0) return;
    this.#book.awaitAck(added);
    this.#pacer.enqueue('subscribe', added);
  }

  unsubscribe(topics: readonly string[]): void {
    const removed = this.#book.drop(topics);
    if (this.#loggedIn) this.#pacer.enqueue('unsubscribe', removed);
  }

  health(): TopicHealth[] {
    return this.#book.health(this.reconnects);
  }

  /** On demand and nothing to hold: no socket is kept (and none is reopened after a close). */
  get #idle(): boolean {
    return this.#options.connectOnDemand === true && this.#book.wanted().length === 0;
  }

  /** Connections opened after the first one. */
  get reconnects(): number {
    return Math.max(0, this.#connections - 1);
  }

  #connect(): void {
    this.#reconnectTimer = undefined;
    if (!this.#running) return;
    // BitMart's futures frames are plain-text JSON (bitmart-wire.md#websocket-connection) and JSON.parse rejects
    // garbled text anyway, so ws's per-frame UTF-8 pass is skipped on this hot path.
    const socket = new WebSocket(this.#options.url, { perMessageDeflate: false, skipUTF8Validation: true });
    this.#socket = socket;
    this.#heartbeat.watch();
    socket.on('open', () => socket === this.#socket && this.#onOpen(socket));
    socket.on('message', (data, isBinary) => socket === this.#socket && this.#onMessage(data, isBinary));
    socket.on('close', (code, reason) => {
      if (socket === this.#socket) this.#abandon(`closed by the server (${code}${reason.length ? ` ${reason}` : ''})`);
    });
    socket.on('error', (error) => {
      this.#logger.debug({ err: error }, 'WebSocket error');
      if (socket === this.#socket && socket.readyState !== WebSocket.OPEN) this.#abandon(error.message);
    });
  }

  #onOpen(socket: WebSocket): void {
    this.#connections += 1;
    this.#heartbeat.startPinging();
    const credentials = this.#options.credentials;
    if (!credentials) {
      this.#onLoggedIn();
      return;
    }
    socket.send(JSON.stringify(loginFrame(credentials, this.#clock.now())));
    // A server that answers pings but never the login would otherwise hold the topics forever.
    this.#loginTimer = this.#clock.setTimeout(() => {
      this.#loginTimer = undefined;
      if (socket === this.#socket && !this.#loggedIn) this.#onLoginRefused('no reply to the login');
    }, this.#silenceTimeoutMs);
  }

  #onLoggedIn(): void {
    this.#clock.clearTimer(this.#loginTimer);
    this.#loginTimer = undefined;
    this.#loggedIn = true;
    this.#statuses.emit({ type: 'connected' });
    this.#pacer.open();
    const wanted = this.#book.wanted();
    this.#book.awaitAck(wanted);
    this.#pacer.enqueue('subscribe', wanted);
    this.#checkReady();
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    this.#heartbeat.heard();
    if (isBinary) {
      this.#handleFrame(parseIncomingFrame(''));
      return;
    }
    const decoder = this.#hotDecoder;
    const receivedAt = this.#heartbeat.lastHeardAt;
    const hot = decoder !== undefined && Buffer.isBuffer(data) ? decoder.decode(data, receivedAt) : undefined;
    if (hot === undefined) {
      this.#handleFrame(parseIncomingFrame(data.toString()));
      return;
    }
    const group = decoder!.group;
    this.#pushes.emit({ group, topic: this.#book.touch(group, receivedAt), message: undefined, hot });
  }

  #handleFrame(frame: IncomingFrame): void {
    switch (frame.kind) {
      case 'pong':
        return;
      case 'push':
        this.#pushes.emit({
          group: frame.group,
          topic: this.#book.touch(frame.group, this.#heartbeat.lastHeardAt),
          message: frame.message,
          hot: undefined,
        });
        return;
      case 'login':
        if (frame.reply.success) this.#onLoggedIn();
        else this.#onLoginRefused(frame.reply.error ?? 'access refused');
        return;
      case 'ack':
        if (frame.reply.action === 'subscribe') this.#book.answered(frame.reply.group, true);
        this.#checkReady();
        return;
      case 'error': {
        const topics = frame.reply.group ? [frame.reply.group] : (frame.reply.request?.args ?? []);
        this.#logger.warn({ action: frame.reply.action, topics, error: frame.reply.error }, 'request refused');
        for (const topic of topics) if (this.#book.has(topic)) this.#book.answered(topic, false);
        this.#checkReady();
        return;
      }
      case 'unknown':
        this.#logger.debug({ frame: frame.text.slice(0, 200) }, 'unrecognised WebSocket frame');
    }
  }

  #onLoginRefused(error: string): void {
    this.#logger.warn({ error }, 'WebSocket login refused');
    this.#statuses.emit({ type: 'login_failed', error });
    this.#settleFirstReady(new Error(`${this.#options.name} WebSocket login refused: ${error}`));
    this.#abandon(`login refused: ${error}`);
  }

  #checkReady(): void {
    if (this.#ready || !this.#loggedIn || this.#book.awaitingAcks > 0 || !this.#pacer.idle) return;
    this.#ready = true;
    this.#failedAttempts = 0;
    this.#statuses.emit({ type: 'ready', afterReconnect: this.#connections > 1 });
    this.#settleFirstReady(undefined);
  }

  /**
   * Drops the current socket at once (the later `close` event of that socket is ignored), reports
   * why and, unless stopped, schedules the next attempt.
   */
  #abandon(reason: string): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = undefined;
    this.#heartbeat.stop();
    this.#clock.clearTimer(this.#loginTimer);
    this.#loginTimer = undefined;
    this.#pacer.close();
    this.#book.connectionLost();
    this.#loggedIn = false;
    this.#ready = false;
    if (reason === 'stopped') socket.close(NORMAL_CLOSE, 'client stopping');
    else socket.terminate();
    this.#logger.info({ reason }, 'WebSocket disconnected');
    this.#statuses.emit({ type: 'disconnected', reason });
    if (this.#running && this.#idle) this.#logger.info('WebSocket idle: nothing to subscribe, it reconnects on demand');
    else if (this.#running) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const delay = reconnectDelay(
      this.#failedAttempts,
      this.#options.reconnectDelayMs ?? DEFAULT_RECONNECT_DELAY_MS,
      this.#options.reconnectMaxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
      this.#options.random ?? Math.random,
    );
    this.#failedAttempts += 1;
    this.#logger.info({ delayMs: delay, attempt: this.#failedAttempts }, 'WebSocket reconnect scheduled');
    this.#reconnectTimer = this.#clock.setTimeout(() => this.#connect(), delay);
  }

  #sendRequest(request: TopicRequest): void {
    this.#send(JSON.stringify({ action: request.action, args: request.args }));
  }

  #send(frame: string): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(frame);
  }

  #settleFirstReady(error: Error | undefined): void {
    const pending = this.#firstReady;
    this.#firstReady = undefined;
    if (!pending) return;
    if (error) pending.reject(error);
    else pending.resolve();
  }
}
