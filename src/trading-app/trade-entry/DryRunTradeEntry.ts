import { decisionDigest, decisionKey } from './decisionKey.ts';
import type { TradeEntry, TradeEntryOutcome, TradeEntryRequest, WouldBePlan } from './TradeEntry.ts';

/**
 * Trade entry in dry-run mode (docs/reference/original-system.md#dry-run): nothing is sent to the venue; the would-be
 * plan is returned as `status: "simulated"` with a deterministic `SIM-…` client order id and kept in
 * memory for inspection. Entry sizing, stop and targets come with the live implementation.
 */
export class DryRunTradeEntry implements TradeEntry {
  readonly mode = 'dry_run' as const;
  readonly #plans: WouldBePlan[] = [];

  async enter(request: TradeEntryRequest): Promise<TradeEntryOutcome> {
    const key = decisionKey(request);
    if (!Number.isFinite(request.referencePrice) || request.referencePrice <= 0) {
      return { status: 'skipped', reason: 'no_reference_price', decision_key: key };
    }
    const plan: WouldBePlan = {
      symbol: request.symbol,
      side: request.side === 'LONG' ? 'long' : 'short',
      execution_tf: request.executionTimeframe,
      atr: request.atr,
      entry_reference_price: request.referencePrice,
      kline_time: new Date(request.klineTime).toISOString(),
    };
    this.#plans.push(plan);
    return {
      status: 'simulated',
      client_order_id: `SIM-${decisionDigest(request)}`,
      exchange_order_id: null,
      decision_key: key,
      raw: { plan },
    };
  }

  /** Every plan recorded so far, oldest first. */
  plans(): readonly WouldBePlan[] {
    return [...this.#plans];
  }
}
