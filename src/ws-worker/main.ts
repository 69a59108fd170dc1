import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { FuturesExchange, MarketStream, UserStream, VenueNames } from '../exchange/port/index.ts';
import { composeVenue } from '../exchange/venues/composeVenue.ts';
import { type Clock, SystemClock } from '../platform/clock/index.ts';
import type { WsWorkerConfig } from '../platform/config/wsWorkerConfig.ts';
import type { InjectHandler } from '../platform/http/index.ts';
import { type Logger, silentLogger } from '../platform/logging/logger.ts';
import {
  claimDirectory,
  DirectoryInUseError,
  type DirectoryOwnership,
} from '../platform/ownership/directoryOwnership.ts';
import { sharedRateBudget } from '../platform/rateBudget/sharedRateBudget.ts';
import { createWorkerControl } from './control-api/createWorkerControl.ts';
import { type RunningControlApi, startControlApi } from './control-api/startControlApi.ts';
import type { WorkerStatus } from './control-api/statusView.ts';
import type { WorkerControl } from './control-api/WorkerControl.ts';
import { createExecution, loadOrdersConfig } from './execution/index.ts';
import { fencedExchange } from './lease/fencedExchange.ts';
import { LeaseKeeper } from './lease/LeaseKeeper.ts';
import { PostgresWorkerLease } from './lease/PostgresWorkerLease.ts';
import { createSignalOutbox, type SignalOutbox } from './signals/index.ts';
import { PostgresSignalStore } from './signals/outbox/PostgresSignalStore.ts';
import { ToldOrders } from './signals/ToldOrders.ts';
import { PostgresSnapshotStorage } from './state/PostgresSnapshotStorage.ts';
import { WorkerStateDatabase } from './state/WorkerStateDatabase.ts';
import { LiveState } from './streams/LiveState.ts';
import { MissedSignals } from './streams/MissedSignals.ts';
import { reconcileFromRest } from './streams/reconcile.ts';
import { SharedSubscriptions } from './streams/SharedSubscriptions.ts';
import { SignalForwarder } from './streams/SignalForwarder.ts';
import { SymbolCatalog } from './streams/SymbolCatalog.ts';

export interface WsWorker {
  /** `http://host:port` of the control API. */
  readonly controlUrl: string;
  /** The control API in process, without its socket: a backtest's transport from the app (`InjectDispatcher`). */
  readonly inject: InjectHandler;
  /** Resolves once the worker has stopped, whoever asked (`stop()`, `POST /stop`). */
  readonly stopped: Promise<void>;
  status(): WorkerStatus;
  /** The one shutdown path; idempotent. */
  stop(): Promise<void>;
}

export interface WsWorkerDependencies {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /**
   * The venue, when not the one `config.venue` names (`EXCHANGE`): the simulator in process
   * (`simulator/adapter`), so a whole-platform test (`test/support/inProcessPlatform.ts`) runs the
   * worker on its manual clock.
   */
  readonly venue?: WorkerVenue;
  /**
   * How signals and callbacks reach the trading-app; default sockets to `TRADING_APP_BASE_URI`.
   * A backtest hands them to the app's `inject()` (docs/decisions/0031-backtest-speed.md).
   */
  readonly appTransport?: Dispatcher;
}

export interface WorkerVenue {
  /** BitMart's client starts (clock offset, warm connection) and stops; one in process need not. */
  readonly exchange: FuturesExchange & { start?(): Promise<void>; stop?(): Promise<void> };
  readonly market: MarketStream;
  readonly user: UserStream | undefined;
  /** The venue's names the worker's users see: order signals' side codes, `/status`'s kline channels. */
  readonly names: VenueNames;
  /** What the composition opened beside the venue (the shared REST budget), closed after the exchange stops. */
  readonly release?: () => Promise<void>;
}

/**
 * The ws-worker's composition root. Start order: outbox (replays what a previous run left) →
 * exchange (clock offset, warm connection) → private stream subscribed, then REST reconciliation
 * (docs/style.md#reconciliation) → public stream → execution → control API. Stop runs the same list backwards.
 * A failure during start stops what had started and rethrows.
 */
