import type { BalanceSignal } from '../../contracts/signals/balanceSignal.ts';
import type { OrderCallback } from '../../contracts/signals/orderCallback.ts';
import type { OrderSignal } from '../../contracts/signals/orderSignal.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type {
  AlertDto,
  AlertPolicy,
  BalanceInterval,
  BalanceSnapshotDto,
  DailyBalanceMetricDto,
  IngestOutcome,
  OrderDto,
  OrderWithLifecycleDto,
  PositionDto,
  TradingAppStore,
} from '../TradingAppServices.ts';
import { ingestBalanceIn } from './ingest/ingestBalance.ts';
import { ingestCallbackIn } from './ingest/ingestCallback.ts';
import { ingestOrderIn } from './ingest/ingestOrder.ts';
import type { Database } from './openDatabase.ts';
import { balanceHistory, currentBalance, dailyBalanceMetrics } from './queries/balanceQueries.ts';
import { findOrder, listOrders } from './queries/orderQueries.ts';
import { listAlerts, listPositions } from './queries/portfolioQueries.ts';

export interface TradingAppStoreOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly alertPolicy: AlertPolicy;
}

/**
 * The trading-app's store over PostgreSQL (PGlite or a server). Each ingest is one transaction:
 * the delivery row first (a known trace id ends it as `duplicate`), then the domain writes; any
 * error rolls all of it back and propagates. Owns the database: `close()` closes it.
 */
export class TradingAppStoreImpl implements TradingAppStore {
  readonly #database: Database;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #policy: AlertPolicy;

  constructor(database: Database, options: TradingAppStoreOptions) {
    this.#database = database;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#policy = options.alertPolicy;
  }

  async ingestBalance(signal: BalanceSignal, receivedAt: Date): Promise<IngestOutcome> {
    const context = { policy: this.#policy, now: this.#now() };
    const result = await this.#database.drizzle.transaction((tx) => ingestBalanceIn(tx, signal, receivedAt, context));
    // Logged after the commit, so a rolled-back alert is never announced.
    for (const alert of result.fired) this.#logger.warn({ alert }, `balance alert: ${alert.message}`);
    return this.#traced('balance', signal.trace_id, result.outcome);
  }

  async ingestOrder(signal: OrderSignal, receivedAt: Date): Promise<IngestOutcome> {
    const now = this.#now();
    const outcome = await this.#database.drizzle.transaction((tx) => ingestOrderIn(tx, signal, receivedAt, now));
    return this.#traced('order', signal.trace_id, outcome);
  }

  async ingestCallback(callback: OrderCallback, receivedAt: Date): Promise<IngestOutcome> {
    const now = this.#now();
    const result = await this.#database.drizzle.transaction((tx) => ingestCallbackIn(tx, callback, receivedAt, now));
    // Logged after the commit, so a rolled-back alert is never announced.
    for (const alert of result.fired) this.#logger.warn({ alert }, `${alert.kind}: ${alert.message}`);
    return this.#traced('callback', callback.trace_id, result.outcome);
  }

  currentBalance(): Promise<BalanceSnapshotDto | undefined> {
    return currentBalance(this.#database.drizzle);
  }

  balanceHistory(query: {
    from?: Date;
    to?: Date;
    interval: BalanceInterval;
    limit?: number;
  }): Promise<readonly BalanceSnapshotDto[]> {
    return balanceHistory(this.#database.drizzle, query);
  }

  dailyBalanceMetrics(days: number, now: Date): Promise<readonly DailyBalanceMetricDto[]> {
    return dailyBalanceMetrics(this.#database.drizzle, days, now);
  }

  orders(query: { symbol?: string; status?: string; kind?: string; limit: number }): Promise<readonly OrderDto[]> {
    return listOrders(this.#database.drizzle, query);
  }

  order(clientOrderId: string): Promise<OrderWithLifecycleDto | undefined> {
    return findOrder(this.#database.drizzle, clientOrderId);
  }

  positions(query: { status?: 'open' | 'closed' }): Promise<readonly PositionDto[]> {
    return listPositions(this.#database.drizzle, query);
  }

  alerts(query: { limit: number }): Promise<readonly AlertDto[]> {
    return listAlerts(this.#database.drizzle, query);
  }

  close(): Promise<void> {
    return this.#database.close();
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }

  #traced(kind: string, traceId: string | undefined, outcome: IngestOutcome): IngestOutcome {
    if (outcome.status === 'duplicate') this.#logger.debug({ kind, traceId, id: outcome.id }, 'duplicate delivery');
    return outcome;
  }
}
