import type { Clock } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { TradingAppMetrics } from '../metrics/TradingAppMetrics.ts';
import type { TradingAppStore } from '../TradingAppServices.ts';

/** What the routes need: the domain behind one interface, and the infrastructure around it. */
export interface TradingAppApiDependencies {
  readonly store: TradingAppStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: TradingAppMetrics;
  /** HMAC secret shared with the ws-worker (seed 002). */
  readonly sharedSecret: string;
}
