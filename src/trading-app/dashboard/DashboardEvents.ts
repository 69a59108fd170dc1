import type { Unsubscribe } from '../../exchange/port/streams.ts';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { AuditRecordView } from '../controls/ControlAuditRepository.ts';
import type { MtfService } from '../mtf-runner/MtfService.ts';
import type { RunResponse } from '../mtf-runner/response/runResponse.ts';
import type { TradeRepository, TradeRow } from '../trades/TradeRepository.ts';
import type { Dashboard } from './Dashboard.ts';
import type { DashboardHealthReport } from './DashboardHealth.ts';
import { runEvent } from './runEvent.ts';

export type DashboardEventName = 'hello' | 'positions' | 'health' | 'trade' | 'run' | 'audit';

/** One connected watcher (an `EventSource` on `GET /api/events`). */
export interface EventSink {
  send(event: DashboardEventName, data: unknown): void;
}

export interface DashboardEventsOptions {
  readonly dashboard: Dashboard;
  readonly trades: TradeRepository | undefined;
  /** A trade row as `GET /api/trades` shows it. */
  readonly formatTrade: (row: TradeRow) => unknown;
  readonly mtf: MtfService | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

const HEALTH_INTERVAL_MS = 5_000;
const TRADE_POLL_MS = 1_000;
/** Changed trades sent per poll; more wait for the next one. */
const TRADE_BATCH = 100;

/**
 * The dashboard's push (issue 13, decision 0024): what changes reaches every watcher as a named
 * event. `positions` as `DashboardPositions` pushes them (each ticker of a held symbol, each change
 * the exchange shows, each second while any is open), `health` every 5 s and right after a control
 * changed a switch, `trade` for each trade row written (read every second from `updated_at`), `run`
 * when an MTF run of this process ends, `audit` for each control recorded. Nothing runs while no
 * one watches.
 */
export class DashboardEvents {
  readonly #options: DashboardEventsOptions;
  readonly #sinks = new Set<EventSink>();
  #stops: Unsubscribe[] = [];
  #timers: TimerHandle[] = [];
  #health: DashboardHealthReport | undefined;
  #healthRunning: Promise<void> | undefined;
  #tradeCursor = 0;
  readonly #tradesSent = new Map<string, number>();
  #tradePoll: Promise<void> | undefined;

  constructor(options: DashboardEventsOptions) {
    this.#options = options;
  }

  /** Greets the sink with what is known now, then sends it everything until the returned function is called. */
  connect(sink: EventSink): Unsubscribe {
    const { clock, dashboard } = this.#options;
    this.#sinks.add(sink);
    sink.send('hello', { server_time: new Date(clock.now()).toISOString() });
    if (this.#sinks.size === 1) this.#start();
    const positions = dashboard.positions?.current();
    if (positions) sink.send('positions', positions);
    if (this.#health) sink.send('health', this.#health);
    return () => {
      this.#sinks.delete(sink);
      if (this.#sinks.size === 0) this.#stop();
    };
  }

  /** A control was recorded. */
  audit(record: AuditRecordView): void {
    this.#broadcast('audit', record);
  }

  /** A switch changed: the banner hears it now rather than at the next period. */
  healthSoon(): void {
    if (this.#sinks.size > 0) void this.#refreshHealth();
  }

  stop(): void {
    this.#sinks.clear();
    this.#stop();
  }

  #start(): void {
    const { clock, dashboard, mtf } = this.#options;
    this.#tradeCursor = clock.now();
    this.#tradesSent.clear();
    this.#stops = [
      ...(dashboard.positions ? [dashboard.positions.watch((views) => this.#broadcast('positions', views))] : []),
      ...(mtf ? [mtf.onRun((response: RunResponse) => this.#broadcast('run', runEvent(response)))] : []),
    ];
    this.#timers = [
      clock.setInterval(() => void this.#refreshHealth(), HEALTH_INTERVAL_MS),
      clock.setInterval(() => void this.#pollTrades(), TRADE_POLL_MS),
    ];
    void this.#refreshHealth();
  }

  #stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    for (const timer of this.#timers.splice(0)) this.#options.clock.clearTimer(timer);
    this.#health = undefined;
  }

  #broadcast(event: DashboardEventName, data: unknown): void {
    for (const sink of this.#sinks) sink.send(event, data);
  }

  #refreshHealth(): Promise<void> {
    this.#healthRunning ??= (async () => {
      try {
        const report = await this.#options.dashboard.health(this.#options.dashboard.positions?.current());
        if (this.#sinks.size === 0) return;
        this.#health = report;
        this.#broadcast('health', report);
      } catch (error) {
        this.#options.logger.warn({ err: error }, 'could not compute the dashboard health');
      } finally {
        this.#healthRunning = undefined;
      }
    })();
    return this.#healthRunning;
  }

  /** Rows written since the last poll (a row written twice in one millisecond is sent once per write time). */
  #pollTrades(): Promise<void> {
    const { trades, formatTrade, logger } = this.#options;
    if (!trades) return Promise.resolve();
    this.#tradePoll ??= (async () => {
      try {
        const rows = await trades.changedSince(new Date(this.#tradeCursor), TRADE_BATCH);
        for (const row of rows) {
          const at = row.updatedAt.getTime();
          if (this.#tradesSent.get(row.decisionKey) === at) continue;
          this.#tradesSent.set(row.decisionKey, at);
          this.#tradeCursor = Math.max(this.#tradeCursor, at);
          this.#broadcast('trade', formatTrade(row));
        }
        for (const [key, at] of this.#tradesSent) if (at < this.#tradeCursor) this.#tradesSent.delete(key);
      } catch (error) {
        logger.warn({ err: error }, 'could not read the changed trades for the dashboard');
      } finally {
        this.#tradePoll = undefined;
      }
    })();
    return this.#tradePoll;
  }
}
