import { Dec } from '../../../platform/decimal/index.ts';
import type { RiskLimits } from '../config/TradeEntryProfile.ts';

/** What the account looks like when a decision asks to trade: read from the exchange and the trade records. */
export interface RiskState {
  readonly now: number;
  /** "Pause new entries" is on: open positions stay managed, nothing new opens. */
  readonly entriesPaused: boolean;
  /** Equity at 00:00 UTC today (the first snapshot of the day when none was taken before). */
  readonly dayOpeningEquity: Dec;
  /** Realised PnL of trades closed today, fees and funding included. */
  readonly realizedPnlToday: Dec;
  readonly unrealizedPnl: Dec;
  /** From the exchange, not only from our records: a position opened by hand counts too. */
  readonly openPositionSymbols: readonly string[];
  readonly openOrderSymbols: readonly string[];
  /** Symbols of our own trades not yet finished: an entry waiting in the worker is on no exchange yet. */
  readonly activeTradeSymbols: readonly string[];
  readonly tradesToday: number;
  readonly tradesTodayBySymbol: ReadonlyMap<string, number>;
  /** When each symbol's last trade closed (ms). */
  readonly lastCloseBySymbol: ReadonlyMap<string, number>;
}

export type RiskRefusal =
  | 'entries_paused'
  | 'symbol_has_position'
  | 'symbol_has_open_order'
  | 'symbol_has_active_trade'
  | 'daily_loss_cap_reached'
  | 'max_concurrent_positions'
  | 'daily_max_trades'
  | 'per_symbol_max_trades'
  | 'symbol_cooldown';

export type RiskVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: RiskRefusal; readonly detail: string };

/**
 * The limits the original configured and never enforced (pivox/tradingV3
 * `trade_entry.yaml` `risk:`; docs/reference/original-system.md#bug-limits-not-enforced), checked before a plan becomes
 * an order. Each refusal names the limit and the numbers, for the trade record and the audit.
 */
export function checkRisk(symbol: string, limits: RiskLimits, state: RiskState): RiskVerdict {
  if (state.entriesPaused) return refuse('entries_paused', 'new entries are paused');
  if (state.openPositionSymbols.includes(symbol))
    return refuse('symbol_has_position', `${symbol} already has a position`);
  if (state.openOrderSymbols.includes(symbol))
    return refuse('symbol_has_open_order', `${symbol} already has an open order`);
  if (state.activeTradeSymbols.includes(symbol)) {
    return refuse('symbol_has_active_trade', `${symbol} already has a trade waiting for its entry or open`);
  }
  const loss = dailyLoss(limits, state);
  if (loss) return refuse('daily_loss_cap_reached', loss);
  const open = new Set([...state.openPositionSymbols, ...state.activeTradeSymbols]).size;
  if (limits.maxConcurrentPositions !== undefined && open >= limits.maxConcurrentPositions) {
    return refuse('max_concurrent_positions', `${open} positions open, the limit is ${limits.maxConcurrentPositions}`);
  }
  return checkRecordLimits(symbol, limits, state);
}

/** What the trade records alone say of the limits, without the exchange. */
export type RecordState = Pick<
  RiskState,
  'now' | 'entriesPaused' | 'activeTradeSymbols' | 'tradesToday' | 'tradesTodayBySymbol' | 'lastCloseBySymbol'
>;

/**
 * The limits our own records decide (the switch, a trade of the symbol not finished, the day's
 * counts, the cooldown): checked before the venue is read, so a capped day costs no request.
 */
export function checkRecordLimits(symbol: string, limits: RiskLimits, state: RecordState): RiskVerdict {
  if (state.entriesPaused) return refuse('entries_paused', 'new entries are paused');
  if (state.activeTradeSymbols.includes(symbol)) {
    return refuse('symbol_has_active_trade', `${symbol} already has a trade waiting for its entry or open`);
  }
  if (limits.dailyMaxTrades !== undefined && state.tradesToday >= limits.dailyMaxTrades) {
    return refuse('daily_max_trades', `${state.tradesToday} trades today, the limit is ${limits.dailyMaxTrades}`);
  }
  const symbolTrades = state.tradesTodayBySymbol.get(symbol) ?? 0;
  if (limits.perSymbolDailyMaxTrades !== undefined && symbolTrades >= limits.perSymbolDailyMaxTrades) {
    return refuse(
      'per_symbol_max_trades',
      `${symbolTrades} ${symbol} trades today, the limit is ${limits.perSymbolDailyMaxTrades}`,
    );
  }
  const lastClose = state.lastCloseBySymbol.get(symbol);
  const cooldownEnds = lastClose === undefined ? undefined : lastClose + limits.symbolCooldownSeconds * 1000;
  if (cooldownEnds !== undefined && state.now < cooldownEnds) {
    return refuse(
      'symbol_cooldown',
      `${symbol} closed a trade ${Math.round((state.now - (lastClose ?? 0)) / 1000)} s ago; cooldown ${limits.symbolCooldownSeconds} s`,
    );
  }
  return { allowed: true };
}

function refuse(reason: RiskRefusal, detail: string): RiskVerdict {
  return { allowed: false, reason, detail };
}

/** A description of the breach when today's loss reached either cap, else undefined. */
function dailyLoss(limits: RiskLimits, state: RiskState): string | undefined {
  const pnl = state.realizedPnlToday.add(limits.countUnrealizedInDailyLoss ? state.unrealizedPnl : 0);
  if (pnl.gte(0)) return undefined;
  const loss = pnl.neg();
  if (limits.dailyLossUsdt !== undefined && loss.gte(limits.dailyLossUsdt)) {
    return `lost ${loss.toFixed(2)} USDT today, the cap is ${limits.dailyLossUsdt} USDT`;
  }
  if (limits.dailyLossFraction !== undefined && state.dayOpeningEquity.gt(0)) {
    const cap = state.dayOpeningEquity.mul(limits.dailyLossFraction);
    if (loss.gte(cap)) {
      return `lost ${loss.toFixed(2)} USDT today, the cap is ${new Dec(limits.dailyLossFraction).mul(100).toFixed()} % of ${state.dayOpeningEquity.toFixed(2)} = ${cap.toFixed(2)} USDT`;
    }
  }
  return undefined;
}
