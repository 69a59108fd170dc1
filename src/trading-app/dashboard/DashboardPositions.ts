import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { MarketEvent, MarketStream, Unsubscribe } from '../../exchange/port/streams.ts';
import type { Order, PlanOrder, Position } from '../../exchange/port/types.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Dec } from '../../platform/decimal/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { type PositionView, positionView } from './positionView.ts';

/** What the exchange holds, read in one go (positions, then the orders that protect them). */
interface VenueSnapshot {
  readonly positions: readonly Position[];
  readonly plans: readonly PlanOrder[];
  readonly openOrders: readonly Order[];
  /** Decision keys of our open trades by `symbol:side`. */
  readonly trades: ReadonlyMap<string, string>;
}

export interface DashboardPositionsOptions {
  readonly exchange: FuturesExchange;
  /** Our open trades, to link a position to its trade; absent: no links. */
  readonly openTrades?: () => Promise<readonly { symbol: string; side: string; decisionKey: string }[]>;
  /** The app's market stream: each ticker of a held symbol moves its mark at once. */
  readonly market?: MarketStream | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How often the exchange is read again while someone watches; default 2 s. */
  readonly refreshMs?: number;
}

/** Contract sizes change only with a venue's contract update: read once per symbol per this. */
const CONTRACT_SIZE_TTL_MS = 10 * 60_000;
/** While positions are open, watchers hear from us at least this often. */
const PUSH_INTERVAL_MS = 1_000;

/**
 * The open positions as the exchange holds them, read on request (`GET /api/dashboard/positions`)
 * and, while someone watches (the `positions` event), kept live: each ticker of a held symbol on
 * the app's market stream moves that row's mark and PnL and is pushed at once; the exchange is read
 * again every `refreshMs` (sizes, liquidation, protections), and a push goes out each second while
 * any position is open. Without a market stream the marks move with the reads only.
 */
export class DashboardPositions {
  readonly #options: DashboardPositionsOptions;
  readonly #contractSizes = new Map<string, { size: Dec | undefined; readAt: number }>();
  readonly #marks = new Map<string, Dec>();
  readonly #listeners = new Set<(views: readonly PositionView[]) => void>();
  readonly #tickers = new Set<string>();
  #snapshot: VenueSnapshot | undefined;
  /** When `#snapshot` was read (the clock's ms). */
  #snapshotAt = 0;
  #lastShape: string | undefined;
  #timers: TimerHandle[] = [];
  #marketListener: Unsubscribe | undefined;
  #refreshing: Promise<readonly PositionView[]> | undefined;
  #pushQueued = false;

  constructor(options: DashboardPositionsOptions) {
    this.#options = options;
  }

