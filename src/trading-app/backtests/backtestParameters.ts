import { Dec } from '../../platform/decimal/index.ts';

/** Fee rates as decimals of the notional (0.0006 = 0.06 %), replacing every contract's for a run. */
export interface FeeRates {
  readonly maker: Dec;
  readonly taker: Dec;
}

/** What a backtest runs on; the CLI's flags and the API's body both come to this. */
export interface BacktestParameters {
  readonly profile: string;
  readonly symbols: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly balance: Dec;
  /** Absent: the contracts' own rates. */
  readonly fees?: FeeRates;
  /** Basis points by which market and stop fills move against us. */
  readonly slippageBps: number;
}

/** A fee or slippage text the run cannot use; the message says what to write instead. */
export class BacktestParameterError extends Error {
  override readonly name = 'BacktestParameterError';
}

/** A rate this high is a percentage written as a decimal (0.06 for 0.06 %): refused rather than charged. */
const HIGHEST_FEE_RATE = new Dec('0.01');
const HIGHEST_SLIPPAGE_BPS = 1_000;

/** `maker,taker`, e.g. `0.0002,0.0006`. */
export function parseFees(text: string): FeeRates {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 2 || !parts.every((part) => /^\d+(\.\d+)?$/.test(part))) {
    throw new BacktestParameterError(
      `expected the maker and taker rates as decimals, maker,taker, such as 0.0002,0.0006; got "${text}"`,
    );
  }
  const [maker, taker] = parts.map((part) => new Dec(part)) as [Dec, Dec];
  if (maker.gte(HIGHEST_FEE_RATE) || taker.gte(HIGHEST_FEE_RATE)) {
    throw new BacktestParameterError(
      `"${text}": a rate of 1 % or more is not a futures fee; rates are decimals, 0.0006 for 0.06 %`,
    );
  }
  return { maker, taker };
}

/** Basis points, whole or to two decimals, from 0 to 1000 (10 %). */
export function parseSlippageBps(text: string): number {
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(text.trim()) || Number(text) > HIGHEST_SLIPPAGE_BPS) {
    throw new BacktestParameterError(
      `expected basis points from 0 to ${HIGHEST_SLIPPAGE_BPS} such as 5 (0.05 %), got "${text}"`,
    );
  }
  return Number(text);
}

/** The fees as the CLI takes them back: `0.0002,0.0006`. */
export function feesText(fees: FeeRates): string {
  return `${fees.maker.toFixed()},${fees.taker.toFixed()}`;
}

const MINUTE_MS = 60_000;

/** A UTC date or date-time on a whole minute (`2026-01-01`, `2026-01-01T12:30`): the replay's clock moves in candles. */
export function parseUtcMinute(text: string): number {
  const shaped = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?Z?$/.test(text);
  const time = shaped
    ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.endsWith('Z') ? text : `${text}Z`)
    : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new BacktestParameterError(`"${text}" is not a UTC date such as 2026-01-01 or 2026-01-01T12:30`);
  }
  if (time % MINUTE_MS !== 0) throw new BacktestParameterError(`"${text}" is not on a whole minute`);
  return time;
}

/** The parameters as a run's JSON (`run`) and its stored row show them, in that key order. */
export function parametersJson(parameters: BacktestParameters) {
  return {
    profile: parameters.profile,
    symbols: [...parameters.symbols],
    from: new Date(parameters.fromMs).toISOString(),
    to: new Date(parameters.toMs).toISOString(),
    balance: parameters.balance.toFixed(),
    fees: parameters.fees ? feesText(parameters.fees) : null,
    slippage_bps: parameters.slippageBps,
  };
}
