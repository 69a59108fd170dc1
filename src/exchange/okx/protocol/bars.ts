import type { Timeframe } from '../../port/types.ts';

/**
 * OKX candle bars (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks):
 * case-sensitive (`1H`, not `1h`); bars of 6 hours and more open on UTC+8 boundaries (`1D` opens at
 * 16:00 UTC) unless suffixed `utc`. The WebSocket channel is `candle<bar>` on `/ws/v5/business`.
 * Month bars (`1M`, `3M`, ...) have no fixed length and are not listed here.
 */
export interface OkxBar {
  readonly bar: string;
  readonly durationMs: number;
  /** Where bars start relative to UTC multiples of the duration: 0, or -8 h for UTC+8 bars. */
  readonly offsetMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UTC8 = -8 * HOUR;

const BARS: readonly OkxBar[] = [
  { bar: '1m', durationMs: MINUTE, offsetMs: 0 },
  { bar: '3m', durationMs: 3 * MINUTE, offsetMs: 0 },
  { bar: '5m', durationMs: 5 * MINUTE, offsetMs: 0 },
  { bar: '15m', durationMs: 15 * MINUTE, offsetMs: 0 },
  { bar: '30m', durationMs: 30 * MINUTE, offsetMs: 0 },
  { bar: '1H', durationMs: HOUR, offsetMs: 0 },
  { bar: '2H', durationMs: 2 * HOUR, offsetMs: 0 },
  { bar: '4H', durationMs: 4 * HOUR, offsetMs: 0 },
  { bar: '6H', durationMs: 6 * HOUR, offsetMs: UTC8 },
  { bar: '12H', durationMs: 12 * HOUR, offsetMs: UTC8 },
  { bar: '1D', durationMs: DAY, offsetMs: UTC8 },
  { bar: '2D', durationMs: 2 * DAY, offsetMs: UTC8 },
  { bar: '3D', durationMs: 3 * DAY, offsetMs: UTC8 },
  { bar: '1W', durationMs: 7 * DAY, offsetMs: UTC8 },
  { bar: '6Hutc', durationMs: 6 * HOUR, offsetMs: 0 },
  { bar: '12Hutc', durationMs: 12 * HOUR, offsetMs: 0 },
  { bar: '1Dutc', durationMs: DAY, offsetMs: 0 },
  { bar: '2Dutc', durationMs: 2 * DAY, offsetMs: 0 },
  { bar: '3Dutc', durationMs: 3 * DAY, offsetMs: 0 },
  { bar: '1Wutc', durationMs: 7 * DAY, offsetMs: 0 },
];

const BY_NAME: ReadonlyMap<string, OkxBar> = new Map(BARS.map((bar) => [bar.bar, bar]));

/** Our timeframes as OKX bars: UTC-aligned like every other venue's, hence `utc` from 6 h up. */
const BAR_OF_TIMEFRAME: Readonly<Record<Timeframe, string>> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '2h': '2H',
  '4h': '4H',
  '6h': '6Hutc',
  '12h': '12Hutc',
  '1d': '1Dutc',
  '3d': '3Dutc',
  '1w': '1Wutc',
};

const TIMEFRAME_OF_BAR: ReadonlyMap<string, Timeframe> = new Map(
  Object.entries(BAR_OF_TIMEFRAME).map(([timeframe, bar]) => [bar, timeframe as Timeframe]),
);

/** A bar by its exact name; undefined for an unknown or month bar. */
export function okxBar(bar: string): OkxBar | undefined {
  return BY_NAME.get(bar);
}

export function okxBarOfTimeframe(timeframe: Timeframe): string {
  return BAR_OF_TIMEFRAME[timeframe];
}

/** `1Dutc` → "1d"; undefined for a bar that is none of our timeframes (`1D`, the UTC+8 day). */
export function timeframeOfOkxBar(bar: string): Timeframe | undefined {
  return TIMEFRAME_OF_BAR.get(bar);
}

/** The open time (ms) of the bar holding `timeMs`. */
export function okxBarOpenTime(bar: OkxBar, timeMs: number): number {
  const shifted = timeMs - bar.offsetMs;
  return shifted - (((shifted % bar.durationMs) + bar.durationMs) % bar.durationMs) + bar.offsetMs;
}

const CANDLE_CHANNEL = /^candle(.+)$/;

/** `candle1H` for `1H`. */
export function okxCandleChannel(bar: string): string {
  return `candle${bar}`;
}

/** `candle1Dutc` → the `1Dutc` bar; undefined for another channel or an unknown bar. */
export function okxBarOfCandleChannel(channel: string): OkxBar | undefined {
  const match = CANDLE_CHANNEL.exec(channel);
  return match ? okxBar(match[1]!) : undefined;
}
