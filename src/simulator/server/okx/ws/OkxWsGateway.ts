import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { okxBarOfCandleChannel, okxBarOpenTime } from '../../../../exchange/okx/protocol/bars.ts';
import { okxBookChecksum } from '../../../../exchange/okx/protocol/bookChecksum.ts';
import { type OkxCodeInfo, OkxCodes, OkxWsCloseCodes } from '../../../../exchange/okx/protocol/codes.ts';
import { okxInstId, symbolOfOkxInstId } from '../../../../exchange/okx/protocol/instruments.ts';
import { signOkxWsLogin } from '../../../../exchange/okx/protocol/signing.ts';
import {
  OKX_WS_PING,
  OKX_WS_PONG,
  type OkxWsChannelArg,
  type OkxWsEndpoint,
  OkxWsRequestSchema,
} from '../../../../exchange/okx/protocol/wire/ws.ts';
import type { Clock, TimerHandle } from '../../../../platform/clock/index.ts';
import { ZERO } from '../../../../platform/decimal/index.ts';
import type { Logger } from '../../../../platform/logging/logger.ts';
import type { AccountCredentials, EngineEvent, SimEngine, SimOrder, SimPosition } from '../../../engine/types.ts';
import type { Market, MarketTick } from '../../../market/types.ts';
import { okxBars } from '../candles.ts';
import type { OkxFaceState } from '../OkxFaceState.ts';
import { balanceRow, positionRow } from '../wire/accountRows.ts';
import { bookRow, candleRow, markPriceRow, tickerRow, tradeRow } from '../wire/marketRows.ts';
import { orderRow } from '../wire/orderRows.ts';

/**
 * OKX's WebSockets (https://www.okx.com/docs-v5/en/#overview-websocket) on `/ws/v5/public`,
 * `/ws/v5/private` and `/ws/v5/business` (any query, e.g. ccxt's `?brokerId=9999`, is ignored):
 * text `ping` → text `pong`; `login` with the seconds-timestamp signature; one ack per subscribed
 * arg echoing the request's `id`; `event:"error"` frames with OKX's codes (60011 private channel
 * before login, 60012 bad request, 60018 unknown channel, 64001 candles on /public, 64002 public
 * channels on /business); idle close 4004 after 30 s without a frame sent.
 * Channels: tickers, mark-price, books (snapshot then chained updates with checksums), books5, trades (each crowd trade as it prints, no snapshot) (public); candle<bar> (business); orders (no snapshot),
 * positions and account (snapshot on subscribe, then events) (private).
 */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
const CLOSE_HANDSHAKE_TIMEOUT_MS = 2_000;
const LOGIN_WINDOW_SECONDS = 30;
export const OKX_WS_IDLE_CLOSE_MS = 30_000;
const IDLE_CHECK_MS = 1_000;

// A variable, not a literal: `closeTimeout` is a ws option its typings do not list.
const SERVER_OPTIONS = {
  noServer: true,
  maxPayload: MAX_CLIENT_FRAME_BYTES,
  perMessageDeflate: false,
  autoPong: true,
  closeTimeout: CLOSE_HANDSHAKE_TIMEOUT_MS,
};

export const OKX_WS_PATHS: ReadonlyMap<string, OkxWsEndpoint> = new Map([
  ['/ws/v5/public', 'public'],
  ['/ws/v5/private', 'private'],
  ['/ws/v5/business', 'business'],
]);

const PUBLIC_CHANNELS = new Set(['tickers', 'mark-price', 'books5', 'books', 'trades']);
/** Levels of the `books` snapshot; the market serves fewer. */
const BOOK_LEVELS = 400;
const PRIVATE_CHANNELS = new Set(['orders', 'positions', 'account']);

interface Subscription {
  readonly arg: OkxWsChannelArg;
  readonly symbol: string | undefined;
  /** Candle channels: the open time (ms) of the bar last pushed. */
  lastBarOpen?: number;
  /** `books`: the levels last sent and their sequence id. */
  book?: { bids: Map<string, string>; asks: Map<string, string>; seqId: number };
}