export async function startWsWorker(
  config: WsWorkerConfig,
  dependencies: WsWorkerDependencies = {},
): Promise<WsWorker> {
  const clock = dependencies.clock ?? new SystemClock();
  const logger = dependencies.logger ?? silentLogger();
  const tradingApp = config.tradingApp;
  const { exchange: venueExchange, names, ...streams } = dependencies.venue ?? configuredVenue(config, clock, logger);
  // Decision 0037: with a lease, every request that changes something on the venue is fenced.
  const keeper = config.lease
    ? new LeaseKeeper({
        lease: await PostgresWorkerLease.open(config.lease),
        clock,
        logger,
        ttlMs: config.lease.ttlMs,
        onLost: () => void stop(),
      })
    : undefined;
  const exchange = keeper ? fencedExchange(venueExchange, keeper) : venueExchange;
  // WORKER_STATE=postgres: outbox, execution store and told record on the lease's server, so a
  // standby on another machine continues from them.
  const stateDatabase =
    keeper && config.lease?.state === 'postgres'
      ? await WorkerStateDatabase.open({ ...config.lease, token: () => keeper.status().fencing_token })
      : undefined;
  const state = new LiveState();
  const subscriptions = new SharedSubscriptions(streams.market, streams.user);
  const symbols = new SymbolCatalog(exchange, clock);
  const outbox: SignalOutbox = tradingApp
    ? createSignalOutbox({
        directory: join(config.dataDirectory, 'outbox'),
        clock,
        logger,
        sharedSecret: tradingApp.sharedSecret,
        requestTimeoutMs: tradingApp.requestTimeoutMs,
        maxRetries: tradingApp.maxRetries,
        ...(stateDatabase ? { storage: new PostgresSignalStore(stateDatabase) } : {}),
        ...(tradingApp.backoffSeconds ? { backoffSeconds: tradingApp.backoffSeconds } : {}),
        ...(dependencies.appTransport ? { dispatcher: dependencies.appTransport } : {}),
        failureLogs: {
          order: tradingApp.orderFailureLog,
          balance: tradingApp.balanceFailureLog,
          callback: tradingApp.callbackFailureLog,
        },
      })
    : droppingOutbox(logger);
  // What the app was last told of each order: after a gap, only the difference is sent (decision 0014).
  const told = new ToldOrders(
    join(config.dataDirectory, 'told'),
    stateDatabase && new PostgresSnapshotStorage(stateDatabase, 'told'),
  );
  const forwarder =
    tradingApp && streams.user
      ? new SignalForwarder({
          userStream: streams.user,
          venueNames: names,
          outbox,
          orderSignalUrl: tradingApp.orderSignalUrl,
          balanceSignalUrl: tradingApp.balanceSignalUrl,
          clock,
          logger,
          balanceHeartbeatMs: tradingApp.balanceHeartbeatMs,
          latestBalance: () => state.balance(),
          onOrderTold: (order) => told.told(order, clock.now()),
          // The execution knows what its own orders are for (entry, stop, target) and which request they serve.
          orderRole: (order) => execution.orderRole(order),
        })
      : undefined;
  const missed =
    forwarder && streams.user
      ? new MissedSignals({
          exchange,
          userStream: streams.user,
          told,
          forwardOrder: (order) => forwarder.forwardOrder(order),
          clock,
          logger,
        })
      : undefined;
  const execution = createExecution({
    exchange,
    marketStream: subscriptions.marketFor('execution'),
    userStream: subscriptions.userFor('execution'),
    outbox,
    clock,
    logger,
    config: loadOrdersConfig(config.ordersConfigPath, config.ordersConfigEnv),
    storeDirectory: join(config.dataDirectory, 'execution'),
    ...(stateDatabase ? { storeStorage: new PostgresSnapshotStorage(stateDatabase, 'execution') } : {}),
    defaultCallbackUrl: tradingApp?.callbackUrl,
    contract: (symbol) => symbols.contract(symbol),
  });

  if (!tradingApp) {
    logger.warn(
      'TRADING_APP_BASE_URI is empty: order signals, balance signals and callbacks are DISABLED, nothing is sent to the trading-app',
    );
  }
  if (!streams.user) {
    logger.warn(
      `no ${config.venue.venue === 'okx' ? 'OKX' : 'BitMart'} credentials: private channels (orders, positions, balance) and order placement are unavailable`,
    );
  }

  streams.market.onEvent((event) => state.applyMarket(event, clock.now()));
  streams.market.onStatus((event) => {
    state.publicConnected = event.type !== 'disconnected';
  });
  streams.user?.onEvent((event) => state.applyUser(event));
  streams.user?.onStatus((event) => {
    state.privateConnected = event.type !== 'disconnected';
  });

  let running = true;
  /** Every component started: a lease holder takes orders only from then on. */
  let ready = false;
  let activeSince: number | undefined;
  let control: RunningControlApi | undefined;
  const stack: { name: string; stop: () => Promise<void> }[] = [];
  const started = async (name: string, start: () => Promise<void>, stopIt: () => Promise<void>): Promise<void> => {
    await start();
    stack.push({ name, stop: stopIt });
    // A take-over runs behind the control API: a stop that came meanwhile must not leave it half started.
    if (stopping) throw new Error(`ws-worker stopped while starting ${name}`);
  };

  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      running = false;
      logger.info('ws-worker stopping');
      for (const component of stack.reverse()) {
        try {
          await component.stop();
        } catch (error) {
          logger.error({ err: error, component: component.name }, 'error while stopping');
        }
      }
      logger.info('ws-worker stopped');
      markStopped();
    })();
    return stopping;
  };

  const workerControl: WorkerControl = createWorkerControl({
    clock,
    logger,
    state,
    subscriptions,
    symbols,
    market: streams.market,
    venueNames: names,
    user: streams.user,
    outbox,
    execution,
    signalsEnabled: tradingApp !== undefined,
    isRunning: () => running,
    stop: () => void stop(),
    activeSince: () => activeSince,
    ...(keeper ? { lease: () => keeper.status(), isReady: () => ready } : {}),
  });

  // Outbox, venue, streams, execution: what a worker runs once it may trade the account.
  const activate = async (): Promise<void> => {
    // Two workers on one directory would send each other's outbox and trade on one execution store.
    const ownership = keeper
      ? await claimOnceFree(config.dataDirectory, clock, logger, () => stopping !== undefined)
      : await claimDirectory(config.dataDirectory, 'ws-worker');
    stack.push({ name: 'data directory', stop: () => ownership.release() });
    await started(
      'outbox',
      () => outbox.start(),
      () => outbox.stop(),
    );
    await started(
      'exchange',
      async () => exchange.start?.(),
      async () => {
        await exchange.stop?.();
        await streams.release?.();
      },
    );
    const user = streams.user;
    if (user) {
      const signals = forwarder;
      if (signals)
        await started(
          'signal forwarder',
          async () => {
            await told.load();
            signals.start();
          },
          // The forwarder drains what the stream gave it; the record then keeps it.
          async () => {
            await signals.stop();
            await told.persist();
          },
        );
      // The original waited for an HTTP call to subscribe; the worker needs them to reconcile and signal.
      subscriptions.claimUser('control', ['orders', 'positions', 'balance']);
      await started(
        'private stream',
        () => user.start(),
        () => user.stop(),
      );
      await reconcileFromRest(exchange, state, logger);
    }
    await started(
      'public stream',
      () => streams.market.start(),
      () => streams.market.stop(),
    );
    await started(
      'execution',
      () => execution.start(),
      () => execution.stop(),
    );
    const catchUp = missed;
    if (catchUp) {
      // After the execution, whose knowledge names the orders; in the background: a venue that
      // cannot answer now is asked again, and protections and the control API need not wait.
      await started(
        'missed-signal catch-up',
        async () => {
          catchUp.start();
          void catchUp.catchUp();
        },
        () => catchUp.stop(),
      );
    }
    ready = true;
    activeSince = clock.now();
  };
  const controlOptions = {
    ...config.control,
    logger,
    ...(keeper ? { standby: () => standbyReason(keeper, ready, config.lease?.account ?? '') } : {}),
  };

  try {
    if (keeper) {
      // A standby answers its control API (and says it is standby) before it may trade.
      const api = await startControlApi(workerControl, controlOptions);
      control = api;
      stack.push({ name: 'control API', stop: () => api.close() });
      // Released after the components below stopped (the stack runs backwards): no overlap with a successor.
      stack.push({ name: 'worker lease', stop: () => keeper.stop() });
      const database = stateDatabase;
      if (database) stack.push({ name: 'state database', stop: () => database.close() });
      void takeOver(keeper, config.lease?.advertisedUrl ?? api.url, activate, logger, stop);
    } else {
      await activate();
      const api = await startControlApi(workerControl, controlOptions);
      control = api;
      stack.push({ name: 'control API', stop: () => api.close() });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ controlUrl: control.url, signals: tradingApp !== undefined }, 'ws-worker started');
  const controlUrl = control.url;
  const { inject } = control;
  return { controlUrl, inject, stopped, status: () => workerControl.status(), stop };
}

