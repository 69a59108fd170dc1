import type { ReplaceProtectionsRequest } from '../../../contracts/api/replaceProtections.ts';
import type { FuturesExchange } from '../../../exchange/port/FuturesExchange.ts';
import type { Contract } from '../../../exchange/port/types.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { Dec } from '../../../platform/decimal/index.ts';
import type { TradeRepository, TradeRow } from '../../trades/TradeRepository.ts';
import type { WsWorkerClient } from '../../ws-worker-client/WsWorkerClient.ts';
import type { TradeEntryProfile } from '../config/TradeEntryProfile.ts';
import { pivotLevels } from '../planInputFrom.ts';
import { alongContract } from '../preflight.ts';
import type { MarketSnapshot } from '../TradeEntry.ts';
import { resolvedSplit, type SplitHints } from './splitRatio.ts';
import { type TwoTargets, twoTargets } from './twoTargets.ts';

/** `POST /api/trade-tpsl/two-targets`, read and checked by the route. */
export interface TwoTargetsRequest {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly dryRun: boolean;
  readonly entryPrice: Dec | undefined;
  readonly size: Dec | undefined;
  readonly rMultiple: number | undefined;
  /** TP1's fraction, in [0, 1]. */
  readonly split: number | undefined;
  /** False: the stop is left where it is (the original's `cancel_sl_if_diff`). */
  readonly replaceStop: boolean;
  /** False: the targets are left where they are (the original's `cancel_tp`). */
  readonly replaceTargets: boolean;
  readonly slFullSize: boolean | undefined;
  readonly hints: SplitHints;
}

/**
 * What the request came to. `computed`: a dry run, or nothing to replace. `replaced`: the worker
 * moved the protections on the exchange. `no_position`: no entry and size to compute from.
 * `not_managed`: no trade of ours holds that position (or the worker has none under its key).
 * `conflict`: the worker refused (a close in flight, a level already passed). `refused`: no stop
 * can be computed. `venue_refused`: the venue refused an order; what was there stays.
 * `worker_unavailable`: the worker could not be reached.
 */
export type TwoTargetsOutcome =
  | 'computed'
  | 'replaced'
  | 'no_position'
  | 'not_managed'
  | 'conflict'
  | 'refused'
  | 'venue_refused'
  | 'worker_unavailable';

export interface TwoTargetsAnswer {
  readonly outcome: TwoTargetsOutcome;
  readonly body: Record<string, unknown>;
}

export interface TwoTargetsServiceDependencies {
  readonly exchange: FuturesExchange;
  readonly trades: TradeRepository;
  readonly profileFor: (profile: string | undefined) => TradeEntryProfile;
  readonly market: (symbol: string, now: number) => Promise<MarketSnapshot>;
  /** The worker's client, once the app listens (it knows its callback URL only then). */
  readonly worker: () => WsWorkerClient | undefined;
  readonly clock: Clock;
}

/** What a position is computed from, and where that came from. */
interface Holding {
  readonly entry: Dec;
  readonly size: Dec;
  readonly source: 'request' | 'exchange' | 'trade';
}

/**
 * The original's two-target recalculation (`TpSlTwoTargetsService`) over our trade record, the
 * venue and the worker: entry and size from the request, else the exchange's position, else our
 * trade; SL, TP1, TP2 by `twoTargets`; then, unless a dry run, the worker that manages the
 * position replaces its stop and targets on the exchange. A position no trade of ours opened is
 * only ever computed, never touched.
 */
export class TwoTargetsService {
  readonly #deps: TwoTargetsServiceDependencies;

  constructor(deps: TwoTargetsServiceDependencies) {
    this.#deps = deps;
  }

