import { describe, expect, it } from 'vitest';
import { CandleTimeline, describeProblems } from '../../src/backtest/data/candleTimeline.ts';
import { CsvCandleError, parseCsvCandles } from '../../src/backtest/data/csvCandles.ts';

const plain = (text: string) =>
  parseCsvCandles(text).map((candle) => [
    new Date(candle.openTime).toISOString(),
    ...[candle.open, candle.high, candle.low, candle.close, candle.volume].map(String),
  ]);
const EXPECTED = [
  ['2026-01-05T10:00:00.000Z', '100', '101.5', '99.5', '101', '12.5'],
  ['2026-01-05T10:01:00.000Z', '101', '102', '100', '100.5', '0'],
];

describe('CSV candles', () => {
  it('reads a headerless file with the time in ms and extra columns (an exchange export)', () => {
    expect(
      plain('1767607200000,100,101.5,99.5,101,12.5,1767607259999,1262\n1767607260000,101,102,100,100.5,0,x,y\n'),
    ).toEqual(EXPECTED);
  });

  it('reads the time in seconds or microseconds', () => {
    expect(plain('1767607200,100,101.5,99.5,101,12.5\n1767607260,101,102,100,100.5,0')).toEqual(EXPECTED);
    expect(plain('1767607200000000,100,101.5,99.5,101,12.5\n1767607260000000,101,102,100,100.5,0')).toEqual(EXPECTED);
  });

  it('reads a header in any order and case, semicolons, ISO times without an offset as UTC, no volume column', () => {
    const text =
      'Date;Close;Open;High;Low\n2026-01-05 10:00:00;101;100;101.5;99.5\n"2026-01-05T11:01:00+01:00";100.5;101;102;100\n';
    expect(plain(text)).toEqual(EXPECTED.map((row, index) => (index === 0 ? [...row.slice(0, 5), '0'] : row)));
  });

  it('names the line that cannot be read', () => {
    expect(() => parseCsvCandles('time,open,high,low,close\n1767607200,100,99,98,101\n')).toThrow(
      new CsvCandleError(2, 'high and low do not contain open and close'),
    );
    expect(() => parseCsvCandles('1767607200,100,101,99,abc\n')).toThrow(/line 1: close must be a decimal number/);
    expect(() => parseCsvCandles('when,open,high,low,close\n')).toThrow(/line 1: the header names no time column/);
  });
});

describe('a timeline of open times', () => {
  it('names what is missing, given twice or off the grid, in that range only', () => {
    const minute = 60_000;
    const start = Date.UTC(2026, 0, 5);
    const timeline = new CandleTimeline(minute, start, start + 10 * minute);
    for (const offset of [-1, 0, 1, 1, 2, 2.5, 6, 7, 10]) timeline.add(start + offset * minute);
    const problems = timeline.finish();
    expect(problems).toEqual({
      missing: [
        { from: start + 3 * minute, to: start + 5 * minute },
        { from: start + 8 * minute, to: start + 9 * minute },
      ],
      duplicated: [start + minute],
      overlapping: [start + 2.5 * minute],
    });
    expect(describeProblems('BTCUSDT 1m', problems, minute)).toEqual([
      'BTCUSDT 1m: 5 candles missing in 2 gaps: 2026-01-05T00:03:00.000Z to 2026-01-05T00:05:00.000Z, 2026-01-05T00:08:00.000Z to 2026-01-05T00:09:00.000Z',
      'BTCUSDT 1m: 1 candle given twice: 2026-01-05T00:01:00.000Z',
      'BTCUSDT 1m: 1 candle off the 1m grid, overlapping their neighbours: 2026-01-05T00:02:30.000Z',
    ]);
  });
});
