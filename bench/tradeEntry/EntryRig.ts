import type { BitmartFuturesExchange } from '../../src/exchange/bitmart/BitmartFuturesExchange.ts';
import { createBitmartExchange } from '../../src/exchange/bitmart/createBitmartExchange.ts';
import type { FuturesExchange } from '../../src/exchange/port/FuturesExchange.ts';
import { SystemClock } from '../../src/platform/clock/index.ts';
import { loadBitmartConfig } from '../../src/platform/config/bitmartConfig.ts';
import { silentLogger } from '../../src/platform/logging/logger.ts';
import { createSimulatedVenue } from '../../src/simulator/adapter/index.ts';
import { DEFAULT_CONFIG_DIRECTORY, DEFAULT_PROFILE } from '../../src/trading-app/mtf-runner/index.ts';
import type { Database } from '../../src/trading-app/store/index.ts';
import {
  loadTradeEntryProfile,
  tradeEntryFileFor,
} from '../../src/trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import type { TradeEntryProfile } from '../../src/trading-app/trade-entry/config/TradeEntryProfile.ts';
import { decisionKey } from '../../src/trading-app/trade-entry/decisionKey.ts';
import { LiveTradeEntry } from '../../src/trading-app/trade-entry/LiveTradeEntry.ts';
import { planInputFrom } from '../../src/trading-app/trade-entry/planInputFrom.ts';
import { planTrade } from '../../src/trading-app/trade-entry/planner/planTrade.ts';
import { preflight } from '../../src/trading-app/trade-entry/preflight.ts';
import type { MarketSnapshot } from '../../src/trading-app/trade-entry/TradeEntry.ts';
import { TradeRepository } from '../../src/trading-app/trades/TradeRepository.ts';
import { WsWorkerClient } from '../../src/trading-app/ws-worker-client/WsWorkerClient.ts';
import { clientOrderIdBase } from '../../src/ws-worker/execution/clientOrderIds.ts';
import { startWorkerE2e, type WorkerE2e } from '../../test/support/workerE2e.ts';
import { type Decision, type PlacedEntry, placeDirectly } from './directEntry.ts';
import { OrderArrivals } from './OrderArrivals.ts';
import { snapshotsAt } from './simulatorMarket.ts';

/** Room for every symbol's resting entry (see `benchProfile`). */
const MAX_CONCURRENT_ENTRIES = 40;
/**
 * The entry's zone lives this long; the worker's timeout then cancels the resting entry and the
 * symbol is free again. Long enough for a first request, whose price the worker reads over REST.
 */
const ZONE_TTL_SECONDS = 3;

/** Ours on its way: `PlacedEntry` plus when the place-order request left for the worker. */
export interface OurEntry {
  readonly decidedAtMicros: number;
  readonly postedAtMicros: number;
  readonly arrivalMicros: Promise<number>;
}

/**
 * The pieces of decision → order over loopback: the simulator in this process (walk paused),
 * the real trading-app's store and callback routes, `bin/console ws:run` as a child process, and
 * the app's `LiveTradeEntry` pointed at them (its REST client to the simulator, the trade record on
 * the app's PGlite, `WsWorkerClient.placeOrder`). Its profile is `scalper_micro` with a 3 s zone,
 * room for 40 resting entries and no daily limits (see `benchProfile`). The peer path gets its own REST client, so that
 * neither waits behind the other's rate limits.
 */
export class EntryRig {
  readonly clock = new SystemClock();
  readonly #kit: WorkerE2e;
  readonly #arrivals: OrderArrivals;
  readonly #exchange: BitmartFuturesExchange;
  readonly #direct: BitmartFuturesExchange;
  readonly #database: Database;
  readonly #entry: LiveTradeEntry;
  readonly #profile = benchProfile();
  readonly #markets = new Map<string, MarketSnapshot>();
  /** The last decision key of each symbol whose entry may still be on. */
  readonly #last = new Map<string, string>();
  #postedAt = 0;
  /** Symbols both sides plan on at today's prices; set by `start`. */
  symbols: readonly string[] = [];

