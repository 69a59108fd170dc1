import type { Clock } from '../../platform/clock/index.ts';
import type { TradeRepository, TradeStatus } from '../trades/TradeRepository.ts';

/** The original's counters (pivox/tradingV3 `TradeEntryMetricsService`): entries sent, failed, not taken. */
export interface TradeEntryCounts {
  /** Acknowledged by the worker, whatever became of them since (open, closed, cancelled). */
  readonly submitted: number;
  /** Refused by the worker or the venue. */
  readonly errors: number;
  /** Not taken: the planner found no trade, or a limit refused it. */
  readonly skipped: number;
}

const COUNTED: Readonly<Record<keyof TradeEntryCounts, readonly TradeStatus[]>> = {
  submitted: ['submitted', 'open', 'closed', 'cancelled'],
  errors: ['failed'],
  skipped: ['skipped', 'refused'],
};

const DAY_MS = 86_400_000;

/**
 * `/api/trade-entry/monitoring/*`: counts of today's (UTC) trade records, MTF and API decisions
 * alike, instead of the original's in-process counters, so a restart loses nothing. A reset starts
 * the count over from that moment (until the next UTC day); the records themselves stay. A trade
 * recorded but not yet acknowledged by the worker (`planned`) is counted once it is.
 */
export class TradeEntryMetrics {
  readonly #trades: TradeRepository;
  readonly #clock: Clock;
  #resetAt = Number.NEGATIVE_INFINITY;

  constructor(trades: TradeRepository, clock: Clock) {
    this.#trades = trades;
    this.#clock = clock;
  }

  async counts(): Promise<TradeEntryCounts> {
    const now = this.#clock.now();
    const since = Math.max(Math.floor(now / DAY_MS) * DAY_MS, this.#resetAt);
    const byStatus = await this.#trades.countByStatus(new Date(since));
    const sum = (statuses: readonly TradeStatus[]) =>
      statuses.reduce((total, status) => total + (byStatus.get(status) ?? 0), 0);
    return { submitted: sum(COUNTED.submitted), errors: sum(COUNTED.errors), skipped: sum(COUNTED.skipped) };
  }

  /**
   * The original's health (`TradeEntryMonitoringController::healthCheck`): rates over all counted
   * entries (a skip counts as a success: nothing went wrong), unhealthy from 50 % errors.
   */
  async health(): Promise<{
    status: 'healthy' | 'unhealthy';
    metrics: TradeEntryCounts;
    success_rate: number;
    error_rate: number;
    timestamp: string;
  }> {
    const metrics = await this.counts();
    const total = metrics.submitted + metrics.errors + metrics.skipped;
    const rate = (count: number) => (total > 0 ? Math.round((count / total) * 10_000) / 100 : 0);
    const errorRate = rate(metrics.errors);
    return {
      status: errorRate < 50 ? 'healthy' : 'unhealthy',
      metrics,
      success_rate: rate(total - metrics.errors),
      error_rate: errorRate,
      // The original's `date('Y-m-d H:i:s')`, in UTC.
      timestamp: new Date(this.#clock.now()).toISOString().replace('T', ' ').slice(0, 19),
    };
  }

  reset(): void {
    this.#resetAt = this.#clock.now();
  }
}
