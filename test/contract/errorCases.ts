import { expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import { InvalidRequestError, RejectedError } from '../../src/platform/errors/exchangeErrors.ts';
import { type ContractHarness, newClientOrderId, priceAtFactor } from './contractKit.ts';

const UNKNOWN_SYMBOL = 'NOSUCHCOINUSDT';

export function errorCases(harness: () => ContractHarness): void {
  it('says invalid for an unknown symbol', async () => {
    const { exchange } = harness();
    await expect(exchange.ticker(UNKNOWN_SYMBOL)).rejects.toBeInstanceOf(InvalidRequestError);
    const order = exchange.submitOrder({
      symbol: UNKNOWN_SYMBOL,
      clientOrderId: newClientOrderId(),
      side: 'open_long',
      type: 'market',
      size: new Dec(1),
    });
    await expect(order).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('says rejected, with the venue code, when the balance cannot pay for an order', async () => {
    const { exchange, symbol } = harness();
    const [contract] = await exchange.contracts(symbol);
    const [usdt] = (await exchange.balances()).filter((balance) => balance.currency === 'USDT');
    if (!contract || !usdt) throw new Error('needs a contract and a USDT balance');
    const price = await priceAtFactor(exchange, symbol, 0.95);
    // Ten times what the balance could hold at leverage 1, within the largest limit order.
    const affordable = usdt.available.div(price.mul(contract.contractSize)).floor();
    const size = Dec.min(affordable.mul(10).plus(1), contract.maxSize);
    const order = exchange.submitOrder({
      symbol,
      clientOrderId: newClientOrderId(),
      side: 'open_long',
      type: 'limit',
      size,
      price,
      leverage: new Dec(1),
      marginMode: 'cross',
    });
    await expect(order).rejects.toBeInstanceOf(RejectedError);
    await expect(order).rejects.toMatchObject({ kind: 'rejected', venueCode: expect.any(Number) });
    expect(await exchange.openOrders(symbol)).toEqual([]);
  });

  it('says rejected for a client order id already used', async () => {
    const { exchange, symbol } = harness();
    const request = {
      symbol,
      clientOrderId: newClientOrderId(),
      side: 'open_long' as const,
      type: 'limit' as const,
      size: new Dec(1),
      price: await priceAtFactor(exchange, symbol, 0.8),
    };
    await exchange.submitOrder(request);
    await expect(exchange.submitOrder(request)).rejects.toBeInstanceOf(RejectedError);
    expect(await exchange.openOrders(symbol)).toHaveLength(1);
  });
}