  private constructor(kit: WorkerE2e, database: Database) {
    this.#kit = kit;
    this.#database = database;
    const { account, engine } = kit.simulator.simulator;
    this.#arrivals = new OrderArrivals(engine, account.accountId);
    this.#exchange = this.#restClient();
    this.#direct = this.#restClient();
    const worker = new WsWorkerClient({
      baseUrl: kit.worker.controlUrl,
      clock: this.clock,
      callbackUrl: `${kit.app.url}/api/orders/callback`,
    });
    this.#entry = new LiveTradeEntry({
      exchange: this.#exchange,
      trades: new TradeRepository(database.drizzle, this.clock),
      profileFor: () => this.#profile,
      placeOrder: (request) => {
        this.#postedAt = this.clock.monotonicMicros();
        return worker.placeOrder(request);
      },
      entriesPaused: async () => false,
      clock: this.clock,
      logger: silentLogger(),
    });
  }

  static async start(): Promise<EntryRig> {
    const kit = await startWorkerE2e({ simulatorEnv: { SIM_BALANCE_USDT: '10000' } });
    const database = kit.app.database;
    if (!database) throw new Error('the trading-app is not running');
    const rig = new EntryRig(kit, database);
    await Promise.all([rig.#exchange.start(), rig.#direct.start()]);
    // The candles and the plannable check are read in process: the REST budget stays for the measure.
    const { engine, market, clock, account } = kit.simulator.simulator;
    const venue = createSimulatedVenue({ engine, market, clock, accountId: account.accountId }).exchange;
    for (const { symbol } of await venue.contracts()) rig.#markets.set(symbol, await rig.#marketAtPrice(venue, symbol));
    rig.symbols = await rig.#plannable(venue);
    return rig;
  }

  /** A READY decision of its own (its own candle, so its own key and order) on `symbol`. */
  decision(symbol: string, side: 'LONG' | 'SHORT', index: number): Decision {
    const market = this.#markets.get(symbol);
    if (!market) throw new Error(`no market for ${symbol}`);
    return {
      runId: 'bench',
      profile: DEFAULT_PROFILE,
      symbol,
      side,
      executionTimeframe: '1m',
      klineTime: Date.UTC(2026, 0, 5, 12, 0) + index * 60_000,
      atr: market.timeframes['1m']?.atr ?? null,
      referencePrice: market.timeframes['1m']?.close ?? 0,
      market,
    };
  }

  /** Ours: `LiveTradeEntry.enter` as the MTF runner calls it; resolves once the worker acknowledged. */
  async enter(request: Decision): Promise<OurEntry> {
    const key = decisionKey(request);
    this.#last.set(request.symbol, key);
    const arrived = this.#arrivals.arrival(clientOrderIdBase(key));
    const decidedAtMicros = this.clock.monotonicMicros();
    const outcome = await this.#entry.enter(request);
    if (outcome.status !== 'submitted') throw new Error(`${request.symbol}: ${JSON.stringify(outcome)}`);
    return {
      decidedAtMicros,
      postedAtMicros: this.#postedAt,
      arrivalMicros: within(arrived, `the entry order of ${request.symbol}`).then((order) => order.arrivalMicros),
    };
  }

  /** The peer: the original's path, straight to the venue (`placeDirectly`). */
  async placeDirectly(request: Decision): Promise<PlacedEntry> {
    const placed = await placeDirectly(this.#direct, this.clock, this.#arrivals, request, this.#profile);
    return { ...placed, arrivalMicros: within(placed.arrivalMicros, `the direct order of ${request.symbol}`) };
  }

  /** Resolves once the symbol's last entry is over: its unfilled order cancelled by the worker's timeout, the app told. */
  async settle(symbol: string): Promise<void> {
    const key = this.#last.get(symbol);
    if (key === undefined) return;
    await this.#arrivals.idle(symbol);
    await this.#kit.callback(key, 'timeout');
    this.#last.delete(symbol);
  }

  async stop(): Promise<void> {
    this.#arrivals.stop();
    await this.#exchange.stop();
    await this.#direct.stop();
    await this.#kit.teardown();
  }

  #restClient(): BitmartFuturesExchange {
    const { simulator, restUrl, publicWsUrl, privateWsUrl } = this.#kit.simulator;
    const { account } = simulator;
    return createBitmartExchange({
      config: loadBitmartConfig({
        BITMART_BASE_URL: restUrl,
        BITMART_PUBLIC_WS_URI: publicWsUrl,
        BITMART_PRIVATE_WS_URI: privateWsUrl,
        BITMART_API_KEY: account.apiKey,
        BITMART_API_SECRET: account.apiSecret,
        BITMART_API_MEMO: account.apiMemo,
      }),
      clock: this.clock,
    });
  }

  /**
   * The market a READY decision on `symbol` carries: indicator snapshots of the venue's own
   * candles, with the zone anchors at the current price and `volume_ratio_ok` passing, so that it
   * plans and its zone contains the price (the walk is paused: the price stays).
   */
  async #marketAtPrice(venue: FuturesExchange, symbol: string): Promise<MarketSnapshot> {
    const klines = [];
    for (const timeframe of ['1m', '5m', '15m'] as const)
      klines.push(...(await venue.klines({ symbol, timeframe, limit: 300 })));
    const market = snapshotsAt(klines, this.clock.now()).get(symbol);
    if (!market) throw new Error(`the simulator has no candles of ${symbol}`);
    const price = this.#kit.simulator.simulator.market.lastPrice(symbol).toNumber();
    const timeframes = Object.fromEntries(
      Object.entries(market.timeframes).map(([timeframe, values]) => [
        timeframe,
        values && { ...values, vwap: price, vwapWindow: price, sma21: price, volumeRatio: 1.5 },
      ]),
    );
    return { ...market, timeframes };
  }

  /**
   * The symbols whose decisions the profile plans on both sides at today's prices (a contract
   * whose stop would be wider than the profile's 3 ATR is left out).
   */
  async #plannable(venue: FuturesExchange): Promise<string[]> {
    const kept: string[] = [];
    for (const { symbol } of await venue.contracts()) {
      const view = await preflight(venue, symbol);
      const plans = (['LONG', 'SHORT'] as const).map((side) =>
        planTrade(planInputFrom(this.decision(symbol, side, 0), view, this.#profile)),
      );
      if (plans.every((outcome) => outcome.status === 'planned')) kept.push(symbol);
    }
    if (kept.length < 4) throw new Error(`only ${kept.join(', ')} plan at today's simulator prices`);
    return kept;
  }
}

/** `scalper_micro` as shipped, with a short zone, room for every symbol's entry, no daily limits. */
function benchProfile(): TradeEntryProfile {
  const shipped = loadTradeEntryProfile(tradeEntryFileFor(DEFAULT_CONFIG_DIRECTORY, DEFAULT_PROFILE));
  return {
    ...shipped,
    zone: { ...shipped.zone, ttlSeconds: ZONE_TTL_SECONDS },
    limits: {
      ...shipped.limits,
      dailyLossFraction: undefined,
      dailyLossUsdt: undefined,
      // Equity basis: each trade's margin is the balance shared among the positions allowed. With
      // no limit (as shipped) one resting entry holds the whole balance and the next is refused.
      maxConcurrentPositions: MAX_CONCURRENT_ENTRIES,
      dailyMaxTrades: undefined,
      perSymbolDailyMaxTrades: undefined,
      symbolCooldownSeconds: 0,
    },
  };
}

/** An event that does not come is a broken run, not a slow one: it fails, naming what was awaited. */
async function within<T>(event: Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([event, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