  /** Reads the exchange now (one read at a time: a caller during a read shares it). */
  read(): Promise<readonly PositionView[]> {
    this.#refreshing ??= this.#read().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /**
   * The last views read, with the newest marks; undefined before the first read, and when watching
   * begins after the last read is older than a refresh period.
   */
  current(): readonly PositionView[] | undefined {
    return this.#snapshot && this.#views(this.#snapshot);
  }

  /** Calls `listener` with every change and each second while positions are open; the returned function stops it. */
  watch(listener: (views: readonly PositionView[]) => void): Unsubscribe {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  /** A control just changed the positions: read again now rather than at the next period. */
  refreshSoon(): void {
    if (this.#listeners.size > 0) void this.#refreshAndPush();
  }

  stop(): void {
    this.#listeners.clear();
    this.#stop();
  }

  async #read(): Promise<readonly PositionView[]> {
    const { exchange } = this.#options;
    const startedAt = this.#options.clock.now();
    const positions = await exchange.positions();
    const symbols = new Set(positions.map((position) => position.symbol));
    const [plans, openOrders, trades] =
      symbols.size === 0
        ? [[], [], []]
        : await Promise.all([
            exchange.planOrders(),
            exchange.openOrders(),
            this.#options.openTrades?.() ?? Promise.resolve([]),
          ]);
    await Promise.all([...symbols].map((symbol) => this.#contractSize(symbol)));
    for (const symbol of this.#marks.keys()) if (!symbols.has(symbol)) this.#marks.delete(symbol);
    this.#snapshotAt = startedAt;
    this.#snapshot = {
      positions,
      plans,
      openOrders,
      trades: new Map(trades.map((trade) => [`${trade.symbol}:${trade.side}`, trade.decisionKey])),
    };
    if (this.#listeners.size > 0) this.#followTickers(symbols);
    return this.#views(this.#snapshot);
  }

  #views(snapshot: VenueSnapshot): PositionView[] {
    return snapshot.positions.map((position) =>
      positionView({
        position,
        contractSize: this.#contractSizes.get(position.symbol)?.size,
        mark: this.#marks.get(position.symbol),
        plans: snapshot.plans,
        openOrders: snapshot.openOrders,
        tradeId: snapshot.trades.get(`${position.symbol}:${position.side}`),
      }),
    );
  }

  async #contractSize(symbol: string): Promise<void> {
    const now = this.#options.clock.now();
    const known = this.#contractSizes.get(symbol);
    if (known && now - known.readAt < CONTRACT_SIZE_TTL_MS) return;
    try {
      const [contract] = await this.#options.exchange.contracts(symbol);
      this.#contractSizes.set(symbol, { size: contract?.contractSize, readAt: now });
    } catch (error) {
      // PnL stays null for the symbol until the next read finds it; the rest of the row is shown.
      this.#options.logger.warn({ err: error, symbol }, 'could not read the contract size for the dashboard');
    }
  }

  #start(): void {
    const { clock, market, refreshMs = 2_000 } = this.#options;
    // Nothing kept the last read current while nobody watched: a watcher arriving after a quiet
    // spell must not be greeted with the exchange as it was then (a closed position, a new one
    // missing). A read younger than a period is as fresh as a watcher gets anyway (a reload).
    if (clock.now() - this.#snapshotAt > refreshMs) this.#snapshot = undefined;
    this.#marketListener = market?.onEvent((event) => this.#onMarket(event));
    this.#timers = [
      clock.setInterval(() => void this.#refreshAndPush(), refreshMs),
      clock.setInterval(() => {
        if (this.#snapshot && this.#snapshot.positions.length > 0) this.#push();
      }, PUSH_INTERVAL_MS),
    ];
    void this.#refreshAndPush();
  }

  #stop(): void {
    for (const timer of this.#timers) this.#options.clock.clearTimer(timer);
    this.#timers = [];
    this.#marketListener?.();
    this.#marketListener = undefined;
    this.#followTickers(new Set());
    this.#lastShape = undefined;
  }

  /** Reads the exchange; pushes when anything but the marks changed (the marks have their own path). */
  async #refreshAndPush(): Promise<void> {
    try {
      const views = await this.read();
      const shape = JSON.stringify(views.map(({ mark_price, unrealized_pnl, unrealized_pnl_pct, ...rest }) => rest));
      if (shape !== this.#lastShape) {
        this.#lastShape = shape;
        this.#push();
      }
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'could not read the positions for the dashboard');
    }
  }

  #onMarket(event: MarketEvent): void {
    if (event.type !== 'ticker' || !this.#tickers.has(event.ticker.symbol)) return;
    const mark = event.ticker.markPrice ?? event.ticker.lastPrice;
    if (this.#marks.get(event.ticker.symbol)?.eq(mark)) return;
    this.#marks.set(event.ticker.symbol, mark);
    this.#push();
  }

  /** Coalesced: many tickers handled in one turn of the event loop make one push. */
  #push(): void {
    if (this.#pushQueued) return;
    this.#pushQueued = true;
    queueMicrotask(() => {
      this.#pushQueued = false;
      const views = this.current();
      if (!views) return;
      for (const listener of this.#listeners) listener(views);
    });
  }

  #followTickers(symbols: ReadonlySet<string>): void {
    const market = this.#options.market;
    if (!market) return;
    for (const symbol of symbols) {
      if (this.#tickers.has(symbol)) continue;
      this.#tickers.add(symbol);
      market.subscribeTicker(symbol);
    }
    for (const symbol of [...this.#tickers]) {
      if (symbols.has(symbol)) continue;
      this.#tickers.delete(symbol);
      market.unsubscribeTicker(symbol);
    }
  }
}
