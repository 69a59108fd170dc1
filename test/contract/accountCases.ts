import { expect, it } from 'vitest';
import type { FuturesExchange, Position } from '../../src/exchange/port/index.ts';
import { Dec } from '../../src/platform/decimal/index.ts';
import { RejectedError } from '../../src/platform/errors/exchangeErrors.ts';
import {
  type ContractHarness,
  expectDecEqual,
  expectNear,
  lastPriceOf,
  newClientOrderId,
  priceAtFactor,
  VISIBILITY_WAIT_MS,
} from './contractKit.ts';

async function openLongAtMarket(exchange: FuturesExchange, symbol: string, size = 1) {
  return exchange.submitOrder({
    symbol,
    clientOrderId: newClientOrderId(),
    side: 'open_long',
    type: 'market',
    size: new Dec(size),
  });
}

/**
 * BitMart allows 2 position-mode calls (get or set) per 2 s and per key (docs/reference/bitmart-wire.md#rate-limits); a
 * client that keeps to its limits waits, on its clock, before a third: the cases pace themselves.
 */
const POSITION_MODE_WINDOW_MS = 2_200;

export function accountCases(harness: () => ContractHarness): void {
  it('reports a USDT balance whose equity is available + frozen + position margin + unrealised PnL', async () => {
    const { exchange } = harness();
    const usdt = (await exchange.balances()).find((balance) => balance.currency === 'USDT');
    expect(usdt).toBeDefined();
    if (!usdt) return;
    expect(usdt.available.gt(0)).toBe(true);
    const parts = usdt.available.plus(usdt.frozen).plus(usdt.positionMargin).plus(usdt.unrealizedPnl);
    expectNear(parts, usdt.equity, 1e-6);
  });

  it('opens a long position at about the market price with a market order', async () => {
    const { exchange, symbol } = harness();
    const last = await lastPriceOf(exchange, symbol);
    await openLongAtMarket(exchange, symbol, 2);
    const positions = await exchange.positions(symbol);
    expect(positions).toHaveLength(1);
    const position = positions[0] as Position;
    expect(position.symbol).toBe(symbol);
    expect(position.side).toBe('long');
    expectDecEqual(position.size, 2);
    expectNear(position.entryPrice, last, 0.01);
    expect((await exchange.positions()).map((p) => `${p.symbol}:${p.side}`)).toContain(`${symbol}:long`);
  });

  it('reports no position for a symbol it never traded', async () => {
    const { exchange, symbol } = harness();
    expect(await exchange.positions(symbol)).toEqual([]);
  });

  it('switches the position mode while flat, and reads it back', async () => {
    const { exchange, advance } = harness();
    const initial = await exchange.positionMode();
    const other = initial === 'hedge' ? 'one_way' : 'hedge';
    await exchange.setPositionMode(other);
    await advance(POSITION_MODE_WINDOW_MS);
    expect(await exchange.positionMode()).toBe(other);
    await exchange.setPositionMode(initial);
    await advance(POSITION_MODE_WINDOW_MS);
    expect(await exchange.positionMode()).toBe(initial);
  });

  it('refuses to switch the position mode while a position is open', async () => {
    const { exchange, symbol } = harness();
    const initial = await exchange.positionMode();
    await openLongAtMarket(exchange, symbol);
    await harness().advance(VISIBILITY_WAIT_MS);
    await expect(exchange.setPositionMode(initial === 'hedge' ? 'one_way' : 'hedge')).rejects.toBeInstanceOf(
      RejectedError,
    );
    await harness().advance(POSITION_MODE_WINDOW_MS);
    expect(await exchange.positionMode()).toBe(initial);
  });

  it('sets the leverage of a symbol, which the next position takes', async () => {
    const { exchange, symbol } = harness();
    const set = await exchange.setLeverage(symbol, new Dec(7), 'cross');
    expectDecEqual(set.leverage, 7);
    expect(set.marginMode).toBe('cross');
    await openLongAtMarket(exchange, symbol);
    const [position] = await exchange.positions(symbol);
    expectDecEqual(position?.leverage, 7);
    expect(position?.marginMode).toBe('cross');
  });

  it("keeps a ledger: a commission per fill (its fee, debited) and the close's realised PnL, each signed as credited", async () => {
    const { exchange, symbol, setPrice, advance } = harness();
    const higher = await priceAtFactor(exchange, symbol, 1.01);
    await openLongAtMarket(exchange, symbol, 2);
    await setPrice(symbol, higher);
    await exchange.submitOrder({
      symbol,
      clientOrderId: newClientOrderId(),
      side: 'close_long',
      type: 'market',
      size: new Dec(2),
    });
    await advance(VISIBILITY_WAIT_MS);
    const fills = await exchange.fills(symbol);
    const closing = fills.filter((fill) => fill.side === 'close_long');
    expect(closing.length).toBeGreaterThan(0);

    const ledger = await exchange.ledger({ symbol });
    const commissions = ledger.filter((entry) => entry.kind === 'commission');
    const sum = (values: readonly Dec[]) => values.reduce((total, value) => total.plus(value), new Dec(0));
    expect(commissions).toHaveLength(fills.length);
    expectDecEqual(sum(commissions.map((entry) => entry.amount)), sum(fills.map((fill) => fill.fee)).neg());
    const realized = ledger.filter((entry) => entry.kind === 'realized_pnl');
    expectDecEqual(
      sum(realized.map((entry) => entry.amount)),
      sum(closing.map((fill) => fill.realizedPnl ?? new Dec(0))),
    );
    expect(sum(realized.map((entry) => entry.amount)).gt(0)).toBe(true);
    for (const entry of ledger) expect(entry).toMatchObject({ symbol, currency: 'USDT' });

    const onlyFees = await exchange.ledger({ symbol, kind: 'commission' });
    expect(onlyFees.map((entry) => entry.kind)).toEqual(commissions.map(() => 'commission'));
    const newest = Math.max(...ledger.map((entry) => entry.time));
    expect(await exchange.ledger({ symbol, window: { start: newest + 1 } })).toEqual([]);
  });
}
