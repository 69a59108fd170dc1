import { InvalidArgumentError } from 'commander';
import { TIMEFRAMES, type Timeframe } from '../exchange/port/types.ts';

/** Commander parsers: a bad value becomes a usage error naming the flag (exit code 2). */
export function parseTimeframe(value: string): Timeframe {
  const normalised = value.toLowerCase();
  if (!(TIMEFRAMES as readonly string[]).includes(normalised)) {
    throw new InvalidArgumentError(`unknown timeframe "${value}"; expected one of ${TIMEFRAMES.join(', ')}`);
  }
  return normalised as Timeframe;
}

export function parsePositiveInt(max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
      throw new InvalidArgumentError(`expected an integer from 1 to ${max}, got "${value}"`);
    }
    return Number(value);
  };
}

export function parseSymbol(value: string): string {
  if (!/^[A-Za-z0-9]{2,30}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a symbol such as BTCUSDT`);
  return value.toUpperCase();
}
