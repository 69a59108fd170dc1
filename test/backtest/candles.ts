import { Dec } from '../../src/platform/decimal/index.ts';
import type { RecordedCandle } from '../../src/simulator/replay/index.ts';

/** Test support: a 1m candle from plain numbers, as written in a scenario's table. */
export function candle(
  openTime: number,
  open: string,
  high: string,
  low: string,
  close: string,
  volume = '1000',
): RecordedCandle {
  return {
    openTime,
    open: new Dec(open),
    high: new Dec(high),
    low: new Dec(low),
    close: new Dec(close),
    volume: new Dec(volume),
  };
}

/** Test support: `count` flat minutes at `price` from `startMs`: history with nothing in it. */
export function flatMinutes(startMs: number, count: number, price: string): RecordedCandle[] {
  return Array.from({ length: count }, (_, index) => candle(startMs + index * 60_000, price, price, price, price));
}