  async recalculate(request: TwoTargetsRequest): Promise<TwoTargetsAnswer> {
    const { exchange, clock } = this.#deps;
    const { symbol, side } = request;
    const now = clock.now();
    const [contract, [trade, ticker, positions, market]] = await alongContract(
      exchange,
      symbol,
      Promise.all([
        this.#activeTrade(symbol, side),
        exchange.ticker(symbol),
        exchange.positions(symbol),
        this.#deps.market(symbol, now),
      ]),
    );
    const base = { symbol, side, dry_run: request.dryRun, decision_key: trade?.decisionKey ?? null };
    const held = positions.find((position) => position.side === side);
    const holding = holdingOf(request, held, trade);
    if (!holding) {
      const error = `no open ${side} position on ${symbol}, and no entry_price and size in the request`;
      return { outcome: 'no_position', body: { ...base, error } };
    }
    const profile = this.#deps.profileFor(trade?.profile || undefined);
    const current = ticker.markPrice ?? ticker.bestAsk ?? ticker.bestBid ?? holding.entry;
    const computed = this.#compute(request, holding, { contract, current, market, profile, trade });
    if (computed.levels.status === 'refused') {
      return { outcome: 'refused', body: { ...base, error: computed.levels.detail, reason: computed.levels.reason } };
    }
    const shown = computedBody(base, request, holding, current, { levels: computed.levels, split: computed.split });
    const change = replacementOf(request, computed.levels, computed.split);
    if (request.dryRun || (change.stop_loss === undefined && change.targets === undefined)) {
      return { outcome: 'computed', body: shown };
    }
    return this.#apply(trade, change, shown);
  }

  /** Sent to the worker that manages the position; never for a position no trade of ours holds. */
  async #apply(
    trade: TradeRow | undefined,
    change: ReplaceProtectionsRequest,
    shown: Record<string, unknown> & { side: 'long' | 'short' },
  ): Promise<TwoTargetsAnswer> {
    if (!trade) {
      const error = `no trade of the platform is open on ${String(shown['symbol'])} ${shown.side}: the platform does not manage this position (dry_run computes only)`;
      return { outcome: 'not_managed', body: { ...shown, error } };
    }
    const worker = this.#deps.worker();
    if (!worker)
      return { outcome: 'worker_unavailable', body: { ...shown, error: 'the worker client is not ready yet' } };
    let result: Awaited<ReturnType<WsWorkerClient['replaceProtections']>>;
    try {
      result = await worker.replaceProtections(trade.decisionKey, change);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: 'worker_unavailable', body: { ...shown, error: `the worker did not answer: ${message}` } };
    }
    const { answer } = result;
    const closing = shown.side === 'long' ? 'sell' : 'buy';
    const body = {
      ...shown,
      submitted: (answer.submitted ?? []).map((order) => ({
        order_id: order.order_id,
        price: order.trigger_price,
        size: order.size ?? answer.size ?? null,
        type: order.kind,
        side: closing,
        kind: order.kind === 'stop_loss' ? 'sl' : order.target === 2 ? 'tp2' : 'tp1',
        client_order_id: order.client_order_id,
      })),
      cancelled: answer.cancelled ?? [],
      applied: {
        stop: change.stop_loss !== undefined && result.status === 'replaced',
        targets: change.targets !== undefined && result.status === 'replaced',
      },
      worker: { stop_loss: answer.stop_loss ?? null, targets: answer.targets ?? [] },
    };
    if (result.status === 'replaced') return { outcome: 'replaced', body };
    return { outcome: result.status, body: { ...body, error: result.error ?? result.status } };
  }

  #compute(
    request: TwoTargetsRequest,
    holding: Holding,
    context: {
      contract: Contract;
      current: Dec;
      market: MarketSnapshot;
      profile: TradeEntryProfile;
      trade: TradeRow | undefined;
    },
  ): { levels: TwoTargets; split: number } {
    const { contract, current, market, profile, trade } = context;
    const atr = market.timeframes[profile.stop.atrTimeframe]?.atr;
    const atr5m = market.timeframes['5m']?.atr;
    const [first, second] = profile.targets.targets;
    const split =
      request.split ??
      resolvedSplit(request.hints, atr5m ? (atr5m / current.toNumber()) * 100 : undefined) ??
      (first && second ? first.fraction : 0.5);
    const levels = twoTargets({
      side: request.side,
      entry: holding.entry,
      size: holding.size,
      contract,
      current,
      pivots: market.pivots ? pivotLevels(market.pivots) : undefined,
      atr: atr ? new Dec(atr) : undefined,
      riskUsdt: this.#riskBudget(profile, trade),
      rMultiple: request.rMultiple ?? first?.rMultiple ?? 2,
      split,
      stopRules: profile.stop,
      targetRules: profile.targets,
    });
    return { levels, split };
  }

  /**
   * What a stop-out may lose: the trade's planned risk, else the original's rule for a position it
   * did not plan, `initial_margin_usdt × risk_pct` of the profile (its `TpSlTwoTargetsService`).
   */
  #riskBudget(profile: TradeEntryProfile, trade: TradeRow | undefined): Dec {
    const planned = (trade?.plan as { risk_usdt?: string } | null | undefined)?.risk_usdt;
    if (planned) return new Dec(planned);
    return new Dec(profile.sizing.budgetUsdt).mul(profile.sizing.riskFraction);
  }

  /** Our newest trade on the symbol and side still waiting for its entry or open. */
  async #activeTrade(symbol: string, side: 'long' | 'short'): Promise<TradeRow | undefined> {
    const [open, submitted] = await Promise.all([
      this.#deps.trades.list({ symbol, status: 'open', limit: 20 }),
      this.#deps.trades.list({ symbol, status: 'submitted', limit: 20 }),
    ]);
    return [...open, ...submitted]
      .filter((trade) => trade.side === side)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  }
}

