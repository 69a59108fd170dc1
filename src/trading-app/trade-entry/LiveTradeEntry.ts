import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../platform/errors/exchangeErrors.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { TradeDecision, TradeRepository, TradeRow } from '../trades/TradeRepository.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import { decisionKey } from './decisionKey.ts';
import { placeOrderFrom } from './placeOrderFrom.ts';
import { type PlanDto, planDto } from './planDto.ts';
import { planInputFrom } from './planInputFrom.ts';
import { planTrade } from './planner/planTrade.ts';
import { type Preflight, preflight } from './preflight.ts';
import { checkRisk } from './risk/riskGate.ts';
import type { TradeEntry, TradeEntryOutcome, TradeEntryRequest } from './TradeEntry.ts';

/** The plan as the trade record keeps it: what was planned and the exact body sent to the worker. */
type RecordedPlan = PlanDto & { readonly order: PlaceOrderRequest };

export interface LiveTradeEntryDependencies {
  readonly exchange: FuturesExchange;
  readonly trades: TradeRepository;
  readonly profileFor: (mtfProfile: string | undefined) => TradeEntryProfile;
  /** The worker's place-order (WsWorkerClient.placeOrder): the order goes out from there. */
  readonly placeOrder: (request: PlaceOrderRequest) => Promise<{ status: 'queued' | 'duplicate' }>;
  /** "Pause new entries" is on (open positions stay managed). */
  readonly entriesPaused: () => Promise<boolean>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Trade entry for real (reference §5.2 `buildAndExecute`, with its limits enforced): the decision
 * is recorded before anything is sent, keyed by its decision key, so a re-run, a retry or a
 * restart finds it instead of trading it twice; then preflight, the planner, the risk gate, and
 * the worker's place-order with the decision key as request id. Every refusal is recorded with its
 * reason. A request the worker did not acknowledge stays `planned` and `resendUnsent` sends it
 * again (the worker answers 409 if the first one got through).
 */
export class LiveTradeEntry implements TradeEntry {
  readonly mode = 'live' as const;
  readonly #deps: LiveTradeEntryDependencies;

  constructor(deps: LiveTradeEntryDependencies) {
    this.#deps = deps;
  }

  async enter(request: TradeEntryRequest): Promise<TradeEntryOutcome> {
    const key = decisionKey(request);
    const known = await this.#deps.trades.find(key);
    if (known) return outcomeOf(known);
    const { market } = request;
    if (!market) return { status: 'skipped', reason: 'no_market_snapshot', decision_key: key };
    let venue: Preflight;
    try {
      venue = await preflight(this.#deps.exchange, request.symbol);
    } catch (error) {
      return {
        status: 'error',
        error: `preflight: ${error instanceof Error ? error.message : String(error)}`,
        decision_key: key,
      };
    }
    const decision = decisionOf(key, request);
    const profile = this.#deps.profileFor(request.profile);
    const planned = planTrade(planInputFrom({ ...request, market }, venue, profile));
    if (planned.status === 'skipped') {
      const { trade } = await this.#deps.trades.record(decision, planned);
      return outcomeOf(trade);
    }
    const risk = await this.#riskVerdict(request.symbol, profile, venue);
    if (!risk.allowed) {
      const { trade } = await this.#deps.trades.record(decision, {
        status: 'refused',
        reason: risk.reason,
        detail: risk.detail,
      });
      return outcomeOf(trade);
    }
    const order = placeOrderFrom(key, planned.plan, profile, market, {
      decision_key: key,
      run_id: request.runId,
      profile: request.profile ?? '',
    });
    const plan: RecordedPlan = { ...planDto(planned.plan), order };
    const { inserted, trade } = await this.#deps.trades.record(decision, { status: 'planned', plan });
    if (!inserted) return outcomeOf(trade);
    return this.#send(key, plan);
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

  async #riskVerdict(symbol: string, profile: TradeEntryProfile, venue: Preflight) {
    const now = this.#deps.clock.now();
    const [today, paused, active] = await Promise.all([
      this.#deps.trades.today(now),
      this.#deps.entriesPaused(),
      this.#deps.trades.activeSymbols(),
    ]);
    const realized = new Dec(today.realizedPnl);
    // Today's opening equity: what the account held before today's closed trades and open ones moved it.
    const dayOpeningEquity = venue.account.equity.sub(realized).sub(venue.exposure.unrealizedPnl);
    return checkRisk(symbol, profile.limits, {
      now,
      entriesPaused: paused,
      dayOpeningEquity,
      realizedPnlToday: realized,
      unrealizedPnl: venue.exposure.unrealizedPnl,
      openPositionSymbols: venue.exposure.positionSymbols,
      openOrderSymbols: venue.exposure.orderSymbols,
      activeTradeSymbols: active,
      tradesToday: today.attempts,
      tradesTodayBySymbol: today.attemptsBySymbol,
      lastCloseBySymbol: today.lastCloseBySymbol,
    });
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
