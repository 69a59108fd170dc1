import { Dec, parseDecimal } from '../../platform/decimal/index.ts';
import type { RecordedCandle } from '../../simulator/replay/index.ts';

/** A line of the file that cannot be read as a candle; `line` counts from 1. */
export class CsvCandleError extends Error {
  override readonly name = 'CsvCandleError';
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

const COLUMN_NAMES = {
  time: ['timestamp', 'time', 'open_time', 'opentime', 'date', 'datetime', 'ts', 'unix'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v'],
} as const;
type Column = keyof typeof COLUMN_NAMES;
const HEADERLESS: Readonly<Record<Column, number>> = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };

/**
 * Candles from the common OHLCV layouts: comma, semicolon or tab separated; a header naming the
 * columns (timestamp/time/date/open_time, open, high, low, close, volume, in any order, any case)
 * or none (time, open, high, low, close, volume first, as exchanges' exports have them, more
 * columns ignored); the time in ms, s or µs since 1970 or as an ISO date (UTC when it names no
 * offset). Volume may be absent (0). Returns the candles in file order; a line that cannot be read
 * is an error naming it.
 */
export function parseCsvCandles(text: string): RecordedCandle[] {
  const lines = text.split(/\r?\n/);
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  if (firstIndex < 0) return [];
  const separator = [',', ';', '\t'].find((candidate) => (lines[firstIndex] ?? '').includes(candidate)) ?? ',';
  const firstCells = split(lines[firstIndex] ?? '', separator);
  const header = !isTime(firstCells[0] ?? '');
  const columns = header ? columnsOf(firstCells, firstIndex + 1) : HEADERLESS;
  const candles: RecordedCandle[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '' || (header && index === firstIndex)) return;
    candles.push(candleOf(split(line, separator), columns, index + 1));
  });
  return candles;
}

function split(line: string, separator: string): string[] {
  return line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function columnsOf(cells: readonly string[], line: number): Record<Column, number> {
  const names = cells.map((cell) => cell.toLowerCase().replace(/[\s-]/g, '_'));
  const find = (column: Column) =>
    names.findIndex((name) => (COLUMN_NAMES[column] as readonly string[]).includes(name));
  const columns = {
    time: find('time'),
    open: find('open'),
    high: find('high'),
    low: find('low'),
    close: find('close'),
    volume: find('volume'),
  };
  const absent = (Object.keys(columns) as Column[]).filter((column) => column !== 'volume' && columns[column] < 0);
  if (absent.length > 0) {
    throw new CsvCandleError(line, `the header names no ${absent.join(', ')} column (found: ${cells.join(', ')})`);
  }
  return columns;
}

function candleOf(cells: readonly string[], columns: Readonly<Record<Column, number>>, line: number): RecordedCandle {
  const cell = (column: Column) => cells[columns[column]] ?? '';
  const price = (column: Column) => {
    try {
      const value = parseDecimal(cell(column), column);
      if (value.lte(0)) throw new RangeError(`${column} must be positive, got ${cell(column)}`);
      return value;
    } catch (error) {
      throw new CsvCandleError(line, error instanceof Error ? error.message : String(error));
    }
  };
  const candle = {
    openTime: timeOf(cell('time'), line),
    open: price('open'),
    high: price('high'),
    low: price('low'),
    close: price('close'),
    volume: columns.volume < 0 || cell('volume') === '' ? new Dec(0) : volumeOf(cell('volume'), line),
  };
  if (
    candle.high.lt(Dec.max(candle.open, candle.close, candle.low)) ||
    candle.low.gt(Dec.min(candle.open, candle.close))
  ) {
    throw new CsvCandleError(line, 'high and low do not contain open and close');
  }
  return candle;
}

function volumeOf(text: string, line: number): Dec {
  try {
    const value = parseDecimal(text, 'volume');
    if (value.isNegative()) throw new RangeError(`volume must not be negative, got ${text}`);
    return value;
  } catch (error) {
    throw new CsvCandleError(line, error instanceof Error ? error.message : String(error));
  }
}

function isTime(text: string): boolean {
  return /^\d+(\.\d+)?$/.test(text) || /^\d{4}-\d{2}-\d{2}/.test(text);
}

/** Digits: s below 10¹¹ (year 5138), ms below 10¹⁴, else µs. Text: ISO 8601, UTC unless it says otherwise. */
function timeOf(text: string, line: number): number {
  if (/^\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    if (value < 1e11) return Math.round(value * 1000);
    if (value < 1e14) return Math.round(value);
    return Math.round(value / 1000);
  }
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    const withTime = text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T');
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(withTime) ? withTime : `${withTime}Z`;
    const time = Date.parse(zoned);
    if (Number.isFinite(time)) return time;
  }
  throw new CsvCandleError(line, `"${text}" is not a time (Unix s, ms or µs, or an ISO date)`);
}
