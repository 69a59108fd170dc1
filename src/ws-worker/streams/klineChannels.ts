import type { Timeframe } from '../../exchange/port/index.ts';

/** The nine timeframes of seed 001, in the order `/help` lists them. */
export const SUPPORTED_TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '2h', '4h', '1d', '1w'] as const;
export type SupportedTimeframe = (typeof SUPPORTED_TIMEFRAMES)[number];

export function isSupportedTimeframe(value: string): value is SupportedTimeframe {
  return (SUPPORTED_TIMEFRAMES as readonly string[]).includes(value);
}

/** BitMart upper-cases hours, days and weeks in channel names (`1h` → `klineBin1H`). */
const CHANNEL_SUFFIX: Readonly<Record<SupportedTimeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '2h': '2H',
  '4h': '4H',
  '1d': '1D',
  '1w': '1W',
};

/** `futures/klineBin{TF}:{SYMBOL}`, the name `/status` shows in `kline_channels`, as the original. */
export function klineChannel(symbol: string, timeframe: SupportedTimeframe): string {
  return `futures/klineBin${CHANNEL_SUFFIX[timeframe]}:${symbol}`;
}

/** The timeframe of a port kline as one of ours, or undefined for the ones the worker does not offer. */
export function supportedTimeframeOf(timeframe: Timeframe): SupportedTimeframe | undefined {
  return isSupportedTimeframe(timeframe) ? timeframe : undefined;
}
