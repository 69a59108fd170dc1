import type { OrderFollowUp } from '../../exchange/followUp/index.ts';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Contract } from '../../exchange/port/types.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Callbacks } from './Callbacks.ts';
import type { DeadManSwitch } from './DeadManSwitch.ts';
import type { ExecutionStore } from './ExecutionStore.ts';
import type { OrdersConfig } from './ordersConfig.ts';

/** The latest prices of a symbol, from ticker and trade events. */
export interface Quote {
  last: Dec;
  bid: Dec | undefined;
  ask: Dec | undefined;
}

/** The YAML's percentages as ratios, computed once (the hot path multiplies, never divides). */
export interface Thresholds {
  readonly entryTolerance: Dec;
  readonly stopLossSlippage: Dec;
  readonly takeProfitSlippage: Dec;
}

export function thresholdsOf(config: OrdersConfig): Thresholds {
  const ratio = (percent: number) => new Dec(percent).div(100);
  return {
    entryTolerance: ratio(config.orders.entry_zone.tolerance_percent),
    stopLossSlippage: ratio(config.orders.stop_loss.slippage_tolerance_percent),
    takeProfitSlippage: ratio(config.orders.take_profit.slippage_tolerance_percent),
  };
}

/** What both monitors share; built once by `createExecution`. */
export interface ExecutionContext {
  readonly exchange: FuturesExchange;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: OrdersConfig;
  readonly thresholds: Thresholds;
  readonly store: ExecutionStore;
  readonly callbacks: Callbacks;
  readonly followUp: OrderFollowUp;
  readonly deadMan: DeadManSwitch;
  readonly quotes: Map<string, Quote>;
  /**
   * The contracts of the symbols in use (tick size, market maximum), read when a request is
   * accepted or reloaded, so the hot path rounds and splits without a lookup.
   */
  readonly contracts: Map<string, Contract>;
  /** The venue's contract of a symbol (cached by the caller); for a symbol `contracts` lacks. */
  readContract(symbol: string): Promise<Contract | undefined>;
  /** Write-behind: the hot path never waits for the disk; failures are logged, the next save retries. */
  persist(): void;
  /**
   * Runs `task` after the request just handed to the exchange has been written to its socket: the
   * HTTP client writes a reused keep-alive connection in the event loop's check phase, and this
   * queues behind it (docs/decisions/0008-worker-trigger-latency.md).
   */
  afterSend(task: () => void): void;
}

/** Entry orders that may be canceled by maker-only and re-placed; beyond this the request fails. */
export const MAX_ENTRY_ATTEMPTS = 20;
/** Failed closes reported before the worker stops retrying and leaves it to the exchange-side SL/TP. */
export const MAX_CLOSE_FAILURES = 5;
/** How long an order whose submit timed out is looked for before it is taken as never placed. */
export const UNKNOWN_OUTCOME_WAIT_MS = 30_000;
/**
 * Orders are opened isolated, as the PHP worker did (`open_type` default,
 * docs/reference/original-system.md#entry-zone-worker).
 */
export const ENTRY_MARGIN_MODE = 'isolated' as const;
