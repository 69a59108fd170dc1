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
import { GroupCommit, type GroupCommitOptions } from './groupCommit.ts';
import { type Delivery, type DeliveryResult, ingestBatchIn } from './ingest/ingestBatch.ts';
import type { Database } from './openDatabase.ts';
import { balanceHistory, currentBalance, dailyBalanceMetrics } from './queries/balanceQueries.ts';
import { findOrder, listOrders } from './queries/orderQueries.ts';
import { listAlerts, listPositions } from './queries/portfolioQueries.ts';

export interface TradingAppStoreOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly alertPolicy: AlertPolicy;
  /**
   * How deliveries share transactions (docs/decisions/0029-group-commit-ingest.md). Default: up
   * to 200 per transaction; one transaction at a time on PGlite (it has one connection), two on a
   * server. `{ maxBatch: 1, maxInFlight: 10 }` is one transaction per signal on the pool.
   */
  readonly ingestBatching?: Partial<GroupCommitOptions>;
}

const DEFAULT_MAX_BATCH = 200;
const DEFAULT_IN_FLIGHT = { pglite: 1, postgres: 2 } as const;

/**
 * The trading-app's store over PostgreSQL (PGlite or a server). Ingests that arrive together share
 * one transaction (group commit); in it each keeps its own delivery row first (a known trace id
 * ends it as `duplicate`), then its domain writes. An ingest resolves once its transaction
 * committed; an error rolls the transaction back, its deliveries are retried one per transaction,
 * and the failing one's error propagates. Owns the database: `close()` closes it.
 */
export class TradingAppStoreImpl implements TradingAppStore {
  readonly #database: Database;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #ingest: GroupCommit<Delivery, DeliveryResult>;

  constructor(database: Database, options: TradingAppStoreOptions) {
    this.#database = database;
    this.#clock = options.clock;
    this.#logger = options.logger;
    const policy = options.alertPolicy;
    this.#ingest = new GroupCommit((batch) => database.drizzle.transaction((tx) => ingestBatchIn(tx, batch, policy)), {
      maxBatch: options.ingestBatching?.maxBatch ?? DEFAULT_MAX_BATCH,
      maxInFlight: options.ingestBatching?.maxInFlight ?? DEFAULT_IN_FLIGHT[database.driver],
    });
  }

  async ingestBalance(signal: BalanceSignal, receivedAt: Date): Promise<IngestOutcome> {
    const result = await this.#ingest.submit({ kind: 'balance', signal, receivedAt, now: this.#now() });
    return this.#afterCommit('balance', signal.trace_id, result);
  }

  async ingestOrder(signal: OrderSignal, receivedAt: Date): Promise<IngestOutcome> {
    const result = await this.#ingest.submit({ kind: 'order', signal, receivedAt, now: this.#now() });
    return this.#afterCommit('order', signal.trace_id, result);
  }

  async ingestCallback(callback: OrderCallback, receivedAt: Date): Promise<IngestOutcome> {
    const result = await this.#ingest.submit({ kind: 'callback', callback, receivedAt, now: this.#now() });
    return this.#afterCommit('callback', callback.trace_id, result);
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

  /** Lets the ingests already asked for commit, then closes the database. */
  async close(): Promise<void> {
    await this.#ingest.drain();
    await this.#database.close();
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }

  /** Logged after the commit, so a rolled-back alert is never announced. */
  #afterCommit(kind: string, traceId: string | undefined, result: DeliveryResult): IngestOutcome {
    for (const alert of result.balanceAlerts) this.#logger.warn({ alert }, `balance alert: ${alert.message}`);
    for (const alert of result.positionAlerts) this.#logger.warn({ alert }, `${alert.kind}: ${alert.message}`);
    const { outcome } = result;
    if (outcome.status === 'duplicate') this.#logger.debug({ kind, traceId, id: outcome.id }, 'duplicate delivery');
    return outcome;
  }
}
