import { type OkxBar, okxBarOpenTime } from '../../../exchange/okx/protocol/bars.ts';
import type { Candle, KlineStepMinutes, Market } from '../../market/types.ts';

/**
 * OKX bars from the market's candles. A bar whose length and alignment the market serves directly
 * (1m to 1Dutc) is read as is; the others (UTC+8 days and half-days, weeks from Monday, 2 and 3
 * days) are folded from the largest market step that tiles them. Each bar is the exact aggregate
 * of the 1m candles it covers, as the market's own steps are.
 */
const FOLD_STEPS: readonly KlineStepMinutes[] = [1440, 720, 360, 240, 120, 60, 30, 15, 5, 3, 1];
/** The market answers at most this many candles a call. */
const MARKET_PAGE = 500;

function foldStep(bar: OkxBar): KlineStepMinutes {
  const offset = ((bar.offsetMs % bar.durationMs) + bar.durationMs) % bar.durationMs;
  return FOLD_STEPS.find((step) => bar.durationMs % (step * 60_000) === 0 && offset % (step * 60_000) === 0) ?? 1;
}

export interface BarCandle {
  readonly candle: Candle;
  readonly confirmed: boolean;
}

/** Bars whose open time lies in [firstOpenMs, lastOpenMs], newest first. */
export function okxBars(
  market: Market,
  symbol: string,
  bar: OkxBar,
  firstOpenMs: number,
  lastOpenMs: number,
  nowMs: number,
): BarCandle[] {
  if (lastOpenMs < firstOpenMs) return [];
  const step = foldStep(bar);
  const stepSec = step * 60;
  const endSec = Math.floor((lastOpenMs + bar.durationMs) / 1_000) - stepSec;
  const fine: Candle[] = [];
  for (let start = Math.floor(firstOpenMs / 1_000); start <= endSec; start += MARKET_PAGE * stepSec) {
    const pageEnd = Math.min(endSec, start + (MARKET_PAGE - 1) * stepSec);
    fine.push(...market.klines(symbol, step, start, pageEnd));
  }
  const bars = new Map<number, Candle>();
  for (const candle of fine) {
    const open = okxBarOpenTime(bar, candle.openTime * 1_000);
    const current = bars.get(open);
    bars.set(
      open,
      current === undefined
        ? { ...candle, openTime: open / 1_000 }
        : {
            openTime: current.openTime,
            open: current.open,
            high: current.high.gt(candle.high) ? current.high : candle.high,
            low: current.low.lt(candle.low) ? current.low : candle.low,
            close: candle.close,
            volume: current.volume + candle.volume,
          },
    );
  }
  return [...bars.entries()]
    .sort(([a], [b]) => b - a)
    .map(([open, candle]) => ({ candle, confirmed: open + bar.durationMs <= nowMs }));
}

/**
 * The window of `GET market/candles` / `history-candles`: `after` = older than, `before` = newer
 * than (both exclusive), the latest `limit` bars in between. `candles` serves the latest 1,440 bars only.
 */
export function barWindow(
  bar: OkxBar,
  nowMs: number,
  query: { after?: number; before?: number; limit: number; recentOnly: boolean },
): { firstOpenMs: number; lastOpenMs: number } {
  const newest = okxBarOpenTime(bar, nowMs);
  let lastOpenMs = query.after === undefined ? newest : Math.min(newest, okxBarOpenTime(bar, query.after - 1));
  let firstOpenMs = lastOpenMs - (query.limit - 1) * bar.durationMs;
  if (query.before !== undefined)
    firstOpenMs = Math.max(firstOpenMs, okxBarOpenTime(bar, query.before) + bar.durationMs);
  if (query.recentOnly) {
    const oldest = newest - 1_439 * bar.durationMs;
    firstOpenMs = Math.max(firstOpenMs, oldest);
    lastOpenMs = Math.max(lastOpenMs, oldest - bar.durationMs);
  }
  return { firstOpenMs, lastOpenMs };
}
