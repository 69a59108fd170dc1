import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { FuturesExchange } from '../../src/exchange/port/index.ts';
import { Dec, roundToStep } from '../../src/platform/decimal/index.ts';

/**
 * What a contract suite needs from the venue under test. `advance` moves the venue's time: a
 * manual clock step, or a real wait for a wall-clock harness (which then says `controllableTime:
 * false`, and the cases that need minutes of venue time are skipped).
 */
export interface ContractHarness {
  readonly exchange: FuturesExchange;
  /** A listed, liquid symbol the account may trade. */
  readonly symbol: string;
  readonly controllableTime: boolean;
  /** Moves the market's last (and mark) price to `price`. */
  setPrice(symbol: string, price: Dec): Promise<void>;
  advance(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

/** BitMart's order detail can lag the submit by a few hundred ms (docs/reference/bitmart-wire.md#visibility-window). */
export const VISIBILITY_WAIT_MS = 1_000;

/** Alphanumeric, at most 32 characters (BitMart's rule), unique across runs. */
export function newClientOrderId(): string {
  return `ct${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

export async function tickSizeOf(exchange: FuturesExchange, symbol: string): Promise<Dec> {
  const [contract] = await exchange.contracts(symbol);
  if (!contract) throw new Error(`${symbol} is not listed`);
  return contract.tickSize;
}

export async function lastPriceOf(exchange: FuturesExchange, symbol: string): Promise<Dec> {
  return (await exchange.ticker(symbol)).lastPrice;
}

/** The last price times `factor`, on the tick: a resting limit price below (factor < 1) or above. */
export async function priceAtFactor(exchange: FuturesExchange, symbol: string, factor: number): Promise<Dec> {
  const [last, tick] = await Promise.all([lastPriceOf(exchange, symbol), tickSizeOf(exchange, symbol)]);
  return roundToStep(last.mul(factor), tick);
}

export function expectNear(actual: Dec | undefined, expected: Dec, relativeTolerance: number): void {
  expect(actual, 'a price was expected').toBeDefined();
  const gap = (actual as Dec).minus(expected).abs();
  expect(gap.lte(expected.abs().mul(relativeTolerance)), `${actual} ≈ ${expected} ± ${relativeTolerance * 100} %`).toBe(
    true,
  );
}

export function expectDecEqual(actual: Dec | undefined, expected: Dec | number | string): void {
  expect(actual?.toString()).toBe(new Dec(expected).toString());
}
