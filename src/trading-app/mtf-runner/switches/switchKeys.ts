import type { MtfTimeframe } from '../../mtf/timeframes.ts';

/**
 * Switch keys (docs/reference/original-system.md#switches `mtf_switch`): the whole runner, one symbol,
 * or one symbol on one timeframe.
 */
export const GLOBAL_SWITCH = 'GLOBAL';
/** OFF: "pause new entries". Runs go on and open positions stay managed; no new trade is entered. */
export const ENTRIES_SWITCH = 'ENTRIES';
export const symbolSwitch = (symbol: string): string => `SYMBOL:${symbol}`;
export const symbolTimeframeSwitch = (symbol: string, timeframe: MtfTimeframe): string =>
  `SYMBOL_TF:${symbol}:${timeframe}`;

export const SWITCH_KEY_PATTERN = /^(GLOBAL|ENTRIES|SYMBOL:[A-Z0-9]{2,30}|SYMBOL_TF:[A-Z0-9]{2,30}:(4h|1h|15m|5m|1m))$/;

export interface SwitchState {
  readonly key: string;
  readonly isOn: boolean;
  readonly expiresAt: number | null;
}

/** OFF only while the row says off and has not expired: an expired row counts as ON (original-system.md#switches). */
export function isEffectivelyOff(state: SwitchState, now: number): boolean {
  return !state.isOn && (state.expiresAt === null || state.expiresAt > now);
}

/**
 * The switches as one run sees them: read once at the start of the run, so that every symbol of
 * the run is judged against the same state.
 */
export class SwitchBoard {
  readonly #off: ReadonlySet<string>;

  constructor(states: readonly SwitchState[], now: number) {
    this.#off = new Set(states.filter((state) => isEffectivelyOff(state, now)).map((state) => state.key));
  }

  get globalOff(): boolean {
    return this.#off.has(GLOBAL_SWITCH);
  }

  symbolOff(symbol: string): boolean {
    return this.#off.has(symbolSwitch(symbol));
  }

  timeframeOn(symbol: string, timeframe: MtfTimeframe): boolean {
    return !this.#off.has(symbolTimeframeSwitch(symbol, timeframe));
  }

  /** Keys OFF at the board's time, for a run's worker threads. */
  offKeys(): string[] {
    return [...this.#off].sort();
  }
}
