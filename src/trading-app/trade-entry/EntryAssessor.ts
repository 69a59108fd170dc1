import type { PlaceOrderRequest } from '../../contracts/api/placeOrder.ts';
import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import type { TradeRepository } from '../trades/TradeRepository.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import { placeOrderFrom } from './placeOrderFrom.ts';
import { type PlanDto, planDto } from './planDto.ts';
import { planInputFrom } from './planInputFrom.ts';
import { planTrade } from './planner/planTrade.ts';
import { type Preflight, preflight } from './preflight.ts';
import { checkRecordLimits, checkRisk, type RecordState } from './risk/riskGate.ts';
import type { MarketSnapshot, TradeEntryRequest } from './TradeEntry.ts';

/** The plan as the trade record keeps it: what was planned and the exact body sent to the worker. */
export type RecordedPlan = PlanDto & { readonly order: PlaceOrderRequest };

/**
 * A decision to enter, whoever took it (an MTF run, `POST /api/trade-entry/execute`): its key (the
 * worker's request id), what was decided with the market it saw, and the profile that plans it.
 */
export interface EntryDecision {
  readonly key: string;
  readonly request: TradeEntryRequest & { readonly market: MarketSnapshot };
  readonly profile: TradeEntryProfile;
}

/** What entering would do now. Nothing is written or sent. */
export type EntryAssessment =
  | { readonly status: 'error'; readonly error: string; readonly cause: unknown }
  | {
      readonly status: 'skipped' | 'refused';
      readonly reason: string;
      readonly detail: string;
      /** Absent when our own records refused before the venue was read. */
      readonly venue: Preflight | undefined;
    }
  | { readonly status: 'planned'; readonly venue: Preflight; readonly plan: RecordedPlan };

export interface EntryAssessorDependencies {
  readonly exchange: FuturesExchange;
  readonly trades: TradeRepository;
  /** "Pause new entries" is on (open positions stay managed). */
  readonly entriesPaused: () => Promise<boolean>;
  readonly clock: Clock;
}

/**
 * Preflight, planner and limits of one decision (pivox/tradingV3 `TradeEntryService::buildAndExecute` up to the
 * order, with its limits enforced): the limits our trade records decide, then the venue's contract,
 * book, account and exposure, `planTrade` on the decision's market, then the whole risk gate. The live
 * entry records and sends what this says; a dry run only shows it.
 */
export class EntryAssessor {
  readonly #deps: EntryAssessorDependencies;

  constructor(deps: EntryAssessorDependencies) {
    this.#deps = deps;
  }

  async assess(decision: EntryDecision): Promise<EntryAssessment> {
    const { key, request, profile } = decision;
    const records = await this.#records();
    const early = checkRecordLimits(request.symbol, profile.limits, records.state);
    if (!early.allowed) return { status: 'refused', reason: early.reason, detail: early.detail, venue: undefined };
    let venue: Preflight;
    try {
      venue = await preflight(this.#deps.exchange, request.symbol);
    } catch (error) {
      return {
        status: 'error',
        error: `preflight: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      };
    }
    const planned = planTrade(planInputFrom(request, venue, profile));
    if (planned.status === 'skipped')
      return { status: 'skipped', reason: planned.reason, detail: planned.detail, venue };
    const risk = this.#riskVerdict(request.symbol, profile, venue, records);
    if (!risk.allowed) return { status: 'refused', reason: risk.reason, detail: risk.detail, venue };
    const order = placeOrderFrom(key, planned.plan, profile, request.market, {
      decision_key: key,
      run_id: request.runId,
      profile: request.profile ?? '',
    });
    return { status: 'planned', venue, plan: { ...planDto(planned.plan), order } };
  }

  /** What our own records say: today's trades and PnL, the switch, the trades not finished. */
  async #records(): Promise<{ state: RecordState; realizedPnlToday: Dec }> {
    const now = this.#deps.clock.now();
    const [today, paused, active] = await Promise.all([
      this.#deps.trades.today(now),
      this.#deps.entriesPaused(),
      this.#deps.trades.activeSymbols(),
    ]);
    return {
      state: {
        now,
        entriesPaused: paused,
        activeTradeSymbols: active,
        tradesToday: today.attempts,
        tradesTodayBySymbol: today.attemptsBySymbol,
        lastCloseBySymbol: today.lastCloseBySymbol,
      },
      realizedPnlToday: new Dec(today.realizedPnl),
    };
  }

  #riskVerdict(
    symbol: string,
    profile: TradeEntryProfile,
    venue: Preflight,
    records: { state: RecordState; realizedPnlToday: Dec },
  ) {
    const realized = records.realizedPnlToday;
    // Today's opening equity: what the account held before today's closed trades and open ones moved it.
    const dayOpeningEquity = venue.account.equity.sub(realized).sub(venue.exposure.unrealizedPnl);
    return checkRisk(symbol, profile.limits, {
      ...records.state,
      dayOpeningEquity,
      realizedPnlToday: realized,
      unrealizedPnl: venue.exposure.unrealizedPnl,
      openPositionSymbols: venue.exposure.positionSymbols,
      openOrderSymbols: venue.exposure.orderSymbols,
    });
  }
}
