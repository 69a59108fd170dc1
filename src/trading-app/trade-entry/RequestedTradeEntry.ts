import type { Clock } from '../../platform/clock/index.ts';
import type { MtfTimeframe } from '../mtf/timeframes.ts';
import { lastClosedOpen } from '../mtf-runner/candles/candleFeeds.ts';
import type { TradeRepository, TradeRow } from '../trades/TradeRepository.ts';
import { type EntryOverrides, withOverrides } from './config/requestOverrides.ts';
import type { TradeEntryProfile } from './config/TradeEntryProfile.ts';
import { decisionKey } from './decisionKey.ts';
import type { EntryAssessment, EntryAssessor, EntryDecision } from './EntryAssessor.ts';
import type { LiveTradeEntry } from './LiveTradeEntry.ts';
import { preflightDto } from './planDto.ts';
import { UnknownSymbolError } from './preflight.ts';
import type { MarketSnapshot } from './TradeEntry.ts';

/** `POST /api/trade-entry/execute`, read and checked by the route. */
export interface ExecuteRequest {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  /** The trade-entry profile (`mode`, as the original named it); default the active MTF profile's. */
  readonly profile: string | undefined;
  readonly executionTimeframe: MtfTimeframe | undefined;
  /** The caller's idempotency key; default the decision key of (symbol, side, timeframe, candle). */
  readonly clientOrderId: string | undefined;
  readonly dryRun: boolean;
  /** The ATR of the stop's timeframe, instead of the stored candles' (the original's `atr_value`). */
  readonly atrValue: number | undefined;
  readonly overrides: EntryOverrides;
}

/**
 * What the request came to. `submitted`: recorded and acknowledged by the worker, which places the
 * entry when the price is in the zone (now, or earlier under the same key). `simulated`: a dry run's
 * plan. `skipped`: the planner or a limit said no (recorded, unless a dry run). `planned`: recorded,
 * not acknowledged by the worker yet (sent again every 30 s). `failed`: the worker or the venue
 * refused it. `unavailable`: the venue could not be read; nothing was recorded.
 */
export type ExecuteOutcome = 'submitted' | 'simulated' | 'skipped' | 'planned' | 'failed' | 'unavailable';

/** The original's answer `{status, client_order_id, exchange_order_id, raw}`, with our `raw`. */
export interface ExecuteAnswer {
  readonly outcome: ExecuteOutcome;
  readonly body: {
    readonly status: ExecuteOutcome | 'error';
    readonly client_order_id: string;
    /** Always null: the worker places the entry later, when the price reaches the zone. */
    readonly exchange_order_id: null;
    readonly raw: Record<string, unknown>;
  };
}

/** Input the caller must fix (a 400 naming the field), or a key already taken by another trade (409). */
export class ExecuteRequestError extends Error {
  override readonly name = 'ExecuteRequestError';
  constructor(
    readonly field: string,
    message: string,
    readonly conflict = false,
  ) {
    super(message);
  }
}

export interface RequestedTradeEntryDependencies {
  /** Preflight, plan, limits; absent without a venue with credentials. */
  readonly assessor: EntryAssessor | undefined;
  /** Records and sends; absent when live entries are not allowed (a real venue without LIVE_TRADING). */
  readonly live: LiveTradeEntry | undefined;
  readonly trades: TradeRepository;
  readonly profileFor: (profile: string | undefined) => TradeEntryProfile;
  /** The market at `now` from the stored closed candles (`symbolMarketSnapshot`). */
  readonly market: (symbol: string, now: number) => Promise<MarketSnapshot>;
  readonly clock: Clock;
}

/** The run id of decisions taken through the API rather than by an MTF run. */
const API_RUN_ID = 'api';

/**
 * A trade entered on request (the original's `POST /api/trade-entry/execute`,
 * pivox/tradingV3 `trading-app/src/TradeEntry/Controller/TradeEntryController.php`): the same decision
 * path as an MTF decision (`EntryAssessor`, then `LiveTradeEntry`: recorded first, sent once, the
 * limits enforced), with the active profile and the request's fields over it, on the market of the
 * stored candles. The key is the caller's `client_order_id` or the decision key of the symbol, side
 * and last closed execution candle, so a retry finds the recorded trade and never places twice.
 */
export class RequestedTradeEntry {
  readonly #deps: RequestedTradeEntryDependencies;

  constructor(deps: RequestedTradeEntryDependencies) {
    this.#deps = deps;
  }

