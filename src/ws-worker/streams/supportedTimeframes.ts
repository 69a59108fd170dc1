import type { Timeframe } from '../../exchange/port/index.ts';

/**
 * The nine timeframes of the seeds (docs/reference/seed-contracts.md#timeframes), in the order `/help`
 * lists them: a subset of the port's.
 */
export const SUPPORTED_TIMEFRAMES = [
  '1m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '1d',
  '1w',
] as const satisfies readonly Timeframe[];
export type SupportedTimeframe = (typeof SUPPORTED_TIMEFRAMES)[number];

export function isSupportedTimeframe(value: string): value is SupportedTimeframe {
  return (SUPPORTED_TIMEFRAMES as readonly string[]).includes(value);
}

/** The timeframe of a port kline as one of ours, or undefined for the ones the worker does not offer. */
export function supportedTimeframeOf(timeframe: Timeframe): SupportedTimeframe | undefined {
  return isSupportedTimeframe(timeframe) ? timeframe : undefined;
}