interface Session {
  readonly socket: WebSocket;
  readonly endpoint: OkxWsEndpoint;
  readonly connId: string;
  account: AccountCredentials | undefined;
  readonly subscriptions: Map<string, Subscription>;
  lastSentAt: number;
}

export interface OkxWsGatewayOptions {
  readonly market: Market;
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly state: OkxFaceState;
  /** 0 disables the idle close. */
  readonly idleCloseMs: number;
}

export class OkxWsGateway {
  readonly #options: OkxWsGatewayOptions;
  readonly #server = new WebSocketServer(SERVER_OPTIONS);
  readonly #sessions = new Set<Session>();
  readonly #stopListening: (() => void)[] = [];
  readonly #idleTimer: TimerHandle | undefined;
  #closed = false;

  constructor(options: OkxWsGatewayOptions) {
    this.#options = options;
    // Registered after the engine's tick listener (the composition root starts the engine first).
    this.#stopListening.push(options.engine.onEvent((event) => this.#onEngineEvent(event)));
    this.#stopListening.push(options.market.onTick((tick) => this.#onTick(tick)));
    this.#idleTimer =
      options.idleCloseMs > 0 ? options.clock.setInterval(() => this.#closeIdle(), IDLE_CHECK_MS) : undefined;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, endpoint: OkxWsEndpoint): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (webSocket) => this.#accept(webSocket, endpoint));
  }

  dropAll(): number {
    const count = this.#sessions.size;
    for (const session of this.#sessions) session.socket.terminate();
    this.#sessions.clear();
    return count;
  }

  stats(): { connections: number; subscriptions: number } {
    let subscriptions = 0;
    for (const session of this.#sessions) subscriptions += session.subscriptions.size;
    return { connections: this.#sessions.size, subscriptions };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const stop of this.#stopListening) stop();
    this.#options.clock.clearTimer(this.#idleTimer);
    const closing = [...this.#sessions].map(
      (session) => new Promise<void>((resolve) => session.socket.once('close', () => resolve())),
    );
    for (const session of this.#sessions) session.socket.close(1001, 'server shutting down');
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: WebSocket, endpoint: OkxWsEndpoint): void {
    const session: Session = {
      socket,
      endpoint,
      connId: randomBytes(4).toString('hex'),
      account: undefined,
      subscriptions: new Map(),
      lastSentAt: this.#options.clock.now(),
    };
    this.#sessions.add(session);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        this.#onMessage(session, isBinary ? '' : data.toString());
      } catch (error) {
        this.#options.logger.error({ err: error }, 'OKX WebSocket request failed');
      }
    });
    socket.on('close', () => this.#sessions.delete(session));
    socket.on('error', () => this.#sessions.delete(session));
  }

  #send(session: Session, frame: string): void {
    if (session.socket.readyState !== session.socket.OPEN) return;
    session.lastSentAt = this.#options.clock.now();
    session.socket.send(frame);
  }

  #error(session: Session, info: OkxCodeInfo, id: string | undefined, detail?: string): void {
    const msg = detail === undefined ? info.message : `${info.message}: ${detail}`;
    this.#send(
      session,
      JSON.stringify({ ...(id !== undefined && { id }), event: 'error', code: info.code, msg, connId: session.connId }),
    );
  }

  #onMessage(session: Session, text: string): void {
    if (text === OKX_WS_PING) {
      this.#send(session, OKX_WS_PONG);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#error(session, OkxCodes.wsInvalidRequest, undefined, text.slice(0, 200));
      return;
    }
    const parsed = OkxWsRequestSchema.safeParse(json);
    const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : undefined;
    if (!parsed.success) {
      this.#error(session, OkxCodes.wsInvalidRequest, id, text.slice(0, 200));
      return;
    }
    const request = parsed.data;
    if (request.op === 'login') {
      this.#login(session, request.args[0]!, id);
      return;
    }
    for (const arg of request.args) {
      if (request.op === 'subscribe') this.#subscribe(session, arg, id);
      else this.#unsubscribe(session, arg, id);
    }
  }

