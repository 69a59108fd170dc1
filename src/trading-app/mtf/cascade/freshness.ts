import { TIMEFRAME_MS } from '../../../exchange/port/types.ts';
import type { IndicatorContext } from '../../indicators/IndicatorContext.ts';
import type { MtfTimeframe } from '../timeframes.ts';

/**
 * Grace window, FIXED (docs/reference/original-system.md#bug-grace-window). The original answered GRACE_WINDOW for the
 * first 60 s after every boundary of every timeframe, whatever the data, so one run in five never traded. Here the
 * grace window is what it was meant for: waiting for a candle that has just closed but has not reached us yet.
 *
 * With `open` = the start of the candle in progress at `now`, the context must be built up to the candle that
 * opened at `open − tf` (the last closed one):
 * - kline time = open − tf → fresh;
 * - kline time > open − tf → the context includes a candle that is not closed at `now`: ERROR, always (lookahead);
 * - kline time < open − tf and now − open < grace → GRACE_WINDOW (the closed candle is late; retry shortly);
 * - kline time < open − tf after the grace → ERROR (stale data), unless force_run, which evaluates it anyway.
 */
export const GRACE_MS: Readonly<Record<MtfTimeframe, number>> = {
  '4h': 60_000,
  '1h': 60_000,
  '15m': 60_000,
  '5m': 60_000,
  // The original had none on 1m; a 1m candle is routinely a few seconds late, so allow 20 s.
  '1m': 20_000,
};

export type Freshness =
  | { readonly status: 'fresh' }
  | { readonly status: 'stale_forced'; readonly expectedKlineTime: number }
  | { readonly status: 'grace'; readonly expectedKlineTime: number }
  | { readonly status: 'stale' | 'unclosed'; readonly expectedKlineTime: number };

export function freshness(
  timeframe: MtfTimeframe,
  context: IndicatorContext,
  now: number,
  forceRun: boolean,
): Freshness {
  const length = TIMEFRAME_MS[timeframe];
  const open = Math.floor(now / length) * length;
  const expectedKlineTime = open - length;
  if (context.klineTime === expectedKlineTime) return { status: 'fresh' };
  if (context.klineTime > expectedKlineTime) return { status: 'unclosed', expectedKlineTime };
  if (forceRun) return { status: 'stale_forced', expectedKlineTime };
  return { status: now - open < GRACE_MS[timeframe] ? 'grace' : 'stale', expectedKlineTime };
}
