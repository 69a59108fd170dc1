import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { MarketStream } from '../../exchange/port/streams.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { ProviderHealthSources } from '../health/providerHealth.ts';
import type { MtfService } from '../mtf-runner/MtfService.ts';
import type { ScheduleStatus } from '../schedules/Scheduler.ts';
import type { TradingQueries } from '../TradingAppServices.ts';
import type { TradeRepository } from '../trades/TradeRepository.ts';
import type { WorkerStatusAnswer } from '../ws-worker-client/workerResponses.ts';
import { type DashboardHealthReport, dashboardHealth, type OpenTrade } from './DashboardHealth.ts';
import { DashboardPositions } from './DashboardPositions.ts';
import { type OrderView, orderViews } from './orderView.ts';
import type { PositionView } from './positionView.ts';

export interface DashboardOptions {
  /** The venue with the account's private data; absent: no positions or orders to show. */
  readonly exchange: FuturesExchange | undefined;
  /** The app's market stream, when it runs one: marks move with its tickers. */
  readonly market: MarketStream | undefined;
  readonly trades: TradeRepository | undefined;
  readonly mtf: MtfService | undefined;
  readonly store: Pick<TradingQueries, 'alerts'>;
  readonly schedules: (() => ScheduleStatus[]) | undefined;
  readonly provider: ProviderHealthSources;
  readonly workerStatus: (() => Promise<WorkerStatusAnswer>) | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * What the dashboard reads (issue 13), over what the app already has: the exchange's positions and
 * orders, and one health report. The routes (`api/dashboardRoutes.ts`) and the event stream read
 * this; nothing here writes.
 */
export class Dashboard {
  /** Undefined without a private venue: the routes answer 503. */
  readonly positions: DashboardPositions | undefined;
  readonly #options: DashboardOptions;

  constructor(options: DashboardOptions) {
    this.#options = options;
    const { exchange, trades } = options;
    this.positions = exchange
      ? new DashboardPositions({
          exchange,
          market: options.market,
          clock: options.clock,
          logger: options.logger,
          ...(trades ? { openTrades: () => openTrades(trades) } : {}),
        })
      : undefined;
  }

  /** Open orders and waiting triggers of every symbol, oldest first; undefined without a venue. */
  async orders(): Promise<OrderView[] | undefined> {
    const { exchange } = this.#options;
    if (!exchange) return undefined;
    const [orders, plans] = await Promise.all([exchange.openOrders(), exchange.planOrders()]);
    return orderViews(orders, plans);
  }

  /**
   * The health report; `positions` when the caller has them fresh (the event stream), else read
   * now (a failed read shows as `unprotected_positions: null`).
   */
  async health(positions?: readonly PositionView[]): Promise<DashboardHealthReport> {
    const { trades } = this.#options;
    const held = positions ?? (await this.positions?.read().catch(() => undefined));
    return dashboardHealth(
      {
        clock: this.#options.clock,
        provider: this.#options.provider,
        schedules: this.#options.schedules,
        mtf: this.#options.mtf,
        store: this.#options.store,
        workerStatus: this.#options.workerStatus,
        openTrades: () => (trades ? openTrades(trades) : Promise.resolve([])),
      },
      held,
    );
  }

  stop(): void {
    this.positions?.stop();
  }
}

async function openTrades(trades: TradeRepository): Promise<OpenTrade[]> {
  const rows = await trades.list({ status: 'open', limit: 500 });
  return rows.map((row) => ({
    decisionKey: row.decisionKey,
    symbol: row.symbol,
    side: row.side,
    quantity: row.quantity,
  }));
}
