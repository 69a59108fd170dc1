import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { MarketStream } from '../../exchange/port/streams.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { ControlAuditRepository } from '../controls/ControlAuditRepository.ts';
import { Controls } from '../controls/Controls.ts';
import type { ProviderHealthSources } from '../health/providerHealth.ts';
import type { MtfService } from '../mtf-runner/MtfService.ts';
import type { ScheduleStatus } from '../schedules/Scheduler.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import type { TradingQueries } from '../TradingAppServices.ts';
import type { TradeRepository, TradeRow } from '../trades/TradeRepository.ts';
import type { WsWorkerClient } from '../ws-worker-client/WsWorkerClient.ts';
import { Dashboard } from './Dashboard.ts';
import { DashboardEvents } from './DashboardEvents.ts';

/**
 * What the dashboard's routes need (decision 0024), over what the app composed already: the reads,
 * the event hub, and the controls with their record, wired so that a control's record reaches the
 * watchers, a close or cancel makes the positions read again, a switch the health.
 */
export function composeDashboardApi(deps: {
  readonly db: StoreDatabase;
  /** The venue with the account's private data; absent: no positions, orders, closes or cancels. */
  readonly exchange: FuturesExchange | undefined;
  readonly market: MarketStream | undefined;
  readonly trades: TradeRepository;
  readonly formatTrade: (row: TradeRow) => unknown;
  readonly mtf: MtfService;
  readonly store: Pick<TradingQueries, 'alerts'>;
  readonly schedules: () => ScheduleStatus[];
  readonly provider: ProviderHealthSources;
  readonly worker: () => WsWorkerClient | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}) {
  const { clock, logger, worker } = deps;
  const dashboard = new Dashboard({
    exchange: deps.exchange,
    market: deps.market,
    trades: deps.trades,
    mtf: deps.mtf,
    store: deps.store,
    schedules: deps.schedules,
    provider: deps.provider,
    workerStatus: () => worker()?.status() ?? Promise.reject(new Error('the worker client is not ready yet')),
    clock,
    logger,
  });
  const events = new DashboardEvents({
    dashboard,
    trades: deps.trades,
    formatTrade: deps.formatTrade,
    mtf: deps.mtf,
    clock,
    logger,
  });
  const audit = new ControlAuditRepository(deps.db, clock);
  const controls = new Controls({
    audit,
    switches: deps.mtf.switches,
    worker,
    exchange: deps.exchange,
    clock,
    logger,
    onRecord: (record) => events.audit(record),
    onPositionsChanged: () => dashboard.positions?.refreshSoon(),
    onSwitchesChanged: () => events.healthSoon(),
  });
  return {
    dashboard,
    events,
    controls: { service: controls, audit },
    /** Ends the watchers' streams and the live reads; before the server closes. */
    stop: () => {
      events.stop();
      dashboard.stop();
    },
  };
}