  /** Whether the request can be served at all: why not, for a 503. */
  unavailableReason(dryRun: boolean): string | undefined {
    if (!this.#deps.assessor)
      return 'trade entry needs a venue with credentials (BITMART_API_KEY…, or the simulator under up)';
    if (!dryRun && !this.#deps.live)
      return 'live entries are off: the venue is not the simulator and LIVE_TRADING is not set';
    return undefined;
  }

  async execute(request: ExecuteRequest): Promise<ExecuteAnswer> {
    const { assessor, live, trades, clock } = this.#deps;
    if (!assessor || (!request.dryRun && !live))
      throw new Error('trade entry is unavailable: check unavailableReason first');
    const { profile, applied, unused } = withOverrides(this.#deps.profileFor(request.profile), request.overrides);
    const timeframe = request.executionTimeframe ?? profile.decision.allowedExecutionTimeframes[0] ?? '1m';
    const now = clock.now();
    const base = {
      runId: API_RUN_ID,
      profile: request.profile,
      symbol: request.symbol,
      side: request.side === 'long' ? ('LONG' as const) : ('SHORT' as const),
      executionTimeframe: timeframe,
      klineTime: lastClosedOpen(timeframe, now),
    };
    const key = request.clientOrderId ?? decisionKey(base);
    const context = {
      decision_key: key,
      profile: profile.name,
      execution_tf: timeframe,
      overrides: { applied: request.atrValue === undefined ? applied : [...applied, 'atr_value'], unused },
    };
    const answer: Answer = (outcome, raw, status) => ({
      outcome,
      body: { status: status ?? outcome, client_order_id: key, exchange_order_id: null, raw: { ...context, ...raw } },
    });
    const known = request.dryRun ? undefined : await trades.find(key);
    if (known) return recordedAnswer(this.#checkSame(known, request), answer);
    const market = withAtr(await this.#deps.market(request.symbol, now), profile, request.atrValue);
    const decision: EntryDecision = {
      key,
      request: {
        ...base,
        atr: market.timeframes[timeframe]?.atr ?? null,
        referencePrice: market.timeframes[timeframe]?.close ?? 0,
        market,
      },
      profile,
    };
    const assessed = await assessor.assess(decision);
    if (assessed.status === 'error' && assessed.cause instanceof UnknownSymbolError) {
      throw new ExecuteRequestError('symbol', `symbol: ${assessed.cause.message}`);
    }
    if (Object.keys(market.timeframes).length === 0) {
      // Not recorded: nothing was decided (as an MTF decision without its market snapshot).
      const detail = `no closed candles of ${request.symbol} in the store (bitmart:fetch-klines, or up, keeps them)`;
      return answer('skipped', { reason: 'no_market_data', detail });
    }
    if (request.dryRun) return dryRunAnswer(assessed, answer);
    const outcome = await (live as LiveTradeEntry).enterAssessed(decision, assessed);
    const error = outcome.status === 'error' ? outcome.error : undefined;
    const trade = await trades.find(key);
    if (!trade) return answer('unavailable', { error: error ?? 'not recorded' }, 'error');
    return recordedAnswer(this.#checkSame(trade, request), answer, error);
  }

  /** A caller's key already names another symbol or side: a 409, never that trade's answer. */
  #checkSame(trade: TradeRow, request: ExecuteRequest): TradeRow {
    if (trade.symbol === request.symbol && trade.side === request.side) return trade;
    throw new ExecuteRequestError(
      'client_order_id',
      `client_order_id: ${trade.decisionKey} is the key of a ${trade.side} trade on ${trade.symbol}`,
      true,
    );
  }
}

type Answer = (outcome: ExecuteOutcome, raw: Record<string, unknown>, status?: 'error') => ExecuteAnswer;

/** A dry run's answer: the plan with the venue's preflight, or why there is none. */
function dryRunAnswer(assessed: EntryAssessment, answer: Answer): ExecuteAnswer {
  if (assessed.status === 'error') return answer('unavailable', { error: assessed.error }, 'error');
  const preflight = assessed.venue ? preflightDto(assessed.venue) : null;
  if (assessed.status === 'planned') return answer('simulated', { preflight, plan: assessed.plan });
  const limit = assessed.status === 'refused';
  return answer('skipped', { preflight, reason: assessed.reason, detail: assessed.detail, limit });
}

/** The recorded trade as the answer: the same whether this request recorded it or an earlier one did. */
function recordedAnswer(trade: TradeRow, answer: Answer, error?: string): ExecuteAnswer {
  const raw = { trade_status: trade.status, run_id: trade.runId, recorded_at: trade.createdAt.toISOString() };
  switch (trade.status) {
    case 'skipped':
    case 'refused':
      return answer('skipped', {
        ...raw,
        reason: trade.reason,
        detail: trade.detail,
        limit: trade.status === 'refused',
      });
    case 'planned':
      return answer('planned', { ...raw, plan: trade.plan, error: error ?? null });
    case 'failed':
      return answer('failed', { ...raw, reason: trade.reason, detail: trade.detail }, 'error');
    default:
      return answer('submitted', { ...raw, plan: trade.plan });
  }
}

/** The request's `atr_value` as the ATR of the stop's timeframe (a timeframe without candles gets one). */
function withAtr(market: MarketSnapshot, profile: TradeEntryProfile, atrValue: number | undefined): MarketSnapshot {
  if (atrValue === undefined) return market;
  const timeframe = profile.stop.atrTimeframe;
  const values = market.timeframes[timeframe] ?? {
    close: 0,
    atr: null,
    vwap: null,
    vwapWindow: null,
    sma21: null,
    volumeRatio: null,
  };
  return { ...market, timeframes: { ...market.timeframes, [timeframe]: { ...values, atr: atrValue } } };
}
