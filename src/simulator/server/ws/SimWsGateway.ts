import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { SimEngine } from '../../engine/types.ts';
import type { Market } from '../../market/types.ts';
import type { WsGateway } from '../WsGateway.ts';
import { PrivateFanout } from './PrivateFanout.ts';
import { PublicFanout } from './PublicFanout.ts';
import { RequestHandler } from './RequestHandler.ts';
import { SubscriptionRegistry } from './SubscriptionRegistry.ts';
import { WsSession } from './WsSession.ts';

/** Client requests are small (args ≤ 4096 bytes); anything far larger is not a BitMart client. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** How long a closing handshake may take before the socket is destroyed (ws defaults to 30 s). */
const CLOSE_HANDSHAKE_TIMEOUT_MS = 2_000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_POLICY_VIOLATION = 1008;

export interface SimWsGatewayOptions {
  readonly market: Market;
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  /** 0 disables the lifeless close. */
  readonly lifelessCloseMs: number;
  readonly positionPushIntervalMs: number;
}

export interface WsGatewayStats {
  readonly connections: number;
  readonly subscriptions: number;
}

/**
 * The simulator's futures WebSocket (docs/reference/bitmart-wire.md#what-clients-depend-on): every channel on both
 * `/api` and `/user`, because bitmart-api's `wsUrl` option points both of its connections at one URL.
 */
export class SimWsGateway implements WsGateway {
  readonly #options: SimWsGatewayOptions;
  readonly #server: WebSocketServer;
  readonly #registry = new SubscriptionRegistry<WsSession>();
  readonly #sessions = new Map<WebSocket, WsSession>();
  readonly #publicFanout: PublicFanout;
  readonly #privateFanout: PrivateFanout;
  readonly #handler: RequestHandler;
  #nextSessionId = 1;
  #closed = false;

  constructor(options: SimWsGatewayOptions) {
    this.#options = options;
    const serverOptions = {
      noServer: true,
      maxPayload: MAX_CLIENT_FRAME_BYTES,
      perMessageDeflate: false,
      autoPong: true,
      closeTimeout: CLOSE_HANDSHAKE_TIMEOUT_MS,
    };
    this.#server = new WebSocketServer(serverOptions);
    const { market, engine, clock, logger } = options;
    const registry = this.#registry;
    this.#publicFanout = new PublicFanout({ market, registry, clock, logger });
    this.#privateFanout = new PrivateFanout({
      engine,
      registry,
      clock,
      logger,
      positionPushIntervalMs: options.positionPushIntervalMs,
    });
    this.#handler = new RequestHandler({
      market,
      engine,
      clock,
      logger,
      registry,
      publicFanout: this.#publicFanout,
      privateFanout: this.#privateFanout,
    });
    // Registered after the engine's own tick listener (the composition root starts the engine
    // first), so fills of a tick are pushed before that tick's public pushes.
    this.#privateFanout.start();
    this.#publicFanout.start();
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (webSocket) => this.#accept(webSocket, request));
  }

  dropAll(): number {
    const sessions = [...this.#sessions.entries()];
    for (const [webSocket, session] of sessions) {
      session.terminate();
      this.#forget(webSocket);
    }
    if (sessions.length > 0) this.#options.logger.info({ dropped: sessions.length }, 'dropped WebSocket connections');
    return sessions.length;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#publicFanout.stop();
    this.#privateFanout.stop();
    const closing = [...this.#sessions.keys()].map(
      (webSocket) => new Promise<void>((resolve) => webSocket.once('close', () => resolve())),
    );
    for (const session of this.#sessions.values()) session.close(CLOSE_GOING_AWAY, 'server shutting down');
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  stats(): WsGatewayStats {
    return { connections: this.#sessions.size, subscriptions: this.#registry.size };
  }

  #accept(webSocket: WebSocket, request: IncomingMessage): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const session = new WsSession(this.#nextSessionId++, path, webSocket, this.#options.clock);
    this.#sessions.set(webSocket, session);
    const logger = this.#options.logger;
    logger.debug({ connection: session.id, path }, 'WebSocket connected');
    webSocket.on('message', (data, isBinary) => this.#onMessage(session, data, isBinary));
    webSocket.on('error', (error) => logger.debug({ connection: session.id, err: error }, 'WebSocket error'));
    webSocket.on('close', (code) => {
      this.#forget(webSocket);
      logger.debug({ connection: session.id, code }, 'WebSocket closed');
    });
    session.armLifelessTimer(this.#options.lifelessCloseMs, () => {
      logger.info({ connection: session.id }, 'closing a lifeless WebSocket (no subscription)');
      session.close(CLOSE_POLICY_VIOLATION, 'no subscription');
    });
  }

  #onMessage(session: WsSession, data: RawData, isBinary: boolean): void {
    // Clients send text; a binary frame is read as UTF-8 text rather than refused.
    const text = isBinary || !Buffer.isBuffer(data) ? rawToText(data) : data.toString('utf8');
    try {
      this.#handler.handle(session, text);
    } catch (error) {
      this.#options.logger.error({ connection: session.id, err: error }, 'WebSocket request failed');
    }
  }

  #forget(webSocket: WebSocket): void {
    const session = this.#sessions.get(webSocket);
    if (!session) return;
    session.disarmLifelessTimer();
    this.#registry.removeSession(session);
    this.#sessions.delete(webSocket);
  }
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