/** Waits for the lease, then starts trading; a take-over that fails stops the worker (a supervisor restarts it). */
async function takeOver(
  keeper: LeaseKeeper,
  controlUrl: string,
  activate: () => Promise<void>,
  logger: Logger,
  stop: () => Promise<void>,
): Promise<void> {
  await keeper.acquire(controlUrl);
  if (keeper.role !== 'active') return;
  try {
    await activate();
    logger.info('ws-worker active: reconciled with the venue, execution and outbox resumed');
  } catch (error) {
    logger.error({ err: error }, 'ws-worker could not take over: stopping');
    await stop();
  }
}

/**
 * A standby that took the lease over a directory it shares with the previous holder (one machine):
 * that holder may still be alive (paused, fenced, stopping), so the claim is tried again until it
 * lets go. The lease, not the directory, decides who trades; the directory keeps two processes from
 * writing one outbox at once.
 */
async function claimOnceFree(
  directory: string,
  clock: Clock,
  logger: Logger,
  stopping: () => boolean,
): Promise<DirectoryOwnership> {
  for (;;) {
    try {
      return await claimDirectory(directory, 'ws-worker');
    } catch (error) {
      if (!(error instanceof DirectoryInUseError) || stopping()) throw error;
      logger.warn({ err: error }, 'lease taken, data directory still held by the previous worker: waiting for it');
      await clock.sleep(500);
    }
  }
}

