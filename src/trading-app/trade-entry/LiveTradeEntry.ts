import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import { InvalidRequestError, RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { TradeDecision, TradeRow } from '../trades/TradeRepository.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import { decisionKey } from './decisionKey.ts';
import {
  type EntryAssessment,
  EntryAssessor,
  type EntryAssessorDependencies,
  type EntryDecision,
  type RecordedPlan,
} from './EntryAssessor.ts';
import type { TradeEntry, TradeEntryOutcome, TradeEntryRequest } from './TradeEntry.ts';

export interface LiveTradeEntryDependencies extends EntryAssessorDependencies {
  readonly profileFor: (mtfProfile: string | undefined) => TradeEntryProfile;
  /** The worker's place-order (WsWorkerClient.placeOrder): the order goes out from there. */
  readonly placeOrder: (request: PlaceOrderRequest) => Promise<{ status: 'queued' | 'duplicate' }>;
  readonly logger: Logger;
}

/**
 * Trade entry for real (docs/reference/original-system.md#trade-pipeline `buildAndExecute`, with its limits enforced):
 * the decision is recorded before anything is sent, keyed by its decision key, so a re-run, a retry or a
 * restart finds it instead of trading it twice; then preflight, the planner, the risk gate, and
 * the worker's place-order with the decision key as request id. Every refusal is recorded with its
 * reason. A request the worker did not acknowledge stays `planned` and `resendUnsent` sends it
 * again (the worker answers 409 if the first one got through).
 */
export class LiveTradeEntry implements TradeEntry {
  readonly mode = 'live' as const;
  /** Preflight, plan and limits without a write: what a dry run of the same decision shows. */
  readonly assessor: EntryAssessor;
  readonly #deps: LiveTradeEntryDependencies;

  constructor(deps: LiveTradeEntryDependencies) {
    this.#deps = deps;
    this.assessor = new EntryAssessor(deps);
  }

  async enter(request: TradeEntryRequest): Promise<TradeEntryOutcome> {
    const key = decisionKey(request);
    const known = await this.#deps.trades.find(key);
    if (known) return outcomeOf(known);
    const { market } = request;
    if (!market) return { status: 'skipped', reason: 'no_market_snapshot', decision_key: key };
    return this.#enterNew({ key, request: { ...request, market }, profile: this.#deps.profileFor(request.profile) });
  }

  /**
   * A decision under its own key and profile, assessed a moment ago by `assessor` (the caller
   * looked the key up first): recorded and sent as `enter` does. A key recorded meanwhile (another
   * request with the same key) gets the recorded trade, never a second order.
   */
  async enterAssessed(decision: EntryDecision, assessed: EntryAssessment): Promise<TradeEntryOutcome> {
    const { key, request } = decision;
    if (assessed.status === 'error') return { status: 'error', error: assessed.error, decision_key: key };
    const record = decisionOf(key, request);
    if (assessed.status !== 'planned') {
      const { status, reason, detail } = assessed;
      const { trade } = await this.#deps.trades.record(record, { status, reason, detail });
      return outcomeOf(trade);
    }
    const { plan } = assessed;
    const { inserted, trade } = await this.#deps.trades.record(record, { status: 'planned', plan });
    if (!inserted) return outcomeOf(trade);
    return this.#send(key, plan);
  }

  async #enterNew(decision: EntryDecision): Promise<TradeEntryOutcome> {
    return this.enterAssessed(decision, await this.assessor.assess(decision));
  }

  /** Planned trades the worker never acknowledged (it was down, the answer was lost): sent again. */
  async resendUnsent(olderThanMs = 30_000): Promise<number> {
    let sent = 0;
    for (const trade of await this.#deps.trades.unsent(olderThanMs)) {
      const plan = trade.plan as RecordedPlan | null;
      if (!plan?.order) continue;
      const outcome = await this.#send(trade.decisionKey, plan);
      if (outcome.status === 'submitted') sent += 1;
    }
    return sent;
  }

  async #send(key: string, plan: RecordedPlan): Promise<TradeEntryOutcome> {
    const { trades, logger } = this.#deps;
    const { order } = plan;
    try {
      await this.#deps.placeOrder(order);
      await trades.markSubmitted(key);
      logger.info({ decisionKey: key, symbol: order.symbol, side: order.side }, 'entry sent to the worker');
      return {
        status: 'submitted',
        client_order_id: key,
        exchange_order_id: null,
        decision_key: key,
        raw: { plan },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof InvalidRequestError || error instanceof RejectedError) {
        await trades.markFailed(key, 'worker_refused', message);
        logger.error({ err: error, decisionKey: key }, 'the worker refused the entry; nothing was placed');
        return { status: 'error', error: message, decision_key: key };
      }
      // Unknown outcome or unreachable: the trade stays planned and is sent again (same id).
      logger.warn({ err: error, decisionKey: key }, 'entry not acknowledged by the worker; it will be sent again');
      return { status: 'error', error: `not acknowledged yet, will be sent again: ${message}`, decision_key: key };
    }
  }
}

function decisionOf(key: string, request: TradeEntryRequest): TradeDecision {
  return {
    decisionKey: key,
    runId: request.runId,
    profile: request.profile ?? '',
    symbol: request.symbol,
    side: request.side === 'LONG' ? 'long' : 'short',
    executionTimeframe: request.executionTimeframe,
    candleOpenTime: request.klineTime,
  };
}

/** What a recorded trade means for the run's `trading_decision`. */
function outcomeOf(trade: TradeRow): TradeEntryOutcome {
  const key = trade.decisionKey;
  if (trade.status === 'skipped' || trade.status === 'refused') {
    return { status: 'skipped', reason: trade.reason ?? trade.status, detail: trade.detail ?? '', decision_key: key };
  }
  if (trade.status === 'failed') return { status: 'error', error: trade.detail ?? 'failed', decision_key: key };
  return {
    status: 'submitted',
    client_order_id: key,
    exchange_order_id: null,
    decision_key: key,
    raw: { plan: trade.plan as RecordedPlan },
  };
}
