import type { FuturesExchange } from '../../exchange/port/FuturesExchange.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import { decisionDigest, decisionKey } from './decisionKey.ts';
import { type PlanDto, planDto, preflightDto } from './planDto.ts';
import { planInputFrom } from './planInputFrom.ts';
import { planTrade } from './planner/planTrade.ts';
import { preflight } from './preflight.ts';
import type { TradeEntry, TradeEntryOutcome, TradeEntryRequest } from './TradeEntry.ts';

/**
 * Trade entry that plans for real (docs/reference/original-system.md#trade-pipeline `buildAndSimulate`): the venue's
 * preflight, then `planTrade`. In dry-run mode the plan is the answer (`simulated`, `SIM-…`); nothing is sent.
 * A venue read that fails is an `error` for that symbol, never a guess.
 */
export class PlanningTradeEntry implements TradeEntry {
  readonly mode = 'dry_run' as const;
  readonly #exchange: FuturesExchange;
  readonly #profileFor: (mtfProfile: string | undefined) => TradeEntryProfile;
  readonly #plans: PlanDto[] = [];

  constructor(options: {
    exchange: FuturesExchange;
    profileFor: (mtfProfile: string | undefined) => TradeEntryProfile;
  }) {
    this.#exchange = options.exchange;
    this.#profileFor = options.profileFor;
  }

  async enter(request: TradeEntryRequest): Promise<TradeEntryOutcome> {
    const key = decisionKey(request);
    const { market } = request;
    if (!market) return { status: 'skipped', reason: 'no_market_snapshot', decision_key: key };
    let venue: Awaited<ReturnType<typeof preflight>>;
    try {
      venue = await preflight(this.#exchange, request.symbol);
    } catch (error) {
      return {
        status: 'error',
        error: `preflight: ${error instanceof Error ? error.message : String(error)}`,
        decision_key: key,
      };
    }
    const outcome = planTrade(planInputFrom({ ...request, market }, venue, this.#profileFor(request.profile)));
    if (outcome.status === 'skipped') {
      return { status: 'skipped', reason: outcome.reason, detail: outcome.detail, decision_key: key };
    }
    const plan = planDto(outcome.plan);
    this.#plans.push(plan);
    return {
      status: 'simulated',
      client_order_id: `SIM-${decisionDigest(request)}`,
      exchange_order_id: null,
      decision_key: key,
      raw: { preflight: preflightDto(venue), plan },
    };
  }

  /** Every plan made so far, oldest first. */
  plans(): readonly PlanDto[] {
    return [...this.#plans];
  }
}