  #login(
    session: Session,
    arg: { apiKey: string; passphrase: string; timestamp: string | number; sign: string },
    id: string | undefined,
  ): void {
    const outcome = this.#verifyLogin(arg);
    if ('code' in outcome) {
      this.#error(session, outcome, id);
      return;
    }
    session.account = outcome;
    this.#send(
      session,
      JSON.stringify({ ...(id !== undefined && { id }), event: 'login', code: '0', msg: '', connId: session.connId }),
    );
  }

  /** The account a login opens, or OKX's code for why it does not (60005, 60004, 60006, 60024, 60007). */
  #verifyLogin(arg: {
    apiKey: string;
    passphrase: string;
    timestamp: string | number;
    sign: string;
  }): AccountCredentials | OkxCodeInfo {
    const account = this.#options.engine.credentials(arg.apiKey);
    if (!account) return OkxCodes.wsInvalidKey;
    const timestamp = String(arg.timestamp);
    if (!/^\d+(\.\d+)?$/.test(timestamp)) return OkxCodes.wsInvalidTimestamp;
    if (Math.abs(this.#options.clock.now() / 1_000 - Number(timestamp)) > LOGIN_WINDOW_SECONDS) {
      return OkxCodes.wsTimestampExpired;
    }
    if (arg.passphrase !== account.apiMemo) return OkxCodes.wsPassphrase;
    if (signOkxWsLogin(account.apiSecret, timestamp) !== arg.sign) return OkxCodes.wsInvalidSign;
    return account;
  }

  #subscribe(session: Session, arg: OkxWsChannelArg, id: string | undefined): void {
    const refusal = this.#refusal(session, arg);
    if (refusal) {
      this.#error(session, refusal, id, JSON.stringify(arg));
      return;
    }
    const symbol = arg.instId === undefined ? undefined : symbolOfOkxInstId(arg.instId);
    const subscription: Subscription = { arg, symbol };
    session.subscriptions.set(keyOf(arg), subscription);
    this.#send(
      session,
      JSON.stringify({ ...(id !== undefined && { id }), event: 'subscribe', arg, connId: session.connId }),
    );
    this.#pushInitial(session, subscription);
  }

  #unsubscribe(session: Session, arg: OkxWsChannelArg, id: string | undefined): void {
    session.subscriptions.delete(keyOf(arg));
    this.#send(
      session,
      JSON.stringify({ ...(id !== undefined && { id }), event: 'unsubscribe', arg, connId: session.connId }),
    );
  }

  /** Why a subscription is refused, or undefined. */
  #refusal(session: Session, arg: OkxWsChannelArg): OkxCodeInfo | undefined {
    const { channel } = arg;
    const candle = okxBarOfCandleChannel(channel) !== undefined;
    const needsInstrument = candle || PUBLIC_CHANNELS.has(channel);
    if (needsInstrument) {
      const symbol = arg.instId === undefined ? undefined : symbolOfOkxInstId(arg.instId);
      if (symbol === undefined || !this.#options.market.contract(symbol)) return OkxCodes.wsChannelUnknown;
    }
    if (candle)
      return session.endpoint === 'business'
        ? undefined
        : session.endpoint === 'public'
          ? OkxCodes.wsMigratedToBusiness
          : OkxCodes.wsChannelUnknown;
    if (PUBLIC_CHANNELS.has(channel)) {
      return session.endpoint === 'public'
        ? undefined
        : session.endpoint === 'business'
          ? OkxCodes.wsNotOnBusiness
          : OkxCodes.wsChannelUnknown;
    }
    if (PRIVATE_CHANNELS.has(channel)) {
      if (session.endpoint !== 'private') return OkxCodes.wsChannelUnknown;
      if (!session.account) return OkxCodes.wsPleaseLogin;
      if (channel !== 'account' && arg.instType === undefined) return OkxCodes.wsInvalidRequest;
      return undefined;
    }
    return OkxCodes.wsChannelUnknown;
  }

  #pushInitial(session: Session, subscription: Subscription): void {
    const { channel } = subscription.arg;
    const account = session.account;
    if (channel === 'positions' && account) {
      const rows = this.#options.engine
        .positions(account.accountId)
        .filter((position) => position.amount > 0 && matches(subscription, position.symbol))
        .map((position) => this.#positionRow(account.accountId, position));
      this.#push(session, subscription, rows, { eventType: 'snapshot', curPage: 1, lastPage: true });
    } else if (channel === 'account' && account) {
      this.#push(
        session,
        subscription,
        [balanceRow(this.#options.engine.assets(account.accountId), this.#options.clock.now())],
        {
          eventType: 'snapshot',
          curPage: 1,
          lastPage: true,
        },
      );
    } else if (channel !== 'orders' && channel !== 'trades' && subscription.symbol !== undefined) {
      this.#pushMarket(session, subscription, subscription.symbol);
    }
  }

  #push(
    session: Session,
    subscription: Subscription,
    data: readonly unknown[],
    extra: Record<string, unknown> = {},
  ): void {
    const arg =
      session.account && PRIVATE_CHANNELS.has(subscription.arg.channel)
        ? { ...subscription.arg, uid: uidOf(session.account) }
        : subscription.arg;
    this.#send(session, JSON.stringify({ arg, ...extra, data }));
  }

  #pushMarket(session: Session, subscription: Subscription, symbol: string): void {
    const { market, clock } = this.#options;
    const contract = market.contract(symbol)!;
    const now = clock.now();
    const { channel } = subscription.arg;
    if (channel === 'tickers') this.#push(session, subscription, [tickerRow(contract, market.ticker(symbol), now)]);
    else if (channel === 'mark-price')
      this.#push(session, subscription, [markPriceRow(symbol, market.markPrice(symbol), now)]);
    else if (channel === 'books') this.#pushBook(session, subscription, symbol, now);
    else if (channel === 'books5') {
      this.#push(session, subscription, [
        { ...bookRow(market.book(symbol, 5)), instId: okxInstId(symbol), seqId: now, prevSeqId: -1 },
      ]);
    } else {
      const bar = okxBarOfCandleChannel(channel);
      if (!bar) return;
      const open = okxBarOpenTime(bar, now);
      const from =
        subscription.lastBarOpen !== undefined && subscription.lastBarOpen < open ? subscription.lastBarOpen : open;
      // The bar that just closed goes once more, confirmed, before the new one.
      const bars = okxBars(market, symbol, bar, from, open, now).reverse();
      subscription.lastBarOpen = open;
      for (const { candle, confirmed } of bars)
        this.#push(session, subscription, [candleRow(contract, candle, confirmed)]);
    }
  }

  /**
   * `books`: a snapshot (`prevSeqId` -1), then updates carrying only the levels that changed
   * (size "0" = gone), each chained by `prevSeqId` to the last `seqId`, with the checksum of the
   * whole book after the update.
   */
  #pushBook(session: Session, subscription: Subscription, symbol: string, now: number): void {
    const book = bookRow(this.#options.market.book(symbol, BOOK_LEVELS)) as {
      asks: string[][];
      bids: string[][];
      ts: string;
    };
    const checksum = okxBookChecksum(book.bids, book.asks);
    const instId = okxInstId(symbol);
    const next = { bids: levelMap(book.bids), asks: levelMap(book.asks), seqId: (subscription.book?.seqId ?? now) + 1 };
    const previous = subscription.book;
    subscription.book = next;
    if (!previous) {
      this.#push(session, subscription, [{ ...book, instId, checksum, seqId: next.seqId, prevSeqId: -1 }], {
        action: 'snapshot',
      });
      return;
    }
    const asks = levelChanges(previous.asks, next.asks);
    const bids = levelChanges(previous.bids, next.bids);
    if (asks.length === 0 && bids.length === 0) {
      subscription.book = { ...next, seqId: previous.seqId };
      return;
    }
    this.#push(
      session,
      subscription,
      [{ asks, bids, ts: book.ts, instId, checksum, seqId: next.seqId, prevSeqId: previous.seqId }],
      {
        action: 'update',
      },
    );
  }

  #onTick(tick: MarketTick): void {
    for (const session of this.#sessions) {
      for (const subscription of session.subscriptions.values()) {
        if (subscription.symbol !== tick.symbol || PRIVATE_CHANNELS.has(subscription.arg.channel)) continue;
        if (subscription.arg.channel !== 'trades') this.#pushMarket(session, subscription, tick.symbol);
        else if (tick.trade) this.#push(session, subscription, [tradeRow(tick.trade)]);
      }
    }
  }

  #positionRow(accountId: string, position: SimPosition): Record<string, unknown> {
    const { market, state } = this.#options;
    const posId = state.posIdOf(accountId, position.symbol, position.positionSide, position.openType);
    return positionRow(position, market.contract(position.symbol)!, posId, []);
  }

  #orderRow(accountId: string, order: SimOrder): Record<string, unknown> {
    const { engine, clock, state } = this.#options;
    const fills = engine.trades(accountId, {
      orderId: order.orderId,
      symbol: order.symbol,
      startMs: 0,
      endMs: clock.now(),
    });
    const row = orderRow(order, {
      tag: state.tagOf(order.orderId),
      attachAlgoClOrdId: state.attachAlgoClOrdIdOf(order.orderId),
      feePaid: fills.reduce((sum, fill) => sum.plus(fill.fee), ZERO),
      pnl: fills.reduce((sum, fill) => sum.plus(fill.realizedPnl), ZERO),
    });
    const last = order.lastTrade;
    return {
      ...row,
      fillFee: last ? last.fee.negated().toFixed() : '0',
      fillFeeCcy: 'USDT',
      fillPnl: '0',
      execType: last ? 'T' : '',
      fillNotionalUsd: '',
      notionalUsd: '',
      amendResult: '',
      reqId: '',
      amendSource: '',
      code: '0',
      msg: '',
      lastPx: this.#options.market.lastPrice(order.symbol).toFixed(),
    };
  }

  #onEngineEvent(event: EngineEvent): void {
    for (const session of this.#sessions) {
      if (session.account?.accountId !== event.accountId) continue;
      for (const subscription of session.subscriptions.values()) {
        const { channel } = subscription.arg;
        if (event.kind === 'order' && channel === 'orders' && matches(subscription, event.order.symbol)) {
          this.#push(session, subscription, [this.#orderRow(event.accountId, event.order)]);
        } else if (event.kind === 'position' && channel === 'positions') {
          const rows = event.positions
            .filter((position) => matches(subscription, position.symbol))
            .map((position) => this.#positionRow(event.accountId, position));
          if (rows.length > 0) this.#push(session, subscription, rows, { eventType: 'event_update' });
        } else if (event.kind === 'asset' && channel === 'account' && event.asset.currency === 'USDT') {
          this.#push(session, subscription, [balanceRow([event.asset], this.#options.clock.now())], {
            eventType: 'event_update',
          });
        }
      }
    }
  }

  #closeIdle(): void {
    const now = this.#options.clock.now();
    for (const session of this.#sessions) {
      if (now - session.lastSentAt > this.#options.idleCloseMs) {
        session.socket.close(OkxWsCloseCodes.noDataIn30s, 'No data received in 30s.');
        this.#sessions.delete(session);
      }
    }
  }
}

function levelMap(levels: readonly string[][]): Map<string, string> {
  return new Map(levels.map(([price, size]) => [price!, size!]));
}

/** The levels of `next` that differ from `previous`, and `[px, "0", "0", "0"]` for those gone. */
function levelChanges(previous: Map<string, string>, next: Map<string, string>): string[][] {
  const changes: string[][] = [];
  for (const [price, size] of next) if (previous.get(price) !== size) changes.push([price, size, '0', '1']);
  for (const price of previous.keys()) if (!next.has(price)) changes.push([price, '0', '0', '0']);
  return changes;
}

function keyOf(arg: OkxWsChannelArg): string {
  return JSON.stringify([arg.channel, arg.instId ?? '', arg.instType ?? '', arg.instFamily ?? '', arg.ccy ?? '']);
}

function matches(subscription: Subscription, symbol: string): boolean {
  return subscription.symbol === undefined || subscription.symbol === symbol;
}

function uidOf(account: AccountCredentials): string {
  return account.accountId.replace(/\D/g, '') || '1';
}
