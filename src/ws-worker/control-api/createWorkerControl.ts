import type { MonitorPositionRequest } from '../../contracts/api/monitorPosition.ts';
import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { ReplaceProtectionsRequest } from '../../contracts/api/replaceProtections.ts';
import type { MarketStream, UserChannel, UserStream, VenueNames } from '../../exchange/port/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type {
  CanceledOrder,
  ClosedSymbol,
  ManualOutcome,
  PriceEvaluations,
  ProtectionsOutcome,
} from '../execution/index.ts';
import type { LeaseStatus } from '../lease/LeaseKeeper.ts';
import type { SignalOutbox } from '../signals/SignalOutbox.ts';
import type { LiveState } from '../streams/LiveState.ts';
import type { SharedSubscriptions } from '../streams/SharedSubscriptions.ts';
import type { SymbolCatalog } from '../streams/SymbolCatalog.ts';
import { supportedTimeframeOf } from '../streams/supportedTimeframes.ts';
import { buildStatus } from './statusView.ts';
import type { ControlOutcome, RequestOutcome, WorkerControl } from './WorkerControl.ts';

/** The part of the execution the control API uses. */
export interface ExecutionControl {
  placeOrder(request: PlaceOrderRequest): Promise<RequestOutcome>;
  monitorPosition(request: MonitorPositionRequest): Promise<RequestOutcome>;
  replaceProtections(id: string, request: ReplaceProtectionsRequest): Promise<ProtectionsOutcome>;
  closeSymbol(symbol: string, requestId: string): Promise<ManualOutcome<ClosedSymbol>>;
  cancelOrder(symbol: string, orderId: string): Promise<ManualOutcome<CanceledOrder>>;
  status(): { readonly pending_orders: number; readonly monitored_positions: number };
  priceEvaluations(): PriceEvaluations;
}

export interface WorkerControlDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly state: LiveState;
  readonly subscriptions: SharedSubscriptions;
  readonly symbols: SymbolCatalog;
  readonly market: MarketStream;
  /** The venue's kline channel names, which `/status` lists as the original did. */
  readonly venueNames: VenueNames;
  readonly user: UserStream | undefined;
  readonly outbox: SignalOutbox;
  readonly execution: ExecutionControl;
  readonly signalsEnabled: boolean;
  readonly isRunning: () => boolean;
  readonly stop: () => void;
  /** With `WORKER_LEASE`: the lease as this worker holds it or waits for it. */
  readonly lease?: () => LeaseStatus;
  /** False while taking over: the components are still starting. */
  readonly isReady?: () => boolean;
  /** When every component was up, once they are. */
  readonly activeSince: () => number | undefined;
}

const NO_CREDENTIALS =
  'private channels need BitMart credentials: set BITMART_API_KEY, BITMART_API_SECRET and BITMART_API_MEMO';

/** `WorkerControl` over the live worker: the subscriptions it shares with the execution, and its state. */
export function createWorkerControl(deps: WorkerControlDependencies): WorkerControl {
  const { subscriptions, logger } = deps;
  const held = (channel: UserChannel): boolean => subscriptions.userChannelHolders(channel).length > 0;
  const checkSymbol = async (symbol: string): Promise<ControlOutcome> =>
    (await deps.symbols.has(symbol))
      ? { ok: true }
      : { ok: false, status: 400, error: `unknown symbol "${symbol}": the exchange lists no such contract` };

  return {
    status: () =>
      buildStatus({
        running: deps.isRunning(),
        now: deps.clock.now(),
        state: deps.state,
        klineChannels: subscriptions.klinesOf('control').flatMap(({ symbol, timeframe }) => {
          const channel = supportedTimeframeOf(timeframe) && deps.venueNames.klineChannel(symbol, timeframe);
          return channel ? [channel] : [];
        }),
        subscribed: { orders: held('orders'), positions: held('positions'), balance: held('balance') },
        health: [...deps.market.health(), ...(deps.user?.health() ?? [])],
        execution: executionCounts(deps.execution),
        signalsEnabled: deps.signalsEnabled,
        outbox: deps.outbox.status(),
        lease: deps.lease?.(),
        ready: deps.isReady?.() ?? true,
        activeSince: deps.activeSince(),
        priceEvaluations: deps.execution.priceEvaluations(),
      }),
    subscribeKlines: async (symbol, timeframes) => {
      const known = await checkSymbol(symbol);
      if (!known.ok) return known;
      subscriptions.claimKlines('control', symbol, timeframes);
      logger.info({ symbol, timeframes }, 'klines subscribed');
      return { ok: true };
    },
    unsubscribeKlines: async (symbol, timeframes) => {
      const known = await checkSymbol(symbol);
      if (!known.ok) return known;
      subscriptions.releaseKlines('control', symbol, timeframes);
      logger.info({ symbol, timeframes }, 'klines unsubscribed');
      return { ok: true };
    },
    subscribeUser: (channel) => {
      if (!deps.user) return { ok: false, status: 409, error: NO_CREDENTIALS };
      subscriptions.claimUser('control', [channel]);
      logger.info({ channel }, 'private channel subscribed');
      return { ok: true };
    },
    unsubscribeUser: (channel) => {
      if (!deps.user) return { ok: false, status: 409, error: NO_CREDENTIALS };
      subscriptions.releaseUser('control', [channel]);
      const stillHeldBy = subscriptions.userChannelHolders(channel);
      logger.info({ channel, stillHeldBy }, 'private channel unsubscribed');
      return { ok: true };
    },
    placeOrder: (request) => deps.execution.placeOrder(request),
    monitorPosition: (request) => deps.execution.monitorPosition(request),
    replaceProtections: (positionId, request) => deps.execution.replaceProtections(positionId, request),
    closeSymbol: (symbol, requestId) => deps.execution.closeSymbol(symbol, requestId),
    cancelOrder: (symbol, orderId) => deps.execution.cancelOrder(symbol, orderId),
    ordersStatus: () => deps.execution.status(),
    requestStop: () => deps.stop(),
  };
}

function executionCounts(execution: ExecutionControl): { pendingOrders: number; monitoredPositions: number } {
  const status = execution.status();
  return { pendingOrders: status.pending_orders, monitoredPositions: status.monitored_positions };
}