type Computed = Extract<TwoTargets, { status: 'computed' }>;

/** The original's answer fields, and ours: where the numbers came from and what was applied. */
function computedBody(
  base: { symbol: string; side: 'long' | 'short'; dry_run: boolean; decision_key: string | null },
  request: TwoTargetsRequest,
  holding: Holding,
  current: Dec,
  computed: { levels: Computed; split: number },
) {
  const { stop, tp1, tp2, sizes, stopSource } = computed.levels;
  const notes =
    request.slFullSize === false
      ? ['sl_full_size: false is not applied: the stop always covers the whole position']
      : [];
  return {
    ...base,
    sl: stop.toFixed(),
    tp1: tp1.toFixed(),
    tp2: tp2.toFixed(),
    submitted: [] as unknown[],
    cancelled: [] as string[],
    stop_source: stopSource,
    entry_price: holding.entry.toFixed(),
    size: holding.size.toFixed(),
    position_source: holding.source,
    current_price: current.toFixed(),
    split: { ratio: computed.split, tp1_size: sizes[0].toFixed(), tp2_size: sizes[1].toFixed() },
    applied: { stop: false, targets: false },
    notes,
  };
}

/** What the worker is asked to replace: the stop and the targets, unless the request keeps them. */
function replacementOf(request: TwoTargetsRequest, levels: Computed, split: number): ReplaceProtectionsRequest {
  // All on TP1 (a split below the minimum size): TP1 takes the whole filled size in the worker too.
  const fraction = levels.sizes[1].isZero() ? '1' : String(split);
  return {
    ...(request.replaceStop ? { stop_loss: levels.stop.toFixed() } : {}),
    ...(request.replaceTargets
      ? { targets: [{ price: levels.tp1.toFixed(), fraction }, { price: levels.tp2.toFixed() }] }
      : {}),
  };
}

function holdingOf(
  request: TwoTargetsRequest,
  held: { entryPrice: Dec; size: Dec } | undefined,
  trade: TradeRow | undefined,
): Holding | undefined {
  const fromTrade =
    trade?.entryPrice && trade.quantity
      ? { entry: new Dec(trade.entryPrice), size: new Dec(trade.quantity) }
      : undefined;
  const entry = request.entryPrice ?? held?.entryPrice ?? fromTrade?.entry;
  const size = request.size ?? held?.size ?? fromTrade?.size;
  if (!entry?.gt(0) || !size?.gt(0)) return undefined;
  const source = request.entryPrice && request.size ? 'request' : held ? 'exchange' : 'trade';
  return { entry, size, source };
}
