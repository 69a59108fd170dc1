import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { HttpServerSettings } from '../../platform/http/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { BacktestService } from '../backtests/BacktestService.ts';
import type { ControlAuditRepository } from '../controls/ControlAuditRepository.ts';
import type { Controls } from '../controls/Controls.ts';
import type { Dashboard } from '../dashboard/Dashboard.ts';
import type { DashboardEvents } from '../dashboard/DashboardEvents.ts';
import type { ProviderHealthSources } from '../health/providerHealth.ts';
import type { RetentionCleanup } from '../maintenance/RetentionCleanup.ts';
import type { MarketData } from '../market-data/createMarketData.ts';
import type { TradingAppMetrics } from '../metrics/TradingAppMetrics.ts';
import type { MtfService } from '../mtf-runner/MtfService.ts';
import type { Schedules } from '../schedules/Schedules.ts';
import type { TradingAppStore } from '../TradingAppServices.ts';
import type { RequestedTradeEntry } from '../trade-entry/RequestedTradeEntry.ts';
import type { TradeEntryMetrics } from '../trade-entry/TradeEntryMetrics.ts';
import type { TwoTargetsService } from '../trade-entry/tpsl/TwoTargetsService.ts';
import type { ReconcileOutcome } from '../trades/TradeReconciler.ts';
import type { TradeRepository } from '../trades/TradeRepository.ts';

/** What the routes need: the domain behind one interface, and the infrastructure around it. */
export interface TradingAppApiDependencies {
  readonly store: TradingAppStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: TradingAppMetrics;
  /** HMAC secret shared with the ws-worker (docs/reference/seed-contracts.md#signal-signing). */
  readonly sharedSecret: string;
  /** The venue's public REST data (no keys needed): `GET /provider/health` probes it; absent, it reports no exchange. */
  readonly exchange?: MarketDataRest | undefined;
  /** Contracts and klines in the store, and their syncs from `exchange`. */
  readonly marketData?: MarketData | undefined;
  /** The MTF runner and its switches, locks and audits; absent: no `/api/mtf/*` routes. */
  readonly mtf?: MtfService | undefined;
  /** Retention of klines and audits; absent: no `/api/maintenance/*` routes. */
  readonly maintenance?: RetentionCleanup | undefined;
  /** The trade record, for `GET /api/trades`. */
  readonly trades?: TradeRepository | undefined;
  /** Trades made to agree with the venue: now for one, and soon after each callback (decision 0021). */
  readonly tradeReconciliation?: TradeReconciliation | undefined;
  /** The seeds' `/api/trade-entry/*` and `/api/trade-tpsl/two-targets`; absent: not registered. */
  readonly tradeEntry?:
    | {
        readonly entry: RequestedTradeEntry;
        readonly metrics: TradeEntryMetrics;
        /** Absent without a venue with credentials: the route answers 503. */
        readonly twoTargets: TwoTargetsService | undefined;
      }
    | undefined;
  /** The schedules (in process, or on the shared queue), for `GET /api/schedules`. */
  readonly schedules?: Schedules | undefined;
  /** The kline stream and rate-limit windows `GET /provider/health` reports beside `exchange`. */
  readonly providerHealth?: Omit<ProviderHealthSources, 'exchange'> | undefined;
  /** The dashboard's reads (positions, orders, health); absent: no `/api/dashboard/*` routes. */
  readonly dashboard?: Dashboard | undefined;
  /** The dashboard's push; absent: no `GET /api/events`. */
  readonly events?: DashboardEvents | undefined;
  /** The dashboard's controls and their record; absent: no `/api/controls/*` or `/api/audit`. */
  readonly controls?: { readonly service: Controls; readonly audit: ControlAuditRepository } | undefined;
  /** Backtests run in this process, with the profiles they may name; absent: no `/api/backtests` routes. */
  readonly backtests?: { readonly service: BacktestService; readonly profiles: readonly string[] } | undefined;
  /** `APP_API_TOKEN`: controls from off loopback must carry it; undefined: they answer loopback only. */
  readonly apiToken?: string | undefined;
  /** `APP_ADDR`'s host and `APP_ALLOWED_HOSTS` for the cross-site guard; the request timeout. */
  readonly http?: HttpServerSettings | undefined;
}

export interface TradeReconciliation {
  reconcile(decisionKey: string): Promise<ReconcileOutcome>;
  /** A callback about a trade was stored: reconcile soon, off the request's path. */
  requestSoon(): void;
}
