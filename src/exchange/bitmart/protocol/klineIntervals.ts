import type { Timeframe } from '../../port/types.ts';

/**
 * BitMart's kline intervals, one row per port timeframe: the REST `step` in minutes
 * (`GET /contract/public/kline`) and the WebSocket `futures/klineBin<interval>` name, which
 * upper-cases hours, days and weeks. 3d has a REST step but no WebSocket channel.
 */
const KLINE_INTERVALS: Readonly<Record<Timeframe, { readonly step: number; readonly wsInterval?: string }>> = {
  '1m': { step: 1, wsInterval: '1m' },
  '3m': { step: 3, wsInterval: '3m' },
  '5m': { step: 5, wsInterval: '5m' },
  '15m': { step: 15, wsInterval: '15m' },
  '30m': { step: 30, wsInterval: '30m' },
  '1h': { step: 60, wsInterval: '1H' },
  '2h': { step: 120, wsInterval: '2H' },
  '4h': { step: 240, wsInterval: '4H' },
  '6h': { step: 360, wsInterval: '6H' },
  '12h': { step: 720, wsInterval: '12H' },
  '1d': { step: 1440, wsInterval: '1D' },
  '3d': { step: 4320 },
  '1w': { step: 10080, wsInterval: '1W' },
};

/** The REST `step` (minutes) of a timeframe. */
export function klineStep(timeframe: Timeframe): number {
  return KLINE_INTERVALS[timeframe].step;
}

const TIMEFRAME_OF_WS_INTERVAL: ReadonlyMap<string, Timeframe> = new Map(
  Object.entries(KLINE_INTERVALS).flatMap(([timeframe, { wsInterval }]) =>
    wsInterval === undefined
      ? []
      : [
          [wsInterval, timeframe as Timeframe],
          // bitmart-api's docs spell hours and days in lower case; the simulator accepts both.
          [wsInterval.toLowerCase(), timeframe as Timeframe],
        ],
  ),
);

/** `1H` (or `1h`) → "1h"; undefined for an interval BitMart's WebSocket does not serve. */
export function timeframeOfWsInterval(interval: string): Timeframe | undefined {
  return TIMEFRAME_OF_WS_INTERVAL.get(interval);
}

/** `futures/klineBin1H:BTCUSDT`; undefined for a timeframe with no WebSocket channel (3d). */
export function klineTopic(symbol: string, timeframe: Timeframe): string | undefined {
  const interval = KLINE_INTERVALS[timeframe].wsInterval;
  return interval === undefined ? undefined : `futures/klineBin${interval}:${symbol}`;
}

const KLINE_TOPIC = /^futures\/klineBin(\w+):([A-Z0-9]+)$/;

/** `futures/klineBin1H:BTCUSDT` → BTCUSDT, "1h"; undefined for another topic or an unknown interval. */
export function parseKlineTopic(topic: string): { readonly symbol: string; readonly timeframe: Timeframe } | undefined {
  const match = KLINE_TOPIC.exec(topic);
  if (!match) return undefined;
  const timeframe = timeframeOfWsInterval(match[1]!);
  return timeframe && { symbol: match[2]!, timeframe };
}