/** Why a worker with a lease takes no orders now, or `undefined` when it does. */
function standbyReason(keeper: LeaseKeeper, ready: boolean, account: string): string | undefined {
  const lease = keeper.status();
  if (lease.role === 'active') {
    return ready ? undefined : `this worker is taking over account ${account}: try again in a moment`;
  }
  if (lease.role === 'lost')
    return `this worker lost the lease of account ${account} to another worker and is stopping`;
  const active = lease.active_control_url ? `: the active worker answers at ${lease.active_control_url}` : '';
  return `this worker is standby for account ${account}${active}`;
}

/** On a shared queue the worker counts its REST requests in the budget the key's processes share (decision 0038). */
function configuredVenue(config: WsWorkerConfig, clock: Clock, logger: Logger): WorkerVenue {
  const sharedBudget = config.queue.backend === 'inprocess' ? undefined : sharedRateBudget(config.queue);
  const venue = composeVenue(config.venue, clock, logger, sharedBudget ? { sharedBudget } : {});
  return {
    exchange: venue.exchange,
    names: venue.names,
    ...venue.streams(),
    ...(sharedBudget ? { release: () => sharedBudget.close() } : {}),
  };
}

/** Signals disabled (no `TRADING_APP_BASE_URI`): the execution's callbacks are logged and dropped. */
function droppingOutbox(logger: Logger): SignalOutbox {
  let dropped = 0;
  return {
    enqueue: async (signal) => {
      dropped += 1;
      logger.warn({ kind: signal.kind, url: signal.url, traceId: signal.traceId }, 'signals disabled: dropped');
    },
    status: () => ({ depth: 0, delivered: 0, failed: dropped }),
    start: async () => undefined,
    stop: async () => undefined,
  };
}
